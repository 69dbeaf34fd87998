"""Whole-database backup and restore, for the people who run a rollcoach server."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.db import DatabaseError, DataError, connection, models, transaction

BATCH = 500
# What reading a damaged row can raise: a value the database holds but Python cannot represent.
READ_ERRORS = (ValueError, OverflowError, TypeError, UnicodeDecodeError, DataError)
# Order matters on restore: users before what they own.
BACKUP_APPS = ["auth.group", "auth.user", "coach", "community"]


class BackupError(Exception):
    pass


def _models() -> list[type[models.Model]]:
    found: list[type[models.Model]] = []
    for label in BACKUP_APPS:
        if "." in label:
            found.append(apps.get_model(label))
        else:
            found.extend(apps.get_app_config(label).get_models())
    return found


def _plain(value: Any) -> Any:
    # Full precision: Django's own JSON encoder drops microseconds below milliseconds.
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Skipped:
    model: str
    pk: object
    error: str


def _serialized(queryset: models.QuerySet[Any]) -> list[dict[str, Any]]:
    return list(serializers.serialize("python", queryset, use_natural_foreign_keys=True))


def _rows_of(model: type[models.Model], skipped: list[Skipped]) -> list[dict[str, Any]]:
    """Every row of the model; a row that cannot be read back is reported, not fatal."""
    manager = model._default_manager
    rows: list[dict[str, Any]] = []
    pks = list(manager.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        try:
            rows.extend(_serialized(manager.filter(pk__in=batch).order_by("pk")))
            continue
        except READ_ERRORS:
            pass
        for pk in batch:  # find the rows that fail, keep the rest
            try:
                rows.extend(_serialized(manager.filter(pk=pk)))
            except READ_ERRORS as error:
                skipped.append(Skipped(model._meta.label, pk, f"{type(error).__name__}: {error}"))
    return rows


def write_backup(path: Path) -> tuple[int, list[Skipped]]:
    """Writes every row of rollcoach's data as JSON; returns the number of rows written and the
    rows that could not be read back, which are left out and named."""
    rows: list[dict[str, Any]] = []
    skipped: list[Skipped] = []
    for model in _models():
        rows.extend(_rows_of(model, skipped))
    path.write_text(json.dumps(rows, indent=1, default=_plain), encoding="utf-8")
    return len(rows), skipped


def restore_backup(path: Path) -> int:
    """Loads a backup into an empty database, all or nothing; returns the number of rows."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BackupError(f"cannot read backup {path}: {error.strerror}") from error
    except json.JSONDecodeError as error:
        raise BackupError(f"backup {path} is not valid JSON: {error.msg}") from error
    if not isinstance(rows, list):
        raise BackupError(f"backup {path} must hold a JSON list of rows")
    if apps.get_model("auth", "User").objects.exists():
        raise BackupError("the database already holds data: restore into an empty database")
    try:
        with transaction.atomic():
            for item in serializers.deserialize("python", rows):
                item.save()
            # New rows after a restore must not collide with restored primary keys.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), _models()):
                    cursor.execute(sql)
    except (serializers.base.DeserializationError, DatabaseError, LookupError) as error:
        raise BackupError(
            f"backup {path} could not be restored, nothing was loaded: {error}"
        ) from error
    return len(rows)
