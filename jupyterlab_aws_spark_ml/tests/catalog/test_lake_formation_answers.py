"""Lake Formation and Glue reads answered as AWS does, over the seeded grants and tags."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from jupyterlab_aws_spark_ml.sandbox.catalog.governance import (
    ADMIN,
    BANK,
    BANK_CAMPAIGN_ONLY,
    BANK_PERSONAL,
    CALLER,
    CREDIT,
    STUDIO_ROLE,
)


def _table(db, name):
    return {"Table": {"DatabaseName": db, "Name": name}}


def test_table_filter_includes_column_grants(lf):
    grants = lf.list_permissions(Resource=_table("open_data", BANK))["PrincipalResourcePermissions"]
    by_principal = {}
    for g in grants:
        by_principal.setdefault(g["Principal"]["DataLakePrincipalIdentifier"], []).append(g)
    caller_columns = [g["Resource"]["TableWithColumns"] for g in by_principal[CALLER]
                      if "TableWithColumns" in g["Resource"]]  # fmt: skip
    assert caller_columns[0]["ColumnWildcard"]["ExcludedColumnNames"] == BANK_PERSONAL
    role_columns = [g["Resource"]["TableWithColumns"] for g in by_principal[STUDIO_ROLE]
                    if "TableWithColumns" in g["Resource"]]  # fmt: skip
    assert role_columns[0]["ColumnNames"] == BANK_CAMPAIGN_ONLY


def test_no_grant_on_credit_table_for_readers(lf):
    for principal in (CALLER, STUDIO_ROLE):
        direct = lf.list_permissions(
            Principal={"DataLakePrincipalIdentifier": principal},
            Resource=_table("open_data", CREDIT),
        )["PrincipalResourcePermissions"]
        wildcard = lf.list_permissions(
            Principal={"DataLakePrincipalIdentifier": principal},
            Resource={"Table": {"DatabaseName": "open_data", "TableWildcard": {}}},
        )["PrincipalResourcePermissions"]
        assert direct == [] and wildcard == []
    admins = lf.get_data_lake_settings()["DataLakeSettings"]["DataLakeAdmins"]
    assert admins == [{"DataLakePrincipalIdentifier": ADMIN}]


def test_grant_option_is_kept(lf):
    grants = lf.list_permissions(
        Principal={"DataLakePrincipalIdentifier": STUDIO_ROLE},
        Resource=_table("air_quality", "no2_hourly"),
    )["PrincipalResourcePermissions"]
    assert grants[0]["PermissionsWithGrantOption"] == ["SELECT"]


def test_principal_without_resource_is_refused(lf):
    with pytest.raises(ClientError) as error:
        lf.list_permissions(Principal={"DataLakePrincipalIdentifier": CALLER})
    assert error.value.response["Error"]["Code"] == "InvalidInputException"
    assert "Resource" in error.value.response["Error"]["Message"]


def test_lf_tags_are_inherited_down_to_columns(lf):
    tags = lf.get_resource_lf_tags(Resource=_table("open_data", BANK))
    assert tags["LFTagOnDatabase"][0]["TagValues"] == ["public"]
    on_table = {t["TagKey"]: t["TagValues"] for t in tags["LFTagsOnTable"]}
    assert on_table == {"domain": ["marketing"], "sensitivity": ["internal"]}
    columns = {c["Name"]: {t["TagKey"]: t["TagValues"][0] for t in c["LFTags"]}
               for c in tags["LFTagsOnColumns"]}  # fmt: skip
    assert columns["balance"]["sensitivity"] == "restricted"
    assert columns["duration"] == {"domain": "marketing", "sensitivity": "internal"}
    assigned = lf.get_resource_lf_tags(Resource=_table("open_data", BANK), ShowAssignedLFTags=True)
    assert {c["Name"] for c in assigned["LFTagsOnColumns"]} == set(BANK_PERSONAL)


def test_untagged_database_answers_empty(lf):
    assert (
        lf.get_resource_lf_tags(Resource={"Database": {"Name": "sandbox_demo"}}).get(
            "LFTagOnDatabase", []
        )
        == []
    )


def test_registered_location(lf):
    resources = lf.list_resources()["ResourceInfoList"]
    assert [r["ResourceArn"] for r in resources] == ["arn:aws:s3:::sandbox-open-data"]


def _many_tables(sandbox, databases: int, tables: int) -> None:
    """`databases` × `tables` tables straight into moto (450 CreateTable calls take long)."""
    from moto.glue.models import glue_backends

    backend = glue_backends[sandbox.account_id][sandbox.region]
    for db in range(databases):
        name = f"many_{db}"
        backend.create_database(name, {"Name": name})
        for table in range(tables):
            columns = [{"Name": f"measure_{db}_{table}_{c}", "Type": "double"} for c in range(4)]
            table_input = {"Name": f"table_{table:04d}", "StorageDescriptor": {"Columns": columns}}
            backend.create_table(name, table_input["Name"], table_input)


def test_paging_and_search_across_many_tables(sandbox, glue):
    _many_tables(sandbox, databases=3, tables=150)
    first = glue.get_tables(DatabaseName="many_1")
    assert len(first["TableList"]) == 100 and first["NextToken"]
    rest = glue.get_tables(DatabaseName="many_1", NextToken=first["NextToken"])
    assert len(rest["TableList"]) == 50 and "NextToken" not in rest
    found = glue.search_tables(SearchText="measure_2_149_3")["TableList"]
    assert [(t["DatabaseName"], t["Name"]) for t in found] == [("many_2", "table_0149")]
    by_column = glue.search_tables(SearchText="wind_speed")["TableList"]
    assert [t["Name"] for t in by_column] == ["no2_hourly"]
    with pytest.raises(ClientError) as error:
        glue.get_tables(DatabaseName="many_1", MaxResults=500)
    assert "MaxResults" in error.value.response["Error"]["Message"]
