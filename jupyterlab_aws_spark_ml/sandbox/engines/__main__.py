"""`python -m jupyterlab_aws_spark_ml.sandbox.engines fetch`: fill the jar cache (run by `make`)."""

from __future__ import annotations

import argparse
import sys

from .maven import MAVEN_CENTRAL, fetch, jar_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jupyterlab_aws_spark_ml.sandbox.engines")
    commands = parser.add_subparsers(dest="command", required=True)
    fetch_command = commands.add_parser(
        "fetch", help="download the Spark jars the sandbox needs (hadoop-aws, AWS SDK bundle)"
    )
    fetch_command.add_argument(
        "--repository", default=MAVEN_CENTRAL, help="Maven repository URL (default: Maven Central)"
    )
    args = parser.parse_args(argv)
    if args.command == "fetch":
        fetch(repository=args.repository.rstrip("/"))
        print(f"jars are in {jar_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
