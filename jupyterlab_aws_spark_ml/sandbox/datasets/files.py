"""The real data files shipped in `data/` (provenance and licences in data/README.md)."""

from __future__ import annotations

import gzip
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
AQ_DATA = DATA_DIR / "aq_data.csv.gz"  # AQEval aq.data: hourly NO2 + met, UK, 2001-2003
EARTHQUAKES = DATA_DIR / "earthquakes.geojson.gz"  # USGS all_week feed, 2018-01-31..02-07
BANK = DATA_DIR / "bank-uci.csv.gz"  # UCI bank marketing, 10% sample
CAR = DATA_DIR / "car.tab.gz"  # UCI car evaluation, Orange .tab format
CREDIT_G = DATA_DIR / "credit-g.arff.gz"  # UCI Statlog German credit, Weka ARFF


def read_text(path: Path) -> str:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return handle.read()


def load_aq_data():
    """aq.data as a DataFrame: date (UTC hour), no2, bg.no2 (µg/m³), ws (m/s), wd, air_temp (°C)."""
    import pandas as pd

    # round_trip keeps the floats exactly as written (the default parser is 1 ulp off at times).
    return pd.read_csv(AQ_DATA, parse_dates=["date"], float_precision="round_trip")
