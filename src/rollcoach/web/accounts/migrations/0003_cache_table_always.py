from django.core.management import call_command
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def create_cache_table(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # 0002 made the table only where no Redis was configured at the time; a server that later
    # runs without REDIS_URL falls back to this table, so it must exist whatever the settings.
    call_command(
        "createcachetable",
        "rollcoach_cache",  # settings.DATABASE_CACHE_TABLE
        database=schema_editor.connection.alias,
        verbosity=0,
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_cache_table")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
