"""Starts Django for the terminal app and creates or migrates the database on first use."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any


class StorageError(Exception):
    pass


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rollcoach.web.settings")
    import django
    from django.apps import apps

    # Once a process: a host that has set Django up already (a test run calling the commands
    # in-process) keeps its own setup, logging included, and its database.
    if not apps.ready:
        django.setup()
    _ensure_database()


def _ensure_database() -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    db = settings.DATABASES["default"]
    try:
        if db["ENGINE"].endswith("sqlite3") and str(db["NAME"]) != ":memory:":
            from pathlib import Path

            Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", verbosity=0, interactive=False)
    except (DatabaseError, OSError) as error:
        raise StorageError(f"cannot open the database ({_describe(db)}): {error}") from error


def _describe(db: Mapping[str, Any]) -> str:
    if str(db["ENGINE"]).endswith("sqlite3"):
        return f"SQLite file {db['NAME']}"
    return f"{db['ENGINE']} database {db['NAME']} on {db.get('HOST') or 'localhost'}"
