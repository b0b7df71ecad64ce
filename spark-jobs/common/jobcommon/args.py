"""Command-line arguments from a params dataclass: --field-name value, checked by the dataclass."""

from __future__ import annotations

import argparse
import dataclasses
import typing

from .errors import JobInputError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would exit the process; we want a clear error
        raise JobInputError("arguments", message, "see --help for the accepted arguments")


def params_from_args(cls, argv: list[str], allow_unknown: bool = False):
    """Build `cls` (a dataclass of str/int/float/bool fields) from `--snake-case` arguments."""
    hints = typing.get_type_hints(cls)
    parser = _Parser(prog=cls.__name__)
    for field in dataclasses.fields(cls):
        kind = hints[field.name]
        base = next(
            (t for t in (bool, int, float, str) if t == kind or t in typing.get_args(kind)), str
        )
        required = field.default is dataclasses.MISSING
        dashed = f"--{field.name.replace('_', '-')}"
        names = [dashed] + ([f"--{field.name}"] if "_" in field.name else [])
        parser.add_argument(  # --input-uri for people, --input_uri for Glue job parameters
            *names,
            dest=field.name,
            required=required,
            default=None if required else field.default,
            type=_boolean if base is bool else _typed(field.name, base),
        )
    args, _ = parser.parse_known_args(argv) if allow_unknown else (parser.parse_args(argv), None)
    return cls(**vars(args))


def _typed(name: str, base):
    def convert(text: str):
        try:
            return base(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"--{name.replace('_', '-')} wants a {base.__name__}"
            ) from None

    return convert


def _boolean(text: str) -> bool:
    if text.lower() in ("true", "1", "yes"):
        return True
    if text.lower() in ("false", "0", "no"):
        return False
    raise argparse.ArgumentTypeError(f"{text!r} is not true/false")
