"""Which AWS operations Python code calls through boto3, read from its syntax tree.

A client is whatever `client("svc", …)` / `boto3.client("svc")` / `session.client("svc")` /
botocore's `session.create_client("svc")` returns, or a function returning one (`def glue_client(): return boto3.client("glue")`). Names
(variables, `self._glue`, parameters of the same name) bound to a client anywhere in a module are
taken to hold it; then `name.describe_cluster(…)` is `emr:DescribeCluster`, and
`name.get_paginator("list_roles")` / `name.get_waiter("endpoint_in_service")` the operation
they call. A method that is no operation and no known helper is reported, not skipped.
"""

from __future__ import annotations

import ast
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import botocore.session
from botocore import xform_name

# boto3's transfer helpers, and the IAM actions they need.
_TRANSFERS = {
    "upload_file": ["PutObject"],
    "upload_fileobj": ["PutObject"],
    "download_file": ["HeadObject", "GetObject"],
    "download_fileobj": ["HeadObject", "GetObject"],
}
# Client methods that call no AWS operation by themselves.
_LOCAL = {"close", "can_paginate", "generate_presigned_url", "generate_presigned_post"}


@dataclass
class Calls:
    """Operations (`service:Operation`) with where they are called, and what could not be read."""

    calls: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    unreadable: list[str] = field(default_factory=list)


def python_sources(path: Path) -> list[tuple[str, str]]:
    """(label, code) for a .py file, or each code cell of a notebook joined into one module."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text())["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        # IPython's `%magic` and `!shell` lines are not Python.
        lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines()]
        return [(path.name, "\n".join(lines))]
    return [(path.name, path.read_text())]


def read_calls(files: list[Path]) -> Calls:
    found = Calls()
    session = botocore.session.get_session()
    for path in files:
        for label, code in python_sources(path):
            _Module(label, ast.parse(code), session, found).read()
    return found


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


class _Module:
    def __init__(self, label: str, tree: ast.Module, session, found: Calls) -> None:
        self.label, self.tree, self.session, self.found = label, tree, session, found
        self.factories: dict[str, str] = {}  # function name → service of the client it returns
        self.bound: dict[str, str] = {}  # variable/attribute/parameter name → service
        # `def client(service): return boto3.client(service, …)`: a wrapper, read where it is used
        self.wrapped = {
            id(call)
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            for call in ast.walk(function)
            if isinstance(call, ast.Call)
            and call.args
            and isinstance(call.args[0], ast.Name)
            and call.args[0].id in {a.arg for a in function.args.args}
        }

    def read(self) -> None:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Return) and inner.value is not None:
                        service = self.client_service(inner.value)
                        if service:
                            self.factories[node.name] = service
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                service = self.client_service(node.value)
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if service and _name(target):
                        self.bound[_name(target)] = service
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                service = self.client_service(node.func.value)
                if service is None and _name(node.func.value) in self.bound:
                    service = self.bound[_name(node.func.value)]
                if service:
                    self.method(service, node.func.attr, node)

    def client_service(self, node: ast.AST) -> str | None:
        """The service of the client this expression creates, if it creates one."""
        if not isinstance(node, ast.Call):
            return None
        if _name(node.func) in ("client", "create_client") and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                return first.value
            if id(node) in self.wrapped:
                return None
            self.found.unreadable.append(
                f"{self.label}:{node.lineno}: client({ast.unparse(first)}) names its service at "
                "run time; write the service name literally"
            )
            return None
        if isinstance(node.func, ast.Name) and node.func.id in self.factories:
            return self.factories[node.func.id]
        return None

    def method(self, service: str, method: str, call: ast.Call) -> None:
        where = f"{self.label}:{call.lineno}"
        model = self.session.get_service_model(service)
        operations = {xform_name(op): op for op in model.operation_names}
        if method in operations:
            self.found.calls[f"{service}:{operations[method]}"].add(where)
        elif method in _TRANSFERS:
            for op in _TRANSFERS[method]:
                self.found.calls[f"{service}:{op}"].add(where)
        elif method in ("get_paginator", "get_waiter"):
            arg = call.args[0] if call.args else None
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                self.found.unreadable.append(f"{where}: {method} with a name known at run time")
            elif method == "get_paginator":
                self.found.calls[f"{service}:{operations[arg.value]}"].add(where)
            else:
                waiter = self.session.get_waiter_model(service).get_waiter(
                    "".join(p.capitalize() for p in arg.value.split("_"))
                )
                self.found.calls[f"{service}:{waiter.operation}"].add(where)
        elif method not in _LOCAL:
            self.found.unreadable.append(
                f"{where}: {service} client's {method}() is neither an operation nor a "
                "known helper; teach tests/proxy/kernel_calls.py what it calls"
            )
