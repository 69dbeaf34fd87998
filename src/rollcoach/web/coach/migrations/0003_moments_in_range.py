# Uploads were not always held to real moments: a session or event stored before they were
# could carry a time outside 2000-2099 (after conversion to UTC), which a page, the admin or a
# backup may be unable to read back. Those times are repaired from the session's own times, and
# NUL characters, which some databases keep but cannot show, are taken out of event details.
from datetime import UTC, datetime

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def repair(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # Plain SQL: reading such a row as a model is what fails.
    q = schema_editor.quote_name
    logs = q(apps.get_model("coach", "SessionLog")._meta.db_table)
    events = q(apps.get_model("coach", "SessionEvent")._meta.db_table)
    plans = q(apps.get_model("coach", "Plan")._meta.db_table)
    outside = "({col} < %s OR {col} >= %s)"
    bounds = [EARLIEST, LATEST]
    with schema_editor.connection.cursor() as cursor:
        # A session starts at its first event in range, else when its plan was made.
        cursor.execute(
            f"UPDATE {logs} SET started_at = COALESCE("
            f"(SELECT MIN(e.at) FROM {events} e WHERE e.log_id = {logs}.id"
            " AND e.at >= %s AND e.at < %s),"
            f"(SELECT p.created_at FROM {plans} p WHERE p.id = {logs}.plan_id), %s)"
            f" WHERE {outside.format(col='started_at')}",
            [*bounds, EARLIEST, *bounds],
        )
        cursor.execute(
            f"UPDATE {logs} SET finished_at = started_at WHERE {outside.format(col='finished_at')}",
            bounds,
        )
        cursor.execute(
            f"UPDATE {events} SET at = (SELECT l.started_at FROM {logs} l WHERE l.id = log_id)"
            f" WHERE {outside.format(col='at')}",
            bounds,
        )
        if schema_editor.connection.vendor == "sqlite":  # PostgreSQL never stores NUL in text
            cursor.execute(
                f"UPDATE {events} SET detail = REPLACE(detail, %s, '') WHERE detail LIKE %s",
                ["\x00", "%\x00%"],
            )


class Migration(migrations.Migration):
    dependencies = [("coach", "0002_clearances")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
