"""One Livy session's Spark driver: a Python process holding a SparkSession and running code.

Started by `LivySession` as `python -m ...livy_session_process CONFIG.json`. It speaks JSON lines:
commands arrive on stdin (`run`, `cancel`), events leave on the pipe that was stdout when the
process started (`ready`, `progress`, `result`, `failed`). Everything else that writes to stdout
(the JVM, stray prints) is moved to stderr, which the server keeps as the session log.
Code runs in the main thread so that a cancel can interrupt pure Python as well as Spark jobs.
"""

from __future__ import annotations

import ast
import contextlib
import faulthandler
import io
import json
import os
import queue
import signal
import sys
import threading
import time
import traceback

SQL_MAX_ROWS = 1000  # like Livy's livy.rsc.sql.num-rows
CANCEL_GRACE_SECONDS = 1.0  # after cancelling Spark jobs, interrupt Python code still running


class SessionDriver:
    def __init__(self, config: dict, events) -> None:
        self.config = config
        self.events = events
        self._events_lock = threading.Lock()
        self.commands: queue.Queue = queue.Queue()
        self.namespace: dict = {"__name__": "__main__"}
        self.running_id: int | None = None
        self.cancelled: set[int] = set()  # cancel requested (maybe before the statement began)
        self.finished: set[int] = set()
        self.spark = None

    def emit(self, **event) -> None:
        with self._events_lock:
            self.events.write(json.dumps(event, default=str) + "\n")
            self.events.flush()

    # --- start ---------------------------------------------------------------------------

    def start_spark(self) -> None:
        from pyspark.sql import SparkSession

        builder = SparkSession.builder
        for key, value in self.config.get("conf", {}).items():
            builder = builder.config(key, str(value))
        self.spark = builder.getOrCreate()
        sc = self.spark.sparkContext
        for path in self.config.get("pyFiles", []):
            sc.addPyFile(path)
        # What Livy's PySpark shell offers, so notebooks written for EMR run unchanged.
        from pyspark.sql import SQLContext

        self.namespace.update(spark=self.spark, sc=sc, sqlContext=SQLContext(sc, self.spark))
        self.emit(event="ready", appId=sc.applicationId, sparkUiUrl=sc.uiWebUrl)

    # --- commands ------------------------------------------------------------------------

    def read_commands(self, stdin) -> None:
        """Background thread: runs go to the main thread, cancels act at once."""
        for line in stdin:
            command = json.loads(line)
            if command["op"] == "cancel":
                self.cancel(command["id"])
            else:
                self.commands.put(command)
        self.commands.put(None)  # the server went away: end the session

    def cancel(self, statement_id: int) -> None:
        """Cancel the statement's Spark jobs, including ones it starts later; interrupt Python
        only when no job of it is running (a signal inside a Spark call would desync py4j).

        The cancel may arrive before the main thread has picked the statement up; it is
        remembered, so the statement then does not run at all."""
        if statement_id in self.cancelled or statement_id in self.finished:
            return
        self.cancelled.add(statement_id)
        threading.Thread(target=self._keep_cancelling, args=(statement_id,), daemon=True).start()

    def _keep_cancelling(self, statement_id: int) -> None:
        group = _job_group(statement_id)
        running_since = None
        interrupted_at = 0.0
        while statement_id not in self.finished:
            if self.running_id == statement_id:
                try:
                    sc = self.spark.sparkContext
                    sc.cancelJobGroup(group)
                    running_since = running_since or time.monotonic()
                    now = time.monotonic()
                    if (
                        now - running_since > CANCEL_GRACE_SECONDS
                        and now - interrupted_at > CANCEL_GRACE_SECONDS
                        and not _running_jobs(sc, group)
                        and self.running_id == statement_id
                    ):
                        interrupted_at = now
                        os.kill(os.getpid(), signal.SIGINT)
                except Exception:  # noqa: BLE001 - e.g. the JVM is going away; keep trying
                    pass
            time.sleep(0.2)

    def serve(self) -> None:
        while True:
            try:
                command = self.commands.get()
            except KeyboardInterrupt:  # a cancel that arrived just after its statement ended
                continue
            if command is None:
                return
            try:
                self.run(command)
            except KeyboardInterrupt:  # a late cancel landed while the result was being sent
                continue

    def run(self, command: dict) -> None:
        statement_id = command["id"]
        if statement_id in self.cancelled:
            self.finished.add(statement_id)
            output = {"status": "error", "ename": "Cancelled", "evalue": "cancelled before it ran"}
            self.emit(event="result", id=statement_id, output={**output, "traceback": []})
            return
        self.running_id = statement_id
        self.spark.sparkContext.setJobGroup(_job_group(statement_id), "Livy statement", True)
        progress = threading.Thread(target=self.report_progress, args=(statement_id,), daemon=True)
        progress.start()
        try:
            if command.get("kind") == "sql":
                output = self.run_sql(command["code"])
            else:
                output = self.run_python(command["code"])
        except BaseException as error:  # noqa: BLE001 - a statement's error is its output
            output = _error_output(error)
        finally:
            self.running_id = None
            self.finished.add(statement_id)
        if output.get("ename") == "KeyboardInterrupt":
            self._drop_interrupted_py4j_connection()
        output["execution_count"] = statement_id
        self.emit(event="result", id=statement_id, output=output)

    def _drop_interrupted_py4j_connection(self) -> None:
        """An interrupt may land while this thread waits for the JVM's answer; its py4j
        connection would then hand that stale answer to the next call. Start a fresh one."""
        client = self.spark.sparkContext._gateway._gateway_client
        connection = client.get_thread_connection()
        if connection is not None:
            connection.close()
            client.thread_connection.connection = None

    def run_python(self, code: str) -> dict:
        """Run like Livy's PySpark shell: all statements, then echo the last expression's value."""
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
            try:
                tree = ast.parse(code, "<stdin>")
                last = (
                    tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
                )
                exec(compile(tree, "<stdin>", "exec"), self.namespace)
                if last is not None:
                    single = ast.Interactive(body=[last])
                    exec(compile(single, "<stdin>", "single"), self.namespace)
            except BaseException as error:  # noqa: BLE001
                output = _error_output(error)
                output["evalue"] = _with_printed(buffer.getvalue(), output["evalue"])
                return output
        return {"status": "ok", "data": {"text/plain": buffer.getvalue().rstrip("\n")}}

    def run_sql(self, code: str) -> dict:
        frame = self.spark.sql(code)
        rows = frame.take(SQL_MAX_ROWS)
        table = {"schema": json.loads(frame.schema.json()), "data": [list(r) for r in rows]}
        header = " | ".join(frame.columns)
        lines = [header] + [" | ".join(str(v) for v in r) for r in rows]
        return {"status": "ok", "data": {"application/json": table, "text/plain": "\n".join(lines)}}

    def report_progress(self, statement_id: int) -> None:
        """Send the share of finished tasks of this statement's Spark jobs twice a second."""
        tracker = self.spark.sparkContext.statusTracker()
        last = -1.0
        while self.running_id == statement_id:
            try:
                done = total = 0
                for job_id in tracker.getJobIdsForGroup(_job_group(statement_id)):
                    job = tracker.getJobInfo(job_id)
                    for stage_id in job.stageIds if job else []:
                        stage = tracker.getStageInfo(stage_id)
                        if stage:
                            done, total = done + stage.numCompletedTasks, total + stage.numTasks
                value = round(done / total, 3) if total else 0.0
                if value != last and self.running_id == statement_id:
                    self.emit(event="progress", id=statement_id, progress=value)
                    last = value
            except Exception:  # noqa: BLE001 - progress is best effort
                pass
            threading.Event().wait(0.5)


def _running_jobs(sc, group: str) -> list[int]:
    tracker = sc.statusTracker()
    jobs = [tracker.getJobInfo(job_id) for job_id in tracker.getJobIdsForGroup(group)]
    return [job.jobId for job in jobs if job is not None and job.status == "RUNNING"]


def _job_group(statement_id: int) -> str:
    return f"livy-statement-{statement_id}"


def _error_output(error: BaseException) -> dict:
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    # Drop the frames of this driver so the traceback starts at the user's code.
    user_lines = [line for line in lines if __file__ not in line] or lines
    return {
        "status": "error",
        "ename": type(error).__name__,
        "evalue": str(error),
        "traceback": user_lines,
    }


def _with_printed(printed: str, evalue: str) -> str:
    return f"{printed.rstrip()}\n{evalue}".strip() if printed.strip() else evalue


def main(config_path: str) -> None:
    with open(config_path) as f:
        config = json.load(f)
    # Keep a private copy of stdout for events, then send fd 1 to the log (stderr): the JVM and
    # any native code inherit fd 1 and must not corrupt the event stream.
    events = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.__stdout__ = io.TextIOWrapper(os.fdopen(1, "wb", 0), write_through=True)
    # `kill -USR1 <pid>` writes every thread's stack to the session log, for diagnosing hangs.
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    driver = SessionDriver(config, events)
    reader = threading.Thread(target=driver.read_commands, args=(sys.stdin,), daemon=True)
    try:
        driver.start_spark()
    except BaseException as error:  # noqa: BLE001 - reported to the server, then exit
        driver.emit(event="failed", error="".join(traceback.format_exception(error)))
        raise SystemExit(1) from error
    reader.start()
    try:
        driver.serve()
    finally:
        driver.spark.stop()


if __name__ == "__main__":
    main(sys.argv[1])
