"""Where the notebooks' data, code and models go, found from the environment, never hard-coded.

The same cells run in the local sandbox and on AWS:

- region: the kernel's boto3 session (AWS_REGION / AWS_DEFAULT_REGION / profile).
- bucket: $AWS_SPARK_ML_BUCKET, else `sandbox-demo` in the sandbox, else SageMaker's default
  bucket `sagemaker-<region>-<account>` (it must exist).
- SageMaker role: $AWS_SPARK_ML_SAGEMAKER_ROLE, else the extension's "Default SageMaker execution
  role" setting, else the sandbox's role, else the first IAM role SageMaker may assume.
- URI scheme Spark uses for S3: asked from the attached compute (`s3` on EMR/Glue, whose Spark
  reads S3 through EMRFS/Glue; `s3a` for open-source Spark, locally and in the sandbox).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import boto3

SANDBOX_ACCOUNT = "123456789012"
SANDBOX_BUCKET = "sandbox-demo"
SANDBOX_OPEN_DATA = "sandbox-open-data"  # mirrors public buckets as top-level folders
SANDBOX_ROLE = f"arn:aws:iam::{SANDBOX_ACCOUNT}:role/SageMakerExecutionRole-sandbox"
SPARK_JOBS = Path(__file__).resolve().parent.parent / "spark-jobs"
LAB_SETTINGS = (
    Path("lab") / "user-settings" / "jupyterlab-aws-spark-ml" / "plugin.jupyterlab-settings"
)


class SettingsError(RuntimeError):
    """Something the person must set; the message says what and how."""

    def _render_traceback_(self) -> list[str]:  # a plain message in the notebook, no traceback
        return [f"SettingsError: {self}"]


@dataclass(frozen=True)
class Settings:
    region: str
    account: str
    bucket: str
    role: str
    sandbox: bool
    scheme: str  # how the attached Spark spells S3 URIs: 's3' or 's3a'

    def spark_uri(self, key: str) -> str:
        """A location in the working bucket, as the attached Spark reads and writes it."""
        return f"{self.scheme}://{self.bucket}/{key.lstrip('/')}"

    def s3_uri(self, key: str) -> str:
        """The same location as SageMaker and boto3 name it."""
        return f"s3://{self.bucket}/{key.lstrip('/')}"

    def open_data_uri(self, path: str) -> str:
        """A public AWS Open Data location such as 'noaa-gsod-pds/2016'; the sandbox keeps a
        copy of each public bucket as a folder of its `sandbox-open-data` bucket."""
        root = f"{SANDBOX_OPEN_DATA}/" if self.sandbox else ""
        return f"{self.scheme}://{root}{path.lstrip('/')}"

    def dataset_uri(self, path: str) -> str:
        """A dataset with no public S3 bucket (UCI, USGS feed, Kaggle): the sandbox ships a
        copy; on AWS upload the file to the working bucket under the same path."""
        bucket = SANDBOX_OPEN_DATA if self.sandbox else self.bucket
        return f"{self.scheme}://{bucket}/{path.lstrip('/')}"


def attached_connection():
    """The connection `%aws_spark connect …` made in this kernel (None before connecting)."""
    from IPython import get_ipython

    shell = get_ipython()
    magics = shell.magics_manager.registry.get("AwsSparkMagics") if shell else None
    return getattr(magics, "connection", None)


def spark_scheme() -> str:
    connection = attached_connection()
    if connection is None:
        raise SettingsError(
            "no Spark is attached. Fix: run the connect cell at the top of the notebook first"
        )
    return connection.scratch_scheme()


def resolve_settings(quiet: bool = False) -> Settings:
    session = boto3.session.Session()
    region = session.region_name
    if not region:
        raise SettingsError(
            "no AWS region. Fix: set AWS_DEFAULT_REGION (e.g. us-east-1) for the Jupyter server "
            "or choose a region in the extension's settings, then restart the kernel"
        )
    try:
        account = session.client("sts").get_caller_identity()["Account"]
    except Exception as e:
        raise SettingsError(
            f"the kernel cannot reach AWS ({type(e).__name__}: {e}). Fix: give the Jupyter "
            "server credentials (profile or role), or start it in sandbox mode"
        ) from None
    sandbox = bool(os.environ.get("AWS_ENDPOINT_URL")) and account == SANDBOX_ACCOUNT
    settings = Settings(
        region=region,
        account=account,
        bucket=_bucket(session, region, account, sandbox),
        role=_role(session, sandbox),
        sandbox=sandbox,
        scheme=spark_scheme(),
    )
    # `%aws_spark to_pandas` copies remote results through S3: use the same bucket.
    os.environ.setdefault("AWS_SPARK_ML_SCRATCH_S3", settings.s3_uri("tmp/"))
    if not quiet:
        where = "the local sandbox" if sandbox else f"AWS account {account}"
        print(f"Working in {where}, region {region}")
        print(f"  bucket  {settings.bucket}   (Spark writes {settings.scheme}://…)")
        print(f"  role    {settings.role}")
    return settings


def _bucket(session, region: str, account: str, sandbox: bool) -> str:
    named = os.environ.get("AWS_SPARK_ML_BUCKET", "").strip()
    if named:
        return re.sub(r"^s3a?://", "", named).strip("/")
    if sandbox:
        return SANDBOX_BUCKET
    bucket = f"sagemaker-{region}-{account}"
    try:
        session.client("s3").head_bucket(Bucket=bucket)
    except Exception:
        raise SettingsError(
            f"no working bucket: AWS_SPARK_ML_BUCKET is not set and SageMaker's default bucket "
            f"{bucket} does not exist or is not yours. Fix: set AWS_SPARK_ML_BUCKET=my-bucket "
            f"for the Jupyter server, or create {bucket} in {region}"
        ) from None
    return bucket


def _role(session, sandbox: bool) -> str:
    named = os.environ.get("AWS_SPARK_ML_SAGEMAKER_ROLE", "").strip() or _lab_setting(
        "trainingRoleArn"
    )
    if named:
        return named
    if sandbox:
        return SANDBOX_ROLE
    try:  # what the sidebar's Training form offers first: a role SageMaker may assume
        for page in session.client("iam").get_paginator("list_roles").paginate():
            for role in page["Roles"]:
                if "sagemaker.amazonaws.com" in json.dumps(role.get("AssumeRolePolicyDocument")):
                    return role["Arn"]
    except Exception:
        pass  # no iam:ListRoles permission: fall through to the message below
    raise SettingsError(
        "no SageMaker execution role. Fix: set AWS_SPARK_ML_SAGEMAKER_ROLE=arn:aws:iam::<account>"
        ":role/<name> (a role that trusts sagemaker.amazonaws.com and can read/write the bucket), "
        "or fill 'Default SageMaker execution role' in Settings → AWS Spark & ML"
    )


def _lab_setting(name: str) -> str:
    """A value from the extension's JupyterLab user settings, when the person saved one."""
    from jupyter_core.paths import jupyter_config_dir

    folder = os.environ.get("JUPYTERLAB_SETTINGS_DIR")
    path = Path(folder) / LAB_SETTINGS.relative_to("lab/user-settings") if folder else None
    path = path or Path(jupyter_config_dir()) / LAB_SETTINGS
    try:
        text = re.sub(r"^\s*//.*$", "", path.read_text(), flags=re.M)  # settings files allow //
        return str(json.loads(text).get(name) or "").strip()
    except (OSError, ValueError):
        return ""


def share_with_spark(**values) -> None:
    """Define these Python values on the attached Spark too (plain cells run there on EMR/Glue).

    Values travel as Python literals, so keep them to str/int/float/bool/None/list/dict.
    """
    from IPython import get_ipython

    code = "\n".join(f"{name} = {value!r}" for name, value in values.items())
    get_ipython().run_cell_magic("aws_spark", "", code)
    print("On the attached Spark: " + ", ".join(values))


def upload_job(workload: str, settings: Settings) -> str:
    """Zip `spark-jobs/<workload>` with its shared helpers and upload it; returns the URI that
    `spark.sparkContext.addPyFile` takes on the attached Spark."""
    package_py = SPARK_JOBS / "package.py"
    if not package_py.is_file():
        raise SettingsError(
            f"{package_py} is missing. Fix: open this notebook from a checkout of the project "
            "(notebooks/ next to spark-jobs/)"
        )
    spec = importlib.util.spec_from_file_location("spark_jobs_package", package_py)
    package = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(package)
    key = f"code/{workload}.zip"
    with tempfile.TemporaryDirectory(prefix="aws-spark-ml-job-") as out:
        archive = package.build(workload, Path(out))
        size = archive.stat().st_size
        boto3.client("s3").upload_file(str(archive), settings.bucket, key)
    print(f"Uploaded {workload}.zip ({size:,} bytes) to {settings.s3_uri(key)}")
    return settings.spark_uri(key)
