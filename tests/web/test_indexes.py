"""Every index costs each write: none may repeat what another index of its table already covers."""

import pytest
from django.apps import apps
from django.db import connection

APPS = ["coach", "community"]
TABLES = sorted(
    {m._meta.db_table for label in APPS for m in apps.get_app_config(label).get_models()}
)


@pytest.mark.parametrize("table", TABLES)
def test_it_keeps_no_index_that_another_covers(table: str, db: None) -> None:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    indexes = {
        name: tuple(info["columns"])
        for name, info in found.items()
        if (info["index"] or info["unique"]) and not info["primary_key"]
    }
    covered = [
        (name, columns, other)
        for name, columns in indexes.items()
        if not found[name]["unique"]
        for other, wider in indexes.items()
        if other != name and wider[: len(columns)] == columns
    ]
    assert covered == []


def test_it_still_finds_the_lookups_the_pages_make(db: None) -> None:
    # The indexes left must still lead with the person, and keep session ids unique.
    with connection.cursor() as cursor:
        logs = connection.introspection.get_constraints(cursor, "coach_sessionlog")
        events = connection.introspection.get_constraints(cursor, "coach_sessionevent")
    assert any(c["columns"][:1] == ["user_id"] and c["index"] for c in logs.values())
    assert any(c["columns"] == ["client_id"] and c["unique"] for c in logs.values())
    assert any(c["columns"] == ["log_id", "seq"] and c["unique"] for c in events.values())
