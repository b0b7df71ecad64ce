"""Car acceptability: StringIndexer + OneHotEncoder fitted on training data, saved, reused as is.

As in the seed workshop, preprocessing is written once: `run` fits it on `car.data` and saves
`<output>/run-<id>/preprocessing` (features only, so requests without a label go through it
unchanged) and `<output>/run-<id>/labels` (the class indexer; its labels feed IndexToString to
turn predicted indices back into unacc/acc/good/vgood). `prepare_for_inference` loads the saved
pipeline and applies it to new rows. Training features go to `<output>/run-<id>/features`.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobcommon import fs
from jobcommon.args import params_from_args as _from_args
from jobcommon.errors import JobInputError, check_uri
from jobcommon.output import new_run_id
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.feature import IndexToString, OneHotEncoder, StringIndexer, VectorAssembler
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

FEATURES = ["buying", "maint", "doors", "persons", "lug_boot", "safety"]
LABEL = "class"


@dataclass(frozen=True)
class CarParams:
    input_uri: str
    output_uri: str

    def __post_init__(self) -> None:
        check_uri(self.input_uri, "input_uri")
        check_uri(self.output_uri, "output_uri")


def params_from_args(argv: list[str], allow_unknown: bool = False) -> CarParams:
    return _from_args(CarParams, argv, allow_unknown)


def read_cars(spark: SparkSession, uri: str) -> DataFrame:
    """UCI `car.data`: no header, seven comma-separated text columns."""
    schema = ", ".join(f"{c} string" for c in [*FEATURES, LABEL])
    df = spark.read.schema(schema).option("mode", "DROPMALFORMED").csv(uri)
    return df.select(*[F.lower(F.trim(c)).alias(c) for c in df.columns]).dropna()


def fit_preprocessing(train: DataFrame) -> tuple[PipelineModel, PipelineModel]:
    """(feature pipeline, label indexer). Unseen categories map to an extra 'unknown' slot."""
    indexers = [
        StringIndexer(inputCol=c, outputCol=f"{c}_index", handleInvalid="keep") for c in FEATURES
    ]
    encoder = OneHotEncoder(
        inputCols=[f"{c}_index" for c in FEATURES], outputCols=[f"{c}_vec" for c in FEATURES]
    )
    assembler = VectorAssembler(inputCols=[f"{c}_vec" for c in FEATURES], outputCol="features")
    features = Pipeline(stages=[*indexers, encoder, assembler]).fit(train)
    labels = Pipeline(stages=[StringIndexer(inputCol=LABEL, outputCol="label")]).fit(train)
    return features, labels


def labels_of(label_model: PipelineModel) -> list[str]:
    return list(label_model.stages[0].labels)


def to_label(predictions: DataFrame, label_model: PipelineModel, column: str = "prediction"):
    """Post-processing: predicted index -> the class name it stands for."""
    return IndexToString(
        inputCol=column, outputCol=f"{column}_class", labels=labels_of(label_model)
    ).transform(predictions)


def prepare_for_inference(spark: SparkSession, model_uri: str, rows: DataFrame) -> DataFrame:
    return PipelineModel.load(model_uri).transform(rows).select(*FEATURES, "features")


def run(spark: SparkSession, p: CarParams) -> dict:
    cars = read_cars(spark, p.input_uri)
    if cars.limit(1).count() == 0:
        raise JobInputError("input_uri", f"no car rows in {p.input_uri}", "point it at car.data")
    run_uri = f"{p.output_uri.rstrip('/')}/run-{new_run_id()}"
    try:
        features, labels = fit_preprocessing(cars)
        features.save(f"{run_uri}/preprocessing")
        labels.save(f"{run_uri}/labels")
        prepared = labels.transform(features.transform(cars)).select(
            *FEATURES, LABEL, "features", "label"
        )
        prepared.write.partitionBy(LABEL).parquet(f"{run_uri}/features")
    except BaseException:
        fs.delete(spark, run_uri)  # nothing half-saved: a model without its labels is useless
        raise
    return {"run_uri": run_uri, "rows": cars.count(), "labels": labels_of(labels)}
