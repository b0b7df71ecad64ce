"""Who may read what in the sandbox's lake, so every Lake Formation view has something true to
show: full access on most tables, column-restricted access on the bank table, row-filtered
access on the OpenAQ feed, none on the credit-card table, LF-tags on databases, tables and columns,
an admin, a registered location.
"""

from __future__ import annotations

from ..datasets.air_quality import COUNTRY
from ..datasets.catalog import BUCKET, PREPARED_DATABASE, RAW_DATABASE
from .prepared import TABLE as PREPARED_TABLE

ACCOUNT = "123456789012"
# The Jupyter server's sandbox credentials are moto's user; LF principals are IAM ARNs.
CALLER = f"arn:aws:iam::{ACCOUNT}:user/moto"
STUDIO_ROLE = f"arn:aws:iam::{ACCOUNT}:role/SageMakerExecutionRole-sandbox"
ADMIN_ROLE_NAME = "DataLakeAdmin-sandbox"
ADMIN = f"arn:aws:iam::{ACCOUNT}:role/{ADMIN_ROLE_NAME}"
LF_DATA_ACCESS_ROLE = (
    f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/lakeformation.amazonaws.com/"
    "AWSServiceRoleForLakeFormationDataAccess"
)
READERS = (CALLER, STUDIO_ROLE)

BANK = "uci_bank_marketing"
CREDIT = "creditcard_fraud_substitute"
OPENAQ = "openaq_realtime"
FULL_ACCESS_TABLES = (
    "openaq_archive", "noaa_gsod", "usgs_earthquakes", "uci_car_evaluation",
)  # fmt: skip
# Personal attributes of the bank's customers: readers get the campaign columns only.
BANK_PERSONAL = ["age", "job", "marital", "education", "default", "balance", "housing", "loan"]
BANK_CAMPAIGN_ONLY = ["contact", "day", "month", "duration", "campaign", "poutcome", "y"]
# Row-level: OpenAQ's feed is worldwide; readers get their own country's measurements (data
# residency). The seeded feed is one UK site's, so the filter hides nothing the NO2 walkthrough
# reads; the sandbox does not enforce Lake Formation on Spark reads anyway.
OPENAQ_ROW_FILTER = {
    "TableCatalogId": ACCOUNT,
    "DatabaseName": RAW_DATABASE,
    "TableName": OPENAQ,
    "Name": "uk_measurements",
    "RowFilter": {"FilterExpression": f"country = '{COUNTRY}'"},
    "ColumnWildcard": {"ExcludedColumnNames": []},
}

LF_TAGS = {
    "domain": ["air-quality", "weather", "seismology", "marketing", "automotive", "finance"],
    "sensitivity": ["public", "internal", "restricted"],
}
DATABASE_TAGS = {
    RAW_DATABASE: {"sensitivity": "public"},
    PREPARED_DATABASE: {"domain": "air-quality", "sensitivity": "internal"},
}
TABLE_TAGS = {
    (RAW_DATABASE, OPENAQ): {"domain": "air-quality"},
    (RAW_DATABASE, "openaq_archive"): {"domain": "air-quality"},
    (RAW_DATABASE, "noaa_gsod"): {"domain": "weather"},
    (RAW_DATABASE, "usgs_earthquakes"): {"domain": "seismology"},
    (RAW_DATABASE, "uci_car_evaluation"): {"domain": "automotive"},
    (RAW_DATABASE, BANK): {"domain": "marketing", "sensitivity": "internal"},
    (RAW_DATABASE, CREDIT): {"domain": "finance", "sensitivity": "restricted"},
    (PREPARED_DATABASE, PREPARED_TABLE): {"domain": "air-quality"},
}
COLUMN_TAGS = {(RAW_DATABASE, BANK, tuple(BANK_PERSONAL)): {"sensitivity": "restricted"}}


def _filter_resource(definition: dict) -> dict:
    keys = ("TableCatalogId", "DatabaseName", "TableName", "Name")
    return {k: definition[k] for k in keys}


def _principal(arn: str) -> dict:
    return {"DataLakePrincipalIdentifier": arn}


def _tags(values: dict[str, str]) -> list[dict]:
    return [{"TagKey": k, "TagValues": [v]} for k, v in values.items()]


def grants() -> list[dict]:
    """GrantPermissions requests (plus an Id, as BatchGrantPermissions entries have)."""
    entries: list[dict] = []

    def grant(principal, resource, permissions, grantable=()):
        entries.append(
            {
                "Id": str(len(entries)),
                "Principal": _principal(principal),
                "Resource": resource,
                "Permissions": list(permissions),
                "PermissionsWithGrantOption": list(grantable),
            }
        )

    for db in (RAW_DATABASE, PREPARED_DATABASE):
        grant(ADMIN, {"Database": {"Name": db}}, ["ALL"], ["ALL"])
        grant(ADMIN, {"Table": {"DatabaseName": db, "TableWildcard": {}}}, ["ALL"], ["ALL"])
        for reader in READERS:
            grant(reader, {"Database": {"Name": db}}, ["DESCRIBE"])
    for reader in READERS:
        # Prepared data: every table of the database, present and future.
        wildcard = {"Table": {"DatabaseName": PREPARED_DATABASE, "TableWildcard": {}}}
        grant(reader, wildcard, ["SELECT", "DESCRIBE"])
        for table in FULL_ACCESS_TABLES:
            grant(reader, {"Table": {"DatabaseName": RAW_DATABASE, "Name": table}},
                  ["SELECT", "DESCRIBE"])  # fmt: skip
        grant(reader, {"Table": {"DatabaseName": RAW_DATABASE, "Name": BANK}}, ["DESCRIBE"])
        grant(reader, {"Table": {"DatabaseName": RAW_DATABASE, "Name": OPENAQ}}, ["DESCRIBE"])
        grant(reader, {"DataCellsFilter": _filter_resource(OPENAQ_ROW_FILTER)}, ["SELECT"])
    # The Studio role owns the prepared table's pipeline: it may pass SELECT on.
    prepared = {"Table": {"DatabaseName": PREPARED_DATABASE, "Name": PREPARED_TABLE}}
    grant(STUDIO_ROLE, prepared, ["SELECT", "ALTER"], ["SELECT"])
    # Column-level: the caller may read all but the personal columns; the role only the named ones.
    bank = {"DatabaseName": RAW_DATABASE, "Name": BANK}
    grant(CALLER, {"TableWithColumns": {**bank, "ColumnWildcard": {"ExcludedColumnNames": BANK_PERSONAL}}},
          ["SELECT"])  # fmt: skip
    grant(
        STUDIO_ROLE, {"TableWithColumns": {**bank, "ColumnNames": BANK_CAMPAIGN_ONLY}}, ["SELECT"]
    )
    # CREDIT: nobody but the admin (through the wildcard above).
    grant(
        ADMIN, {"DataLocation": {"ResourceArn": f"arn:aws:s3:::{BUCKET}"}}, ["DATA_LOCATION_ACCESS"]
    )
    return entries


def apply_governance(sandbox) -> None:
    lf = sandbox.client("lakeformation")
    settings = lf.get_data_lake_settings()["DataLakeSettings"]
    # Lake Formation mode: no IAM_ALLOWED_PRINCIPALS defaults, LF grants decide.
    settings.update(
        DataLakeAdmins=[_principal(ADMIN)],
        CreateDatabaseDefaultPermissions=[],
        CreateTableDefaultPermissions=[],
    )
    lf.put_data_lake_settings(DataLakeSettings=settings)
    lf.register_resource(ResourceArn=f"arn:aws:s3:::{BUCKET}", RoleArn=LF_DATA_ACCESS_ROLE)
    for key, values in LF_TAGS.items():
        lf.create_lf_tag(TagKey=key, TagValues=values)
    for db, tags in DATABASE_TAGS.items():
        _tag(lf, {"Database": {"Name": db}}, tags)
    for (db, table), tags in TABLE_TAGS.items():
        _tag(lf, {"Table": {"DatabaseName": db, "Name": table}}, tags)
    for (db, table, columns), tags in COLUMN_TAGS.items():
        resource = {
            "TableWithColumns": {"DatabaseName": db, "Name": table, "ColumnNames": list(columns)}
        }
        _tag(lf, resource, tags)
    lf.create_data_cells_filter(TableData=OPENAQ_ROW_FILTER)
    # One GrantPermissions per entry: moto's batch drops PermissionsWithGrantOption.
    for entry in grants():
        lf.grant_permissions(**{k: v for k, v in entry.items() if k != "Id"})


def _tag(lf, resource: dict, tags: dict[str, str]) -> None:
    failures = lf.add_lf_tags_to_resource(Resource=resource, LFTags=_tags(tags)).get("Failures")
    if failures:
        raise RuntimeError(f"LF-tags {tags} on {resource} failed: {failures}")
