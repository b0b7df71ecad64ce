"""A model server with the SageMaker container contract: GET /ping, POST /invocations.

    python inference_server.py <model_dir> [<code_dir> <entry_point>]

Serves the built-in XGBoost model (`xgboost-model`) like the SageMaker XGBoost container
(text/csv rows without label → one prediction per line; application/json; text/libsvm), or a
script-mode model through the entry point's model_fn/input_fn/predict_fn/output_fn like the
framework containers. Prints 'PORT <n>' once listening on 127.0.0.1. Standalone on purpose.

Only the sandbox may call it: every request carries the token the sandbox gave it in
$SANDBOX_INFERENCE_TOKEN (header X-Sandbox-Token), its own Host, and no web-page headers
(`sandbox/guard.py`, loaded by path so this stays free of the package).
"""

from __future__ import annotations

import hmac
import importlib.util
import json
import os
import pickle
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np

TOKEN_VARIABLE = "SANDBOX_INFERENCE_TOKEN"
TOKEN_HEADER = "X-Sandbox-Token"


def _load_guard():
    path = Path(__file__).resolve().parents[2] / "guard.py"
    spec = importlib.util.spec_from_file_location("sandbox_guard", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class RequestError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def parse_rows(body: bytes, content_type: str):
    content_type = (content_type or "text/csv").split(";")[0].strip().lower()
    text = body.decode("utf-8").strip()
    try:
        if content_type in ("text/csv", "csv"):
            rows = [
                [float(v) if v.strip() else np.nan for v in line.split(",")]
                for line in text.splitlines()
                if line.strip()
            ]
            return np.asarray(rows, dtype=np.float32), content_type
        if content_type in ("application/json", "json"):
            data = json.loads(text)
            if isinstance(data, dict):
                data = data.get("instances", data.get("features", data.get("data")))
            matrix = np.asarray(data, dtype=np.float32)
            return (matrix.reshape(1, -1) if matrix.ndim == 1 else matrix), content_type
        if content_type in ("text/libsvm", "text/x-libsvm", "libsvm"):
            from scipy.sparse import csr_matrix

            rows, cols, values = [], [], []
            for r, line in enumerate(text.splitlines()):
                for item in line.split():
                    if ":" in item:
                        c, v = item.split(":", 1)
                        rows.append(r), cols.append(int(c)), values.append(float(v))
            return csr_matrix((values, (rows, cols))), content_type
    except (ValueError, TypeError) as e:
        raise RequestError(
            415,
            f"Loading {content_type} data failed with Exception, please ensure data is in {content_type} format: {e}",
        ) from None
    raise RequestError(
        415,
        f"Content type {content_type} is not supported. Use text/csv, application/json or text/libsvm.",
    )


def encode(predictions, accept: str) -> tuple[bytes, str]:
    accept = (accept or "text/csv").split(",")[0].split(";")[0].strip().lower()
    values = np.asarray(predictions).tolist()
    if accept in ("*/*", "", "text/csv", "csv"):
        lines = [",".join(map(str, v)) if isinstance(v, list) else str(v) for v in values]
        return ("\n".join(lines) + "\n").encode(), "text/csv"
    if accept in ("application/json", "json"):
        return json.dumps(
            {"predictions": [{"score": v} for v in values]}
        ).encode(), "application/json"
    raise RequestError(
        406,
        f"{accept} is not an accepted Accept type. Please choose one of the following: ['text/csv', 'application/json'].",
    )


class XGBoostModel:
    def __init__(self, model_file: Path) -> None:
        import xgboost as xgb

        self.booster = xgb.Booster()
        self.booster.load_model(bytearray(model_file.read_bytes()))
        self.booster.set_param("nthread", 1)
        self.lock = threading.Lock()  # one core per endpoint process; predictions one at a time

    def invoke(self, body: bytes, content_type: str, accept: str) -> tuple[bytes, str]:
        import xgboost as xgb

        features, kind = parse_rows(body, content_type)
        expected, given = self.booster.num_features(), features.shape[1]
        if kind == "text/csv" and given != expected:
            raise RequestError(
                400,
                f"Unable to evaluate payload provided: Feature size of csv inference data {given} is not consistent with feature size of trained model {expected}",
            )
        best = self.booster.attr("best_iteration")
        iterations = (0, int(best) + 1) if best is not None else (0, 0)
        with self.lock:
            predictions = self.booster.predict(
                xgb.DMatrix(features), iteration_range=iterations, validate_features=False
            )
        return encode(predictions, accept)


class ScriptModel:
    """A framework container's inference: the user's handler functions, with defaults."""

    def __init__(self, model_dir: Path, code_dir: Path, entry_point: str) -> None:
        sys.path.insert(0, str(code_dir))
        spec = importlib.util.spec_from_file_location("user_module", code_dir / entry_point)
        self.module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.module)
        model_fn = getattr(self.module, "model_fn", None)
        self.model = model_fn(str(model_dir)) if model_fn else load_any(model_dir)
        self.lock = threading.Lock()

    def invoke(self, body: bytes, content_type: str, accept: str) -> tuple[bytes, str]:
        m = self.module
        data = (
            m.input_fn(body, content_type)
            if hasattr(m, "input_fn")
            else parse_rows(body, content_type)[0]
        )
        with self.lock:
            prediction = (
                m.predict_fn(data, self.model)
                if hasattr(m, "predict_fn")
                else self.model.predict(data)
            )
        if hasattr(m, "output_fn"):
            out = m.output_fn(prediction, accept)
            return (out if isinstance(out, bytes) else str(out).encode()), accept or "text/csv"
        return encode(prediction, accept)


def load_any(model_dir: Path):
    files = sorted(p for p in model_dir.rglob("*") if p.is_file())
    for path in files:
        if path.suffix == ".joblib":
            import joblib

            return joblib.load(path)
        if path.suffix in (".pkl", ".pickle"):
            return pickle.loads(path.read_bytes())
    raise RuntimeError(f"No model_fn in the entry point and no .joblib/.pkl model in {model_dir}")


def load_model(argv: list[str]):
    model_dir = Path(argv[0])
    if len(argv) >= 3:
        return ScriptModel(model_dir, Path(argv[1]), argv[2])
    if (model_dir / "xgboost-model").is_file():
        return XGBoostModel(model_dir / "xgboost-model")
    return ScriptModelLess(load_any(model_dir))


class ScriptModelLess:
    def __init__(self, model) -> None:
        self.model, self.lock = model, threading.Lock()

    def invoke(self, body: bytes, content_type: str, accept: str) -> tuple[bytes, str]:
        with self.lock:
            return encode(self.model.predict(parse_rows(body, content_type)[0]), accept)


def serve(model, token: str) -> None:
    guard = _load_guard()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _refused(self) -> bool:
            """Answers 403 (and closes) unless the sandbox itself is calling."""
            refused = guard.refusal(
                self.headers.get("Host"),
                self.headers.get("Origin"),
                self.headers.get("Sec-Fetch-Site"),
                self.server.server_address[1],
            )
            given = self.headers.get(TOKEN_HEADER, "")
            if not refused and not hmac.compare_digest(given.encode(), token.encode()):
                refused = f"Missing or wrong {TOKEN_HEADER}: only the sandbox calls this server."
            if refused:
                self.close_connection = True  # the body, if any, stays unread
                self._reply(403, refused.encode() + b"\n", "text/plain")
            return bool(refused)

        def do_GET(self) -> None:
            if self._refused():
                return
            if self.path == "/ping":
                self._reply(200, b"", "text/plain")
            else:
                self._reply(404, b"Not found", "text/plain")

        def do_POST(self) -> None:
            if self._refused():
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path != "/invocations":
                return self._reply(404, b"Not found", "text/plain")
            if not body:
                return self._reply(204, b"", "text/plain")
            try:
                payload, content_type = model.invoke(
                    body, self.headers.get("Content-Type", ""), self.headers.get("Accept", "")
                )
                self._reply(200, payload, content_type)
            except RequestError as e:
                self._reply(e.status, str(e).encode(), "text/plain")
            except Exception as e:  # the model's own error: a 400 like the containers
                print(
                    f"Exception during inference: {type(e).__name__}: {e}",
                    file=sys.stderr,
                    flush=True,
                )
                self._reply(400, f"Unable to evaluate payload provided: {e}".encode(), "text/plain")

        def _reply(self, status: int, payload: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, fmt, *args) -> None:
            pass  # one line per request would drown the endpoint's logs

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    sandbox_token = os.environ.pop(TOKEN_VARIABLE, "")  # the user's model code never sees it
    if not sandbox_token:
        print(f"{TOKEN_VARIABLE} is not set: refusing to serve without it.", file=sys.stderr)
        sys.exit(2)
    try:
        loaded = load_model(sys.argv[1:])
    except Exception as e:
        print(f"Unable to load model: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        sys.exit(1)
    print("Model loaded successfully", flush=True)
    serve(loaded, sandbox_token)
