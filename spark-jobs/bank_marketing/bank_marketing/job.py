"""Deposit-prediction features from UCI's `bank.csv` (semicolon-separated, quoted strings).

- `duration` (length of the last call) is dropped: it is only known after the call that decides
  the outcome, so it leaks the label (UCI's own notes say to drop it for realistic models).
- `pdays = -1` means "never contacted before": it becomes null plus a `previously_contacted` flag
  instead of a fake small number of days.
- "unknown" is a real answer in this survey data and stays a category.
Output: tidy typed columns + `label` (1 = subscribed), Parquet partitioned by contact month.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobcommon.args import params_from_args as _from_args
from jobcommon.errors import JobInputError, check_uri
from jobcommon.output import WrittenRun, write_run
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

NUMERIC = ["age", "balance", "day", "campaign", "pdays", "previous"]
CATEGORICAL = ["job", "marital", "education", "default", "housing", "loan", "contact", "poutcome"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
REQUIRED = [*NUMERIC, *CATEGORICAL, "month", "duration", "y"]


@dataclass(frozen=True)
class BankParams:
    input_uri: str
    output_uri: str
    glue_database: str | None = None
    glue_table: str | None = None

    def __post_init__(self) -> None:
        check_uri(self.input_uri, "input_uri")
        check_uri(self.output_uri, "output_uri")


def params_from_args(argv: list[str], allow_unknown: bool = False) -> BankParams:
    return _from_args(BankParams, argv, allow_unknown)


def prepare_bank_features(spark: SparkSession, p: BankParams) -> DataFrame:
    raw = spark.read.option("header", True).option("sep", ";").option("quote", '"').csv(p.input_uri)
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise JobInputError("input_uri", f"{p.input_uri} lacks columns {missing}",
                            "point it at UCI bank.csv / bank-full.csv (';'-separated)")  # fmt: skip
    months = ", ".join(f"'{m}'" for m in MONTHS)
    month_number = F.expr(f"array_position(array({months}), lower(trim(month)))")
    pdays = F.col("pdays").cast("int")
    typed = raw.select(
        *[F.col(c).cast("int").alias(c) for c in NUMERIC if c != "pdays"],
        F.when(pdays >= 0, pdays).alias("pdays"),
        (pdays >= 0).alias("previously_contacted"),
        *[F.lower(F.trim(c)).alias(c) for c in CATEGORICAL],
        month_number.cast("int").alias("month"),
        (F.lower(F.trim("y")) == "yes").cast("int").alias("label"),
    )
    # Rows whose label or month cannot be read are unusable for training.
    return typed.where(F.col("month") > 0).dropna(subset=["label", "age"])


def run(spark: SparkSession, p: BankParams) -> WrittenRun:
    features = prepare_bank_features(spark, p)
    if features.limit(1).count() == 0:
        raise JobInputError("input_uri", "no usable rows", "check the file is not empty")
    return write_run(features, p.output_uri, "month", p.glue_database, p.glue_table,
                     description="UCI bank marketing deposit features")  # fmt: skip
