"""Car evaluation on UCI's real 1,728 cars: the saved pipeline is reused unchanged at inference."""

from __future__ import annotations

from pathlib import Path

import pytest
from car_evaluation import CarParams, prepare_for_inference, read_cars, run
from car_evaluation.job import to_label
from pyspark.ml import PipelineModel

from jupyterlab_aws_spark_ml.sandbox.datasets import other_sources


@pytest.fixture(scope="module")
def trained(spark, tmp_path_factory, lay_out):
    raw = lay_out(other_sources.car_objects(), tmp_path_factory.mktemp("car"))
    p = CarParams((raw / other_sources.CAR_KEY).as_uri(), (raw / "out").as_uri())
    return p, run(spark, p)


def test_training_output(spark, trained):
    p, result = trained
    assert result["rows"] == 1728
    assert set(result["labels"]) == {"unacc", "acc", "good", "vgood"}
    assert result["labels"][0] == "unacc"  # most frequent first (1,210 of 1,728)
    features = spark.read.parquet(f"{result['run_uri']}/features")
    assert features.count() == 1728
    assert sorted(p.name for p in Path(result["run_uri"].removeprefix("file:"), "features").glob("class=*")) == [
        "class=acc", "class=good", "class=unacc", "class=vgood"]  # fmt: skip
    # 6 one-hot blocks; each keeps a slot for unseen values, drops the last seen one
    assert features.first()["features"].size == 4 + 4 + 4 + 3 + 3 + 3


def test_saved_pipeline_reused_unchanged_at_inference(spark, trained):
    p, result = trained
    cars = read_cars(spark, p.input_uri).limit(20)
    at_training = PipelineModel.load(f"{result['run_uri']}/preprocessing").transform(cars)
    requests = cars.drop("class")  # inference requests carry no label
    served = prepare_for_inference(spark, f"{result['run_uri']}/preprocessing", requests)
    assert [r.features for r in served.collect()] == [r.features for r in at_training.collect()]
    unseen = spark.createDataFrame([("vhigh", "vhigh", "7", "2", "small", "low")], requests.schema)
    assert prepare_for_inference(spark, f"{result['run_uri']}/preprocessing", unseen).count() == 1


def test_postprocessing_turns_indices_back_into_classes(spark, trained):
    _, result = trained
    labels = PipelineModel.load(f"{result['run_uri']}/labels")
    predictions = spark.createDataFrame([(0.0,), (3.0,)], "prediction double")
    got = [r.prediction_class for r in to_label(predictions, labels).collect()]
    assert got == [result["labels"][0], result["labels"][3]]
