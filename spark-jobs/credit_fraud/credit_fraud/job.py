"""Fraud features over Kaggle's `creditcard.csv` schema: Time, V1..V28, Amount, Class.

Kaggle's data (284,807 card transactions, 492 frauds; V1..V28 are PCA components) cannot be
shipped, so the sandbox seeds a REAL SUBSTITUTE in the same schema (Statlog German credit, PCA'd
the same way; 'bad credit' plays Class = 1; see the datasets README). The job depends only on
the schema, so the real Kaggle file works unchanged.

Output: hour of day and log amount added, class weights for the imbalance, and an exact
stratified train/test split (the same test fraction inside each class), Parquet by `split`.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobcommon.args import params_from_args as _from_args
from jobcommon.errors import JobInputError, check_uri, require
from jobcommon.output import WrittenRun, write_run
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

KAGGLE_COLUMNS = ["Time", *[f"V{i}" for i in range(1, 29)], "Amount", "Class"]


@dataclass(frozen=True)
class FraudParams:
    input_uri: str
    output_uri: str
    test_fraction: float = 0.2
    seed: int = 7
    glue_database: str | None = None
    glue_table: str | None = None

    def __post_init__(self) -> None:
        check_uri(self.input_uri, "input_uri")
        check_uri(self.output_uri, "output_uri")
        require(0 < self.test_fraction < 1, "test_fraction", f"{self.test_fraction} not in (0, 1)",
                "e.g. 0.2")  # fmt: skip


def params_from_args(argv: list[str], allow_unknown: bool = False) -> FraudParams:
    return _from_args(FraudParams, argv, allow_unknown)


def prepare_fraud_features(spark: SparkSession, p: FraudParams) -> DataFrame:
    raw = spark.read.option("header", True).csv(p.input_uri)
    missing = [c for c in KAGGLE_COLUMNS if c not in raw.columns]
    if missing:
        raise JobInputError("input_uri", f"not the Kaggle creditcard.csv schema: lacks {missing}",
                            "give a CSV with Time, V1..V28, Amount, Class")  # fmt: skip
    typed = raw.select(
        *[F.col(c).cast("double").alias(c) for c in KAGGLE_COLUMNS if c != "Class"],
        F.col("Class").cast("int").alias("Class"),
    )
    # Unparseable rows cannot be trusted; Kaggle's file also has exact duplicate rows.
    clean = typed.dropna().where(F.col("Class").isin(0, 1)).dropDuplicates()
    counts = {r["Class"]: r["count"] for r in clean.groupBy("Class").count().collect()}
    if len(counts) < 2:
        raise JobInputError("input_uri", f"needs both classes, found {sorted(counts)}",
                            "check the Class column holds 0 and 1")  # fmt: skip
    total = sum(counts.values())
    weight = F.when(F.col("Class") == 1, total / (2.0 * counts[1])).otherwise(
        total / (2.0 * counts[0])
    )
    in_class = Window.partitionBy("Class").orderBy(F.rand(p.seed))
    share = F.percent_rank().over(in_class)  # 0..1 inside each class: an exact stratified cut
    return clean.select(
        "*",
        (F.floor(F.col("Time") / 3600) % 24).cast("int").alias("hour_of_day"),
        F.log1p("Amount").alias("log_amount"),
        weight.alias("class_weight"),
        F.when(share < p.test_fraction, "test").otherwise("train").alias("split"),
    )


def run(spark: SparkSession, p: FraudParams) -> WrittenRun:
    features = prepare_fraud_features(spark, p)
    return write_run(features, p.output_uri, "split", p.glue_database, p.glue_table,
                     description="Credit-card fraud features (Kaggle schema)")  # fmt: skip
