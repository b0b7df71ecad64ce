"""Which AWS operations the frontend (`src/`) can send, read from its TypeScript source.

The SDK v3 sends one operation per command class, so the commands `src/` takes from
`@aws-sdk/client-*` are the operations it sends. Three ways of naming one are understood:
`import { XCommand [as Y] } from '…'`, `const { XCommand[: Y] } = await import('…')`, and a
namespace (`import * as sdk`, `const sdk = await import('…')`, `sdk: typeof import('…')`) used
as `sdk.XCommand`. Feature code takes them from `src/aws/sdk/<client>.ts` (which re-exports only
what src/ uses, so webpack bundles only those commands): that path counts as the client's package,
a value import straight from the package is reported, and so is a command a module re-exports that
nothing sends. Raw query-protocol requests (`new ProxyRequestHandler('iam', …)` with
`Action: 'ListRoles'`) are read too. Any other `…Command` identifier is reported as unreadable,
so a new way of sending cannot slip past the allowlist test.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from jupyterlab_aws_spark_ml.proxy.catalog import ServiceCatalog

# npm client package suffix → botocore service name (the proxy route's `service`).
CLIENT_SERVICE = {
    "cloudwatch-logs": "logs",
    "emr": "emr",
    "emr-serverless": "emr-serverless",
    "glue": "glue",
    "iam": "iam",
    "lakeformation": "lakeformation",
    "s3": "s3",
    "sagemaker": "sagemaker",
    "sagemaker-runtime": "sagemaker-runtime",
    "sts": "sts",
}

# The package, or its module of re-exports in src/aws/sdk/ ('../aws/sdk/glue', './sdk/glue').
_PKG = r"""['"](?:@aws-sdk/client-|(?:\.\.?/)+(?:aws/)?sdk/)([a-z0-9-]+)(?:/[^'"]*)?['"]"""
_DIRECT = re.compile(
    r"""(?:\bimport\s+(?!type\b)[^;]*?\bfrom\s*|(?<!typeof )\bimport\(\s*)['"]@aws-sdk/client-([a-z0-9-]+)"""
)
_RE_EXPORT = re.compile(r"\bexport\s+\{([^}]*)\}\s*from\s*['\"]@aws-sdk/client-([a-z0-9-]+)['\"]")
_STATIC_NAMED = re.compile(r"\bimport\s+(type\s+)?\{([^}]*)\}\s*from\s*" + _PKG)
_STATIC_NAMESPACE = re.compile(r"\bimport\s+(type\s+)?\*\s+as\s+(\w+)\s+from\s*" + _PKG)
_DYNAMIC_NAMED = re.compile(r"\{([^{}]*)\}\s*=\s*(?:await\s+)?import\(\s*" + _PKG + r"\s*\)")
_DYNAMIC_NAMESPACE = re.compile(r"\b(\w+)\s*=\s*(?:await\s+)?import\(\s*" + _PKG + r"\s*\)")
_TYPEOF_NAMESPACE = re.compile(r"\b(\w+)\s*\??:\s*typeof\s+import\(\s*" + _PKG + r"\s*\)")
_INLINE_MEMBER = re.compile(r"import\(\s*" + _PKG + r"\s*\)\s*\)\s*\.\s*(\w+Command)\b")
_COMMAND = re.compile(r"\b[A-Z]\w*Command\b")
_RAW_HANDLER = re.compile(r"\bnew\s+ProxyRequestHandler\(\s*([^,)]*)")
_RAW_ACTION = re.compile(r"""\bAction\s*:\s*(['"]?)(\w+)\1""")
_COMMENT = re.compile(r"/\*.*?\*/|(?<![:'\"\w\\])//[^\n]*", re.S)
# The SDK clients' own request handler: it sends whatever command it is given.
_SDK_HANDLER_FILE = "aws/clients.ts"
_SDK_MODULES = "aws/sdk"


@dataclass
class Reading:
    """Operations (`service:Operation`) with the files sending them, and what could not be read."""

    sends: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    unreadable: list[str] = field(default_factory=list)


def source_files(src: Path) -> list[Path]:
    files = [*src.rglob("*.ts"), *src.rglob("*.tsx")]
    return sorted(
        f
        for f in files
        if "__tests__" not in f.parts
        and not f.name.endswith((".d.ts", ".test.ts", ".test.tsx", ".spec.ts"))
    )


def read_src(src: Path, catalog: ServiceCatalog | None = None) -> Reading:
    catalog = catalog or ServiceCatalog.shared()
    reading = Reading()
    for path in source_files(src):
        name = path.relative_to(src).as_posix()
        if not name.startswith(_SDK_MODULES + "/"):
            _read_file(path, name, catalog, reading)
    for path in sorted((src / _SDK_MODULES).glob("*.ts")):
        _check_re_exports(path, f"{_SDK_MODULES}/{path.name}", reading)
    return reading


def _check_re_exports(path: Path, name: str, reading: Reading) -> None:
    """A module in src/aws/sdk/ re-exports from its own client, and no command nothing sends."""
    service = CLIENT_SERVICE.get(path.stem)
    for m in _RE_EXPORT.finditer(_COMMENT.sub("", path.read_text())):
        if m.group(2) != path.stem:
            reading.unreadable.append(f"{name}: re-exports from @aws-sdk/client-{m.group(2)}")
        for imported, _, _ in _specifiers(m.group(1), " as "):
            operation = f"{service}:{imported.removesuffix('Command')}"
            if imported.endswith("Command") and operation not in reading.sends:
                reading.unreadable.append(
                    f"{name}: re-exports {imported}, which src/ never sends; remove it"
                )


def _read_file(path: Path, name: str, catalog: ServiceCatalog, reading: Reading) -> None:
    code = _COMMENT.sub("", path.read_text())
    for m in _DIRECT.finditer(code):
        reading.unreadable.append(
            f"{name}: imports @aws-sdk/client-{m.group(1)} itself; import from "
            f"src/aws/sdk/{m.group(1)}.ts (add what you need there) so webpack bundles only "
            "the commands src/ uses"
        )

    def service_of(package: str) -> str | None:
        if package not in CLIENT_SERVICE:
            reading.unreadable.append(
                f"{name}: @aws-sdk/client-{package} has no botocore name; add it to "
                "CLIENT_SERVICE in tests/proxy/browser_sends.py"
            )
        return CLIENT_SERVICE.get(package)

    def record(service: str | None, command: str) -> None:
        if service is None:
            return
        operation = command.removesuffix("Command")
        if not catalog.has_operation(service, operation):
            reading.unreadable.append(f"{name}: {command} is not an operation of {service}")
            return
        reading.sends[f"{service}:{operation}"].add(name)

    accounted: set[str] = set()  # Command identifiers whose service is known
    for m in _STATIC_NAMED.finditer(code):
        for imported, local, type_only in _specifiers(m.group(2), " as "):
            if imported.endswith("Command"):
                accounted.update((imported, local))
                if not (m.group(1) or type_only):
                    record(service_of(m.group(3)), imported)
    for m in _DYNAMIC_NAMED.finditer(code):
        for imported, local, _ in _specifiers(m.group(1), ":"):
            if imported.endswith("Command"):
                accounted.update((imported, local))
                record(service_of(m.group(2)), imported)

    namespaces: dict[str, set[str | None]] = defaultdict(set)
    for m in _STATIC_NAMESPACE.finditer(code):
        if not m.group(1):
            namespaces[m.group(2)].add(service_of(m.group(3)))
    for pattern in (_DYNAMIC_NAMESPACE, _TYPEOF_NAMESPACE):
        for m in pattern.finditer(code):
            namespaces[m.group(1)].add(service_of(m.group(2)))
    for alias, services in namespaces.items():
        if re.search(rf"\b{re.escape(alias)}\s*\[", code):
            reading.unreadable.append(
                f"{name}: {alias}[…] picks a command at run time; name it (`{alias}.XCommand`)"
            )
        for m in re.finditer(rf"\b{re.escape(alias)}\s*\.\s*(\w+Command)\b", code):
            accounted.add(m.group(1))
            candidates = [
                s
                for s in services
                if s and catalog.has_operation(s, m.group(1).removesuffix("Command"))
            ]
            if len(candidates) == 1:
                record(candidates[0], m.group(1))
            else:
                reading.unreadable.append(
                    f"{name}: {alias}.{m.group(1)} may come from any of {sorted(map(str, services))}; "
                    "give each client's module its own name"
                )
    for m in _INLINE_MEMBER.finditer(code):
        accounted.add(m.group(2))
        record(service_of(m.group(1)), m.group(2))

    for command in sorted(set(_COMMAND.findall(code)) - accounted):
        reading.unreadable.append(
            f"{name}: cannot tell which client {command} belongs to; import it by name "
            "from its '@aws-sdk/client-…' package"
        )
    _read_raw_requests(code, name, record, reading)


def _specifiers(block: str, alias_separator: str):
    """(imported, local, type_only) for each `A`, `type A`, `A as B` / `A: B` in a braces list."""
    for part in block.split(","):
        part = " ".join(part.split())
        if not part:
            continue
        type_only = part.startswith("type ")
        part = part.removeprefix("type ")
        imported, _, local = part.partition(alias_separator)
        yield imported.strip(), (local.strip() or imported.strip()), type_only


def _read_raw_requests(code: str, name: str, record, reading: Reading) -> None:
    for m in _RAW_HANDLER.finditer(code):
        literal = re.fullmatch(r"""\s*(['"])([a-z0-9-]+)\1\s*""", m.group(1))
        if literal is None:
            if name != _SDK_HANDLER_FILE:
                reading.unreadable.append(
                    f"{name}: ProxyRequestHandler({m.group(1).strip()}, …) names its service "
                    "at run time; pass a string literal"
                )
            continue
        actions = _RAW_ACTION.findall(code)
        if not actions or any(not quote for quote, _ in actions):
            reading.unreadable.append(
                f"{name}: a raw {literal.group(2)} request whose operation is not a literal "
                "`Action: 'Name'`; use the SDK client's command, or write the Action literally"
            )
        for quote, action in actions:
            if quote:
                record(literal.group(2), action + "Command")
