"""`%aws_spark`: attach this notebook to Spark on EMR, a Glue session or local Spark.

    %aws_spark connect emr --cluster-id j-… [--auth-type None|Basic_Access|Kerberos]
                           [--username U --secret-id S] [--region R] [--livy-port N] [--https]
    %aws_spark connect glue --session-id ID [--region R]
    %aws_spark connect local [--cores N]
    %aws_spark status | disconnect | spark-ui
    %aws_spark to_pandas DF [--var NAME] [--via s3://bucket/prefix/] [--max-rows N] [--keep-files]

Basic_Access reads the password from Secrets Manager (--secret-id) or $AWS_SPARK_ML_LIVY_PASSWORD,
never from the notebook. Kerberos uses your ticket: run `kinit user@REALM` in a terminal first.
After connecting to EMR or Glue, plain cells run on the remote Spark (where `spark` exists);
cells starting with a magic or `!` run in the kernel, and `%%local` runs a plain cell here.
Unlike sparkmagic's `%%spark -o df` (at most 2,500 rows, silently), `to_pandas` brings every row
back through Parquet on S3 unless you pass --max-rows, and says so when it does.
"""

from __future__ import annotations

import argparse
import atexit
import shlex

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, magics_class

from .announce import ConnectFailed, NotConnected, announce, warn
from .routing import CellRouter, install, is_tool_request


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would exit the kernel's process
        raise UsageError(f"{message}\n\n{self.format_usage()}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="%aws_spark", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    connect = commands.add_parser("connect", help="attach this notebook to Spark")
    targets = connect.add_subparsers(dest="target", required=True, parser_class=_Parser)
    emr = targets.add_parser("emr", help="an EMR cluster's Livy (sparkmagic)")
    emr.add_argument("--cluster-id", required=True)
    emr.add_argument("--auth-type", default="None", choices=["None", "Basic_Access", "Kerberos"])
    emr.add_argument("--username", default="", help="for Basic_Access")
    emr.add_argument("--secret-id", help="Secrets Manager secret with the Basic_Access password")
    emr.add_argument(
        "--password-env",
        default="AWS_SPARK_ML_LIVY_PASSWORD",
        help="environment variable with the password when there is no --secret-id",
    )
    emr.add_argument("--region")
    emr.add_argument("--livy-port", type=int, help="default: $AWS_SPARK_ML_LIVY_PORT or 8998")
    emr.add_argument(
        "--https", action="store_true", help="Livy serves TLS (EMR in-transit encryption)"
    )
    glue = targets.add_parser("glue", help="a READY Glue interactive session")
    glue.add_argument("--session-id", required=True)
    glue.add_argument("--region")
    local = targets.add_parser("local", help="Spark in this kernel")
    local.add_argument("--cores", type=int, default=2)
    commands.add_parser("status", help="what this notebook is attached to")
    commands.add_parser("disconnect", help="stop using the attached Spark")
    commands.add_parser("spark-ui", help="link to the Spark UI, when there is one")
    pull = commands.add_parser("to_pandas", help="a remote DataFrame → pandas, every row")
    pull.add_argument("name", help="the DataFrame's variable name on the Spark side")
    pull.add_argument("--var", help="name of the pandas DataFrame here (default: NAME_pd)")
    pull.add_argument("--via", help="S3 scratch prefix (default: $AWS_SPARK_ML_SCRATCH_S3)")
    pull.add_argument("--max-rows", type=int, help="bring at most this many rows (printed)")
    pull.add_argument("--keep-files", action="store_true", help="leave the Parquet files on S3")
    return parser


@magics_class
class AwsSparkMagics(Magics):
    def __init__(self, shell) -> None:
        super().__init__(shell)
        self.connection = None
        self._parser = build_parser()
        install(shell, CellRouter(self._is_remote))
        atexit.register(self._clean_up_at_exit)

    def _is_remote(self) -> bool:
        attached = self.connection is not None and self.connection.remote
        return attached and not is_tool_request(self.shell)

    @line_cell_magic
    def aws_spark(self, line: str, cell: str | None = None):
        """Attach to Spark on EMR, Glue or locally; see `%aws_spark --help`."""
        if cell is not None:
            return self._run_cell(cell)
        try:
            args = self._parser.parse_args(shlex.split(line))
        except SystemExit:  # --help printed the usage; nothing else to do
            return None
        if args.command == "connect":
            return self._connect(args)
        if args.command == "to_pandas":
            from .commands import to_pandas

            return to_pandas(self, args)
        if self.connection is None:
            if args.command == "status":
                print("Not attached to Spark. Use `%aws_spark connect …`.")
                announce({"event": "status", "target": None, "state": "disconnected"})
                return None
            raise NotConnected(f"%aws_spark {args.command}")
        if args.command == "status":
            from .commands import show_status

            return show_status(self.connection)
        if args.command == "disconnect":
            return self._disconnect()
        if args.command == "spark-ui":
            from .commands import show_spark_ui

            return show_spark_ui(self.connection)
        return None

    def _run_cell(self, cell: str):
        if self.connection is None:
            raise NotConnected("A %%aws_spark cell")
        self.connection.run(cell).show()
        return None

    def _connect(self, args) -> None:
        from .commands import open_connection

        if self.connection is not None:
            if self._still_attached_to(args):
                # Re-running the connect cell keeps the live session (a new one takes minutes).
                print(f"Already attached to {args.target}; `%aws_spark disconnect` to start over.")
                announce(self.connection.connected_event())
                return
            try:
                print(self._disconnect(quiet=True))
            except Exception as e:  # the old session may already be gone; connecting matters more
                warn(f"Could not close the previous connection cleanly: {e}")
        try:
            self.connection = open_connection(self.shell, args)
        except ConnectFailed as failure:
            announce(failure.event())
            raise
        except KeyboardInterrupt:
            announce(ConnectFailed(args.target, "connect was interrupted", "run it again").event())
            raise
        except Exception as e:  # e.g. no AWS credentials: the UI still needs its one line
            failure = ConnectFailed(
                args.target, f"{type(e).__name__}: {e}", "see the error above and run it again"
            )
            announce(failure.event())
            raise failure from e
        event = self.connection.connected_event()
        where = "in this kernel" if args.target == "local" else "on the attached Spark"
        print(
            f"Attached to {args.target} ({event.get('id')}). `spark` is ready {where}."
            + (
                "\nPlain cells now run there; start a cell with %%local to run it here."
                if self.connection.remote
                else ""
            )
        )
        announce(event)

    def _still_attached_to(self, args) -> bool:
        wanted = {"emr": "cluster_id", "glue": "session_id"}.get(args.target)
        same_id = getattr(args, wanted) if wanted else "local"
        event = self.connection.connected_event()
        if (event["target"], event["id"]) != (args.target, same_id):
            return False
        return self.connection.status().get("state") in ("idle", "busy", "READY")

    def _disconnect(self, quiet: bool = False) -> str | None:
        connection, self.connection = self.connection, None
        message = connection.disconnect()
        if quiet:
            return message
        print(message)
        announce({"event": "disconnected", "target": connection.target, "message": message})
        return None

    def _clean_up_at_exit(self) -> None:
        # A Livy session would otherwise live until its heartbeat timeout after the kernel dies.
        if self.connection is not None and self.connection.target == "emr":
            try:
                self.connection.disconnect()
            except Exception as e:
                warn(f"Could not delete the Livy session at exit: {e}")
