"""The one Configurable of the server extension: `--AwsSparkML.<option>=…`."""

from traitlets import Bool, Enum, Float, Int, List, TraitError, Unicode, default, validate
from traitlets.config import Configurable

from .proxy.allowlist import DEFAULT_ALLOWED_OPERATIONS


class AwsSparkML(Configurable):
    """Settings of the AWS Spark & ML server extension."""

    mode = Enum(
        ["aws", "sandbox"],
        default_value="aws",
        config=True,
        help="'aws' signs requests with the server's credential chain and sends them to AWS; "
        "'sandbox' starts an embedded local AWS and sends everything there.",
    )
    region = Unicode(
        "",
        config=True,
        help="Default AWS region shown to the UI. Empty: the region of the server's AWS "
        "configuration, or us-east-1.",
    )
    allowed_operations = List(
        Unicode(),
        default_value=sorted(DEFAULT_ALLOWED_OPERATIONS),
        config=True,
        help="Operations the signing proxy forwards, as 'service:Operation' "
        "(botocore service name, e.g. 'emr:ListClusters'). Everything else is refused with 403.",
    )
    max_body_bytes = Int(
        16 * 1024 * 1024,
        config=True,
        help="Largest request body the proxy forwards, in bytes; larger bodies get 413.",
    )
    upstream_timeout = Float(
        60.0, config=True, help="Seconds the proxy waits for AWS before answering 504."
    )
    sandbox_port = Int(
        0, config=True, help="Port of the local sandbox on 127.0.0.1 (0: any free port)."
    )
    sandbox_state_dir = Unicode(
        "",
        config=True,
        help="Folder for sandbox engines' working files (Spark, Livy, training, endpoints). "
        "Empty: a fresh temporary folder removed when the server stops.",
    )
    sandbox_lifecycle_seconds = Float(
        3.0,
        config=True,
        help="How long each simulated transition takes in the sandbox "
        "(e.g. EMR STARTING → BOOTSTRAPPING), in seconds.",
    )
    sandbox_seed = Bool(
        True, config=True, help="Seed the sandbox with demo data, roles and catalog."
    )
    sandbox_faults = Unicode(
        "",
        config=True,
        help="Faults the sandbox injects, as JSON: "
        '{"rules": [{"operation": "emr:ListClusters" | "emr:*" | "*", "throttle": 0.3, '
        '"error": 0.1, "latency_ms": 200, "drop": 0.05, "drop_after": 0.05}], "seed": 7}. '
        "Empty: none. Changeable at run time through the aws-spark-ml/sandbox/faults route.",
    )

    @validate("sandbox_faults")
    def _check_sandbox_faults(self, proposal):
        from .sandbox.fault_spec import FaultSpecError, parse_fault_spec

        try:
            parse_fault_spec(proposal["value"])
        except FaultSpecError as e:
            raise TraitError(f"AwsSparkML.sandbox_faults: {e}") from None
        return proposal["value"]

    @default("region")
    def _default_region(self):
        import botocore.session

        return botocore.session.get_session().get_config_variable("region") or "us-east-1"
