"""What each `%aws_spark` sub-command does, apart from argument parsing."""

from __future__ import annotations

from .announce import NotConnected, announce


def open_connection(shell, args):
    """A new connection for `%aws_spark connect <target> …`; raises ConnectFailed with a fix."""
    if args.target == "emr":
        from .emr import EmrConnection
        from .livy_auth import basic_password

        password = ""
        if args.auth_type == "Basic_Access":
            password = basic_password(args.secret_id, args.password_env, args.region)
        return EmrConnection(
            args.cluster_id,
            region=args.region,
            port=args.livy_port,
            auth_type=args.auth_type,
            username=args.username,
            password=password,
            https=args.https,
        )
    if args.target == "glue":
        from .glue import GlueConnection

        return GlueConnection(args.session_id, region=args.region)
    from .local import LocalConnection

    connection = LocalConnection(shell.user_ns, cores=args.cores)
    connection.cancel_jobs_on_interrupt(shell)
    return connection


def show_status(connection) -> None:
    status = connection.status()
    details = ", ".join(
        f"{k}={v}" for k, v in status.items() if k not in ("event", "sparkmagic") and v is not None
    )
    print(f"Attached: {details}")
    announce(status)


def show_spark_ui(connection) -> None:
    from IPython.display import HTML, display

    url = connection.spark_ui()
    if not url:
        why = {
            "glue": "Glue sessions have no live Spark UI; enable Spark UI event logs on the "
            "session and open them in the Glue console.",
            "emr": "Livy reported no Spark UI for this session yet (EMR ≥ 5.33/6.3 shows one).",
        }.get(connection.target, "Spark reported no UI address (spark.ui.enabled may be false).")
        print(f"No Spark UI link: {why}")
        return
    print(f"Spark UI: {url}")
    display(HTML(f'<a href="{url}" target="_blank" rel="noopener">Open the Spark UI</a>'))


def to_pandas(magics, args) -> None:
    from .to_pandas import PullError, check_name, pull_local, pull_remote, summary

    connection = magics.connection
    if connection is None:
        raise NotConnected("%aws_spark to_pandas")
    check_name(args.name, "DF")
    var = args.var or f"{args.name}_pd"
    check_name(var, "--var")
    if args.max_rows is not None and args.max_rows < 0:
        raise PullError("--max-rows must be 0 or more.")
    if connection.remote or args.via:
        frame, total, via = pull_remote(
            connection, args.name, args.via, args.max_rows, args.keep_files
        )
    else:
        frame, total, via = pull_local(magics.shell.user_ns, args.name, args.max_rows)
    magics.shell.user_ns[var] = frame
    print(summary(var, len(frame), total, len(frame.columns), via))
