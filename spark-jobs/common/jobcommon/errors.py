"""One error type for everything the caller can fix: it names the field, the problem and the fix."""

from __future__ import annotations


class JobInputError(ValueError):
    """Bad parameters or empty inputs. Raised before anything is written."""

    def __init__(self, field: str, problem: str, fix: str) -> None:
        self.field = field
        self.problem = problem
        self.fix = fix
        super().__init__(f"{field}: {problem}. Fix: {fix}")


def require(condition: bool, field: str, problem: str, fix: str) -> None:
    if not condition:
        raise JobInputError(field, problem, fix)


URI_SCHEMES = ("s3://", "s3a://", "s3n://", "file:/")


def check_uri(value: str | None, field: str, required: bool = True) -> None:
    """Spark-readable locations only: a typo like 's3:/bucket' must fail here, not mid-job."""
    if value is None or value == "":
        require(
            not required,
            field,
            "is missing",
            f"pass --{field.replace('_', '-')} s3://bucket/prefix",
        )
        return
    require(
        value.startswith(URI_SCHEMES),
        field,
        f"{value!r} is not an s3://, s3a:// or file:/ location",
        "give a full URI such as s3a://bucket/prefix (local runs: file:///abs/path)",
    )
