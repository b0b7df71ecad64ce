"""Earthquake features per place (a lat/lon grid cell) and day, from the USGS GeoJSON feed.

The label is "a quake of at least `min_magnitude` in this cell on this day". Features use only
earlier days (counts, magnitudes, depths over the previous 1 and 3 days), so a model trained on
them could be used the evening before. The seed asks for few false negatives: `evaluate_recall`
picks the decision threshold on the training days that reaches `recall_target`, then reports
recall and precision on the later, held-out days.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from jobcommon.args import params_from_args as _from_args
from jobcommon.errors import JobInputError, check_uri, require
from jobcommon.output import write_run
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

FEATURES = [
    "events_prev_1d", "events_prev_3d", "max_mag_prev_1d", "max_mag_prev_3d",
    "mean_depth_prev_3d", "events_prev_all", "cell_lat", "cell_lon",
]  # fmt: skip


GEOJSON_SCHEMA = (
    "type string, features array<struct<id:string, properties:struct<mag:double, place:string,"
    " time:bigint>, geometry:struct<coordinates:array<double>>>>"
)


@dataclass(frozen=True)
class QuakeParams:
    input_uri: str
    output_uri: str
    min_magnitude: float = 2.5
    cell_deg: float = 1.0
    recall_target: float = 0.9
    test_days: int = 2
    glue_database: str | None = None
    glue_table: str | None = None

    def __post_init__(self) -> None:
        check_uri(self.input_uri, "input_uri")
        check_uri(self.output_uri, "output_uri")
        require(
            0 < self.cell_deg <= 10, "cell_deg", f"{self.cell_deg} not in (0, 10]", "1.0 is ~100 km"
        )
        require(0 < self.recall_target <= 1, "recall_target", "must be in (0, 1]", "e.g. 0.9")
        require(-2 <= self.min_magnitude <= 10, "min_magnitude", "outside -2..10", "e.g. 2.5")
        require(self.test_days >= 1, "test_days", "must be at least 1", "e.g. 2")


def params_from_args(argv: list[str], allow_unknown: bool = False) -> QuakeParams:
    return _from_args(QuakeParams, argv, allow_unknown)


def read_events(spark: SparkSession, uri: str) -> DataFrame:
    """One FeatureCollection per file, as the USGS feed publishes it."""
    # The schema is given: inferring it would read every file once more.
    raw = (
        spark.read.schema(GEOJSON_SCHEMA).option("multiLine", True)
        .option("recursiveFileLookup", True).json(uri)
    )  # fmt: skip
    event = F.explode("features").alias("f")
    events = raw.select(event).select(
        F.col("f.id").alias("id"),
        F.timestamp_millis(F.col("f.properties.time")).alias("time"),
        F.col("f.properties.mag").alias("mag"),
        F.col("f.properties.place").alias("place"),
        F.col("f.geometry.coordinates")[0].alias("lon"),
        F.col("f.geometry.coordinates")[1].alias("lat"),
        F.col("f.geometry.coordinates")[2].alias("depth"),
    )
    # Events without a magnitude or position cannot be placed or labelled.
    return events.dropna(subset=["mag", "lat", "lon", "time"]).dropDuplicates(["id"])


def prepare_quake_features(spark: SparkSession, p: QuakeParams) -> DataFrame:
    events = read_events(spark, p.input_uri)
    cell = p.cell_deg
    events = events.select(
        "*", F.to_date("time").alias("day"),
        (F.floor(F.col("lat") / cell) * cell).alias("cell_lat"),
        (F.floor(F.col("lon") / cell) * cell).alias("cell_lon"),
        # "4km W of Castaic, CA" -> "CA": the region a place belongs to
        F.trim(F.element_at(F.split("place", ","), -1)).alias("region"),
    )  # fmt: skip
    daily = events.groupBy("cell_lat", "cell_lon", "day").agg(
        F.count("*").alias("events"), F.max("mag").alias("max_mag"), F.avg("depth").alias("depth"),
        F.first("region", ignorenulls=True).alias("region"),
    )  # fmt: skip
    # Every day between the first and last event, without a separate Spark action.
    days = events.agg(F.explode(F.sequence(F.min("day"), F.max("day"))).alias("day"))
    cells = daily.groupBy("cell_lat", "cell_lon").agg(F.first("region").alias("region"))
    grid = cells.crossJoin(days).join(daily.drop("region"), ["cell_lat", "cell_lon", "day"], "left")
    w = Window.partitionBy("cell_lat", "cell_lon").orderBy("day")

    def previous(n: int | None):
        return w.rowsBetween(Window.unboundedPreceding if n is None else -n, -1)

    return grid.select(
        F.concat_ws(",", "cell_lat", "cell_lon").alias("place"), "region", "day",
        "cell_lat", "cell_lon",
        F.coalesce(F.sum("events").over(previous(1)), F.lit(0)).alias("events_prev_1d"),
        F.coalesce(F.sum("events").over(previous(3)), F.lit(0)).alias("events_prev_3d"),
        F.coalesce(F.sum("events").over(previous(None)), F.lit(0)).alias("events_prev_all"),
        F.coalesce(F.max("max_mag").over(previous(1)), F.lit(-2.0)).alias("max_mag_prev_1d"),
        F.coalesce(F.max("max_mag").over(previous(3)), F.lit(-2.0)).alias("max_mag_prev_3d"),
        F.coalesce(F.avg("depth").over(previous(3)), F.lit(0.0)).alias("mean_depth_prev_3d"),
        F.coalesce(F.col("events"), F.lit(0)).alias("events_today"),
        (F.coalesce(F.col("max_mag"), F.lit(-9.0)) >= p.min_magnitude).cast("int").alias("label"),
    )  # fmt: skip


def evaluate_recall(features: DataFrame, p: QuakeParams) -> dict:
    """Logistic regression, time split; threshold chosen on training days for the recall target."""
    from pyspark.ml.classification import LogisticRegression
    from pyspark.ml.feature import VectorAssembler
    from pyspark.ml.functions import vector_to_array

    last = features.agg(F.max("day")).first()[0]
    split = F.date_sub(F.lit(last), p.test_days - 1)
    data = VectorAssembler(inputCols=FEATURES, outputCol="features").transform(features).cache()
    train, test = data.where(F.col("day") < split), data.where(F.col("day") >= split)
    positives = train.where("label = 1").count()
    require(positives > 0, "min_magnitude", f"no training day has a quake >= {p.min_magnitude}",
            "lower min_magnitude or use more days of feed")  # fmt: skip
    weight = F.when(F.col("label") == 1, train.count() / (2.0 * positives)).otherwise(1.0)
    model = LogisticRegression(weightCol="w", maxIter=25).fit(train.withColumn("w", weight))

    def prob(column: str):  # P(label = 1), without a Python UDF
        return vector_to_array(F.col(column))[1]

    scored_train = model.transform(train).select("label", prob("probability").alias("p"))
    scores = sorted((r.p for r in scored_train.where("label = 1").collect()), reverse=True)
    threshold = scores[max(0, int(round(p.recall_target * len(scores))) - 1)]
    scored = model.transform(test).select("label", (prob("probability") >= threshold).alias("hit"))
    counts = scored.groupBy("label", "hit").count().collect()
    tally = {(r["label"], r["hit"]): r["count"] for r in counts}
    data.unpersist()
    tp, fn, fp = tally.get((1, True), 0), tally.get((1, False), 0), tally.get((0, True), 0)
    return {
        "threshold": threshold, "recall_target": p.recall_target,
        "test_recall": tp / (tp + fn) if tp + fn else None,
        "test_precision": tp / (tp + fp) if tp + fp else None,
        "test_positives": tp + fn, "test_rows": sum(tally.values()),
    }  # fmt: skip


def run(spark: SparkSession, p: QuakeParams) -> dict:
    features = prepare_quake_features(spark, p).cache()
    if features.limit(1).count() == 0:
        raise JobInputError("input_uri", "the feed has no events with magnitude and position",
                            "point it at USGS feed files (summary/*.geojson)")  # fmt: skip
    quality = evaluate_recall(features, p)
    written = write_run(features, p.output_uri, "day", p.glue_database, p.glue_table,
                        description="Earthquake place/day features (USGS feed)")  # fmt: skip
    features.unpersist()
    return {**asdict(written), "quality": quality}
