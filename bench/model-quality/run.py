"""Model quality on the prepared NO2 features: linear regression vs gradient-boosted trees.

Data: AQEval aq.data (UK, 2001-2003) through the real NO2 Spark job. Time split: train on
2001-2002, test on 2003 (no shuffling across time). Two feature sets: weather + calendar only
(what the AWS sample used) and the same plus the lagged NO2 values.
Run: .venv/bin/python bench/model-quality/run.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

# Helpers shared by the benches live in bench/shared/.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "shared"))
from no2_bench_data import lay_out, local_spark  # noqa: E402
from results_md import write_section  # noqa: E402

WEATHER = ["temp_avg", "temp_max", "temp_min", "dew_point", "wind_avg", "wind_max",
           "pressure_sea_level", "pressure_station", "visibility", "precipitation"]  # fmt: skip
CALENDAR = ["day_of_week", "month", "day_of_year"]
LAGS = ["no2_lag_1", "no2_lag_2", "no2_lag_7"]


def smape(y, p) -> float:
    import numpy as np

    return float(np.mean(2 * np.abs(p - y) / (np.abs(y) + np.abs(p))))


def evaluate(frame, features: list[str]) -> dict[str, dict[str, float]]:
    import numpy as np
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import mean_squared_error, r2_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from xgboost import XGBRegressor

    features = [c for c in features if frame[c].notna().any()]  # all-null here: pressure etc.
    train, test = frame[frame["year"] <= 2002], frame[frame["year"] == 2003]
    models = {
        "linear regression": make_pipeline(SimpleImputer(), StandardScaler(), LinearRegression()),
        "xgboost (gbt)": XGBRegressor(n_estimators=300, max_depth=4, learning_rate=0.05,
                                      subsample=0.8, n_jobs=2, random_state=0),
    }  # fmt: skip
    out = {}
    for name, model in models.items():
        model.fit(train[features], train["no2_avg"])
        pred = np.asarray(model.predict(test[features]))
        y = test["no2_avg"].to_numpy()
        out[name] = {
            "rmse": float(np.sqrt(mean_squared_error(y, pred))),
            "r2": float(r2_score(y, pred)),
            "smape": smape(y, pred),
        }
    out["_rows"] = {"train": len(train), "test": len(test), "features": len(features)}
    return out


def main() -> None:
    from no2 import No2Params, prepare_no2_features

    spark = local_spark("no2-model-quality")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root, _ = lay_out(Path(tmp), archive=False)
            params = No2Params(
                start_date=date(2001, 1, 1), end_date=date(2003, 12, 31), city="aqeval-uk",
                source_layout="legacy", output_uri=(root / "out").as_uri(),
                openaq_legacy_uri=(root / "openaq-fetches/realtime-gzipped").as_uri(),
                gsod_uri=(root / "noaa-gsod-pds").as_uri(),
            )  # fmt: skip
            started = time.perf_counter()
            frame = prepare_no2_features(spark, params).toPandas()
            prep_seconds = time.perf_counter() - started
    finally:
        spark.stop()
    weather_only = evaluate(frame, WEATHER + CALENDAR)
    with_lags = evaluate(frame, WEATHER + CALENDAR + LAGS)
    rows = []
    for label, result in (("weather + calendar", weather_only), ("+ lagged NO2", with_lags)):
        for model in ("linear regression", "xgboost (gbt)"):
            m = result[model]
            rows.append(
                f"| {label} | {model} | {m['rmse']:.2f} | {m['r2']:.3f} | {m['smape']:.3f} |"
            )
    counts = weather_only["_rows"]
    body = f"""
`bench/model-quality/run.py` ({date.today()}, local Spark 3.5 `local[2]`, shared 2-core machine).
Features from the real NO2 job (`spark-jobs/no2`) on the shipped AQEval `aq.data` (UK site,
2001-2003; two sites averaged per day), {len(frame)} labelled days, prepared in {prep_seconds:.0f} s.
Time split: train 2001-2002 ({counts["train"]} days), test 2003 ({counts["test"]} days).
Target `no2_avg` in µg/m³. Weather is what this data has: temperature (mean/max/min) and wind
(mean/max); pressure, dew point and visibility are missing in the source (null, dropped).

| features | model | RMSE (µg/m³) | R² | sMAPE |
|---|---|---|---|---|
{chr(10).join(rows)}

The AWS sample reported **R² 0.377** (RMSE 0.0033, sMAPE 0.362) for SageMaker Linear Learner on
Boston OpenAQ NO2 + GSOD weather, trained 2016-2020 and tested on 2021. **The data differs** (other
city, years, units and weather columns), so the numbers are not directly comparable; they show the
same job and split on real data reach a similar or better fit.
"""
    write_section("model-quality", body)
    print(body)


if __name__ == "__main__":
    main()
