"""Lake Formation data cells filters in the sandbox: the seeded row filter, the filter lifecycle,
grants on filters in ListPermissions, and AWS's errors for bad input."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from jupyterlab_aws_spark_ml.sandbox.catalog.governance import (
    ACCOUNT,
    BANK,
    CALLER,
    OPENAQ,
    OPENAQ_ROW_FILTER,
    STUDIO_ROLE,
)

DB = "open_data"
ANALYST = f"arn:aws:iam::{ACCOUNT}:role/CampaignAnalyst"


def _filter(name: str, table: str = BANK, **definition) -> dict:
    base = {"TableCatalogId": ACCOUNT, "DatabaseName": DB, "TableName": table, "Name": name}
    return {**base, **definition}


def _ref(name: str, table: str = BANK) -> dict:
    return {"TableCatalogId": ACCOUNT, "DatabaseName": DB, "TableName": table, "Name": name}


def _code(error: pytest.ExceptionInfo) -> str:
    return error.value.response["Error"]["Code"]


def _grants(lf, resource: dict) -> list[dict]:
    return lf.list_permissions(Resource=resource)["PrincipalResourcePermissions"]


def test_seeded_row_filter_is_listed_and_readable(lf):
    listed = lf.list_data_cells_filter(Table={"DatabaseName": DB, "Name": OPENAQ})
    assert listed["DataCellsFilters"] == [OPENAQ_ROW_FILTER]
    got = lf.get_data_cells_filter(**_ref(OPENAQ_ROW_FILTER["Name"], OPENAQ))["DataCellsFilter"]
    assert got["RowFilter"] == {"FilterExpression": "country = 'GB'"}
    assert got["ColumnWildcard"] == {"ExcludedColumnNames": []}


def test_readers_select_the_feed_through_the_row_filter_only(lf):
    grants = _grants(lf, {"Table": {"DatabaseName": DB, "Name": OPENAQ}})
    on_filter = [g for g in grants if "DataCellsFilter" in g["Resource"]]
    assert sorted(g["Principal"]["DataLakePrincipalIdentifier"] for g in on_filter) == sorted(
        [CALLER, STUDIO_ROLE]
    )
    for g in on_filter:
        assert g["Resource"]["DataCellsFilter"] == _ref(OPENAQ_ROW_FILTER["Name"], OPENAQ)
        assert g["Permissions"] == ["SELECT"]
    on_table = [g for g in grants if g["Principal"]["DataLakePrincipalIdentifier"] == CALLER
                and "Table" in g["Resource"]]  # fmt: skip
    assert [g["Permissions"] for g in on_table] == [["DESCRIBE"]]
    # Asked for the filter itself, ListPermissions answers its grants alone.
    by_filter = _grants(lf, {"DataCellsFilter": _ref(OPENAQ_ROW_FILTER["Name"], OPENAQ)})
    assert len(by_filter) == 2
    # A database's "all tables" grants are not grants on one table's filter.
    wildcard = _grants(lf, {"Table": {"DatabaseName": DB, "TableWildcard": {}}})
    assert not any("DataCellsFilter" in g["Resource"] for g in wildcard)


def test_filter_lifecycle_with_grants(lf):
    definition = _filter(
        "subscribed_only",
        RowFilter={"FilterExpression": "y = 'yes' AND duration > 60"},
        ColumnNames=["contact", "month", "duration", "y"],
    )
    lf.create_data_cells_filter(TableData=definition)
    got = lf.get_data_cells_filter(**_ref("subscribed_only"))["DataCellsFilter"]
    assert got == definition
    on_table = lf.list_data_cells_filter(Table={"DatabaseName": DB, "Name": BANK})
    assert [f["Name"] for f in on_table["DataCellsFilters"]] == ["subscribed_only"]
    in_database = lf.list_data_cells_filter(Table={"DatabaseName": DB, "TableWildcard": {}})
    assert {f["Name"] for f in in_database["DataCellsFilters"]} == {
        "subscribed_only", OPENAQ_ROW_FILTER["Name"]
    }  # fmt: skip

    analyst = {"DataLakePrincipalIdentifier": ANALYST}
    resource = {"DataCellsFilter": _ref("subscribed_only")}
    lf.grant_permissions(
        Principal=analyst, Resource=resource, Permissions=["SELECT", "DESCRIBE"],
        PermissionsWithGrantOption=["DESCRIBE"],
    )  # fmt: skip
    mine = [g for g in _grants(lf, {"Table": {"DatabaseName": DB, "Name": BANK}})
            if g["Principal"] == analyst]  # fmt: skip
    assert mine == [
        {
            "Principal": analyst,
            "Resource": resource,
            "Permissions": ["DESCRIBE", "SELECT"],
            "PermissionsWithGrantOption": ["DESCRIBE"],
        }
    ]
    lf.revoke_permissions(Principal=analyst, Resource=resource, Permissions=["DESCRIBE"],
                          PermissionsWithGrantOption=["DESCRIBE"])  # fmt: skip
    assert [g["Permissions"] for g in _grants(lf, resource)] == [["SELECT"]]

    lf.delete_data_cells_filter(**_ref("subscribed_only"))
    with pytest.raises(ClientError) as error:
        lf.get_data_cells_filter(**_ref("subscribed_only"))
    assert _code(error) == "EntityNotFoundException"
    # Its grants went with it.
    assert not any(
        "DataCellsFilter" in g["Resource"]
        for g in _grants(lf, {"Table": {"DatabaseName": DB, "Name": BANK}})
    )
    assert (
        lf.list_data_cells_filter(Table={"DatabaseName": DB, "Name": BANK})["DataCellsFilters"]
        == []
    )


def test_all_rows_with_excluded_columns(lf):
    definition = _filter(
        "no_personal_data",
        RowFilter={"AllRowsWildcard": {}},
        ColumnWildcard={"ExcludedColumnNames": ["age", "balance"]},
    )
    lf.create_data_cells_filter(TableData=definition)
    try:
        got = lf.get_data_cells_filter(**_ref("no_personal_data"))["DataCellsFilter"]
        assert got["RowFilter"] == {"AllRowsWildcard": {}}
        assert got["ColumnWildcard"] == {"ExcludedColumnNames": ["age", "balance"]}
    finally:
        lf.delete_data_cells_filter(**_ref("no_personal_data"))


@pytest.mark.parametrize(
    "definition, code, words",
    [
        (_filter(OPENAQ_ROW_FILTER["Name"], OPENAQ, RowFilter={"AllRowsWildcard": {}},
                 ColumnWildcard={}), "AlreadyExistsException", "already exists"),
        (_filter("f", "no_such_table", RowFilter={"AllRowsWildcard": {}}, ColumnWildcard={}),
         "EntityNotFoundException", "no_such_table"),
        (_filter("f", RowFilter={"FilterExpression": "agee > 30"}, ColumnWildcard={}),
         "InvalidInputException", "agee"),
        (_filter("f", RowFilter={"AllRowsWildcard": {}}, ColumnNames=["age", "salary"]),
         "InvalidInputException", "salary"),
        (_filter("f", RowFilter={"FilterExpression": "age > 30", "AllRowsWildcard": {}},
                 ColumnWildcard={}), "InvalidInputException", "exactly one"),
        (_filter("f", RowFilter={"FilterExpression": "age > 30"}), "InvalidInputException",
         "ColumnWildcard"),
        (_filter("f", ColumnWildcard={}), "InvalidInputException", "RowFilter"),
        (_filter("f", RowFilter={"FilterExpression": "  "}, ColumnWildcard={}),
         "InvalidInputException", "AllRowsWildcard"),
    ],
)  # fmt: skip
def test_bad_filters_are_refused_as_aws_does(lf, definition, code, words):
    with pytest.raises(ClientError) as error:
        lf.create_data_cells_filter(TableData=definition)
    assert _code(error) == code
    assert words in error.value.response["Error"]["Message"]


def test_expressions_name_columns_not_literals_or_functions(lf):
    expression = (
        "lower(job) LIKE 'self-employed and retired%' AND \"balance\" >= 1.5e3 "
        "AND month IN ('may', 'jun') AND NOT loan = 'yes' AND pdays IS NOT NULL"
    )
    definition = _filter("readable", RowFilter={"FilterExpression": expression},
                         ColumnWildcard={})  # fmt: skip
    lf.create_data_cells_filter(TableData=definition)
    lf.delete_data_cells_filter(**_ref("readable"))


def test_grants_on_filters_are_checked(lf):
    analyst = {"DataLakePrincipalIdentifier": ANALYST}
    with pytest.raises(ClientError) as error:
        lf.grant_permissions(Principal=analyst, Resource={"DataCellsFilter": _ref("missing")},
                             Permissions=["SELECT"])  # fmt: skip
    assert _code(error) == "EntityNotFoundException"
    seeded = {"DataCellsFilter": _ref(OPENAQ_ROW_FILTER["Name"], OPENAQ)}
    with pytest.raises(ClientError) as error:
        lf.grant_permissions(Principal=analyst, Resource=seeded, Permissions=["ALTER"])
    assert _code(error) == "InvalidInputException"
    assert "ALTER" in error.value.response["Error"]["Message"]
    with pytest.raises(ClientError) as error:
        lf.delete_data_cells_filter(**_ref("missing"))
    assert _code(error) == "EntityNotFoundException"


def test_list_pages_and_checks_its_input(lf):
    for name in ("a_rows", "b_rows", "c_rows"):
        lf.create_data_cells_filter(
            TableData=_filter(name, RowFilter={"FilterExpression": "age > 60"}, ColumnWildcard={})
        )
    try:
        table = {"DatabaseName": DB, "Name": BANK}
        first = lf.list_data_cells_filter(Table=table, MaxResults=2)
        assert [f["Name"] for f in first["DataCellsFilters"]] == ["a_rows", "b_rows"]
        rest = lf.list_data_cells_filter(Table=table, MaxResults=2, NextToken=first["NextToken"])
        assert [f["Name"] for f in rest["DataCellsFilters"]] == ["c_rows"]
        assert "NextToken" not in rest
        with pytest.raises(ClientError) as error:
            lf.list_data_cells_filter(Table={**table, "TableWildcard": {}})
        assert _code(error) == "InvalidInputException"
    finally:
        for name in ("a_rows", "b_rows", "c_rows"):
            lf.delete_data_cells_filter(**_ref(name))
