"""The other seed workloads' raw data, in the formats their original sources publish.

- USGS feed GeoJSON as published (`summary/all_week.geojson`), one snapshot.
- UCI bank marketing `bank.csv`: semicolon-separated with quoted strings, as UCI ships it.
- UCI car evaluation `car.data`: no header, UCI's value spellings (vhigh, 5more, vgood).
- Credit-card fraud: Kaggle's mlg-ulb `creditcard.csv` is not redistributable here, so the real
  Statlog German credit data is re-expressed in Kaggle's schema (Time, V1..V28, Amount, Class) the
  way Kaggle's was made: PCA of the (one-hot, standardised) original attributes. It is labelled a
  substitute everywhere it appears; the schema is what the job depends on.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator

from .files import BANK, CAR, CREDIT_G, EARTHQUAKES, read_text

EARTHQUAKES_KEY = "usgs-earthquakes/summary/all_week/2018-02-07T01-49-14Z.geojson"
BANK_KEY = "uci-bank-marketing/bank.csv"
CAR_KEY = "uci-car-evaluation/car.data"
CREDIT_KEY = "creditcard-fraud-substitute/creditcard.csv"
KAGGLE_PCA_COMPONENTS = 28
# Orange's spellings -> UCI's (car.names)
CAR_VALUES = {"v-high": "vhigh", "5-more": "5more", "v-good": "vgood"}


def earthquake_objects() -> Iterator[tuple[str, bytes]]:
    yield EARTHQUAKES_KEY, gzip.decompress(EARTHQUAKES.read_bytes())


def bank_objects() -> Iterator[tuple[str, bytes]]:
    rows = list(csv.reader(io.StringIO(read_text(BANK))))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    for index, row in enumerate(rows):
        row = row[1:]  # hypernets added an `id` column; UCI's file has none
        writer.writerow(row if index == 0 else [_number_or_text(value) for value in row])
    yield BANK_KEY, buffer.getvalue().encode("utf-8")


def _number_or_text(value: str):
    try:
        return int(value)
    except ValueError:
        return value


def car_rows() -> list[list[str]]:
    lines = read_text(CAR).splitlines()[3:]  # Orange .tab: names, value lists, roles
    return [[CAR_VALUES.get(v, v) for v in line.split("\t")] for line in lines if line.strip()]


def car_objects() -> Iterator[tuple[str, bytes]]:
    text = "\n".join(",".join(row) for row in car_rows()) + "\n"
    yield CAR_KEY, text.encode("utf-8")


def credit_g_rows() -> tuple[list[str], list[list[str]]]:
    """Attribute names and data rows of the ARFF file (quotes removed)."""
    names, rows, in_data = [], [], False
    for line in read_text(CREDIT_G).splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("%"):
            continue
        if in_data:
            rows.append(next(csv.reader([stripped], quotechar="'", skipinitialspace=True)))
        elif stripped.lower().startswith("@attribute"):
            names.append(stripped.split()[1])
        elif stripped.lower() == "@data":
            in_data = True
    return names, rows


def credit_fraud_objects() -> Iterator[tuple[str, bytes]]:
    import numpy as np
    import pandas as pd

    names, rows = credit_g_rows()
    frame = pd.DataFrame(rows, columns=names)
    label = (frame.pop("class") == "bad").astype(int)  # 'bad' credit plays the fraud class
    amount = frame["credit_amount"].astype(float)
    numeric = [c for c in frame.columns if c not in _categorical(frame)]
    encoded = pd.get_dummies(frame, columns=_categorical(frame), dtype=float)
    encoded[numeric] = encoded[numeric].astype(float)
    matrix = encoded.to_numpy()
    matrix = (matrix - matrix.mean(axis=0)) / np.where(matrix.std(axis=0) == 0, 1, matrix.std(0))
    # PCA by SVD: deterministic, no extra dependency.
    _, _, components = np.linalg.svd(matrix, full_matrices=False)
    scores = matrix @ components[:KAGGLE_PCA_COMPONENTS].T
    out = pd.DataFrame(scores, columns=[f"V{i}" for i in range(1, KAGGLE_PCA_COMPONENTS + 1)])
    # The source has no transaction time; Kaggle's Time is seconds since the first row. Rows are
    # spaced a notional 3 minutes apart in file order so the column has its meaning and type.
    out.insert(0, "Time", np.arange(len(out), dtype=float) * 180.0)
    out["Amount"] = amount.round(2)
    out["Class"] = label
    yield CREDIT_KEY, out.to_csv(index=False, float_format="%.6f").encode("utf-8")


def _categorical(frame) -> list[str]:
    return [c for c in frame.columns if not _is_numeric(frame[c])]


def _is_numeric(series) -> bool:
    try:
        series.astype(float)
        return True
    except ValueError:
        return False


def other_objects() -> Iterator[tuple[str, bytes]]:
    yield from earthquake_objects()
    yield from bank_objects()
    yield from car_objects()
    yield from credit_fraud_objects()
