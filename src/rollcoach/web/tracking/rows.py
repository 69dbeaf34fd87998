"""Session logs and their events read and written in plain SQL, for uploads from the player.

Uploads are the busiest writes, and the ORM spent more time building their queries than the
database spent running them. Columns and values still come from the models' own fields, so the
rows are exactly what `save()` would store, and watchers of saved logs hear of every change as
from `save()`. A first upload is one statement on PostgreSQL, which commits on its own, and two
in one transaction on SQLite, which runs in the server's own process."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import DateTimeField, Field, JSONField, Model
from django.db.models.signals import post_save
from django.utils import timezone

from rollcoach.web.tracking.models import SessionEvent, SessionLog

Row = tuple[Any, ...]


def _q(name: str | None) -> str:
    if not name:
        raise ValueError("a column without a name")
    return connection.ops.quote_name(name)


def _values(instance: Model, fields: Sequence[Field[Any, Any]], add: bool = True) -> list[Any]:
    return [field.get_db_prep_save(field.pre_save(instance, add), connection) for field in fields]


def _log_fields() -> list[Field[Any, Any]]:
    return [f for f in SessionLog._meta.concrete_fields if not f.primary_key]


def _event_fields() -> list[Field[Any, Any]]:
    # The log's id is written first, from the log itself.
    return [f for f in SessionEvent._meta.concrete_fields if f.name not in ("id", "log")]


def _signal(log: SessionLog, *, created: bool, update_fields: Sequence[str] | None) -> None:
    post_save.send(
        sender=SessionLog,
        instance=log,
        created=created,
        update_fields=frozenset(update_fields) if update_fields is not None else None,
        raw=False,
        using=connection.alias,
    )


# Writing a new log


@functools.cache
def _insert_log_sql() -> str:
    fields = _log_fields()
    columns = ", ".join(_q(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    # A log with this client id stored meanwhile makes this insert nothing, not an error.
    return (
        f"INSERT INTO {_q(SessionLog._meta.db_table)} ({columns}) VALUES ({marks})"
        f" ON CONFLICT ({_q('client_id')}) DO NOTHING RETURNING {_q('id')}"
    )


def _event_columns() -> str:
    names = [SessionEvent._meta.get_field("log").column] + [f.column for f in _event_fields()]
    return ", ".join(_q(name) for name in names)


@functools.cache
def _insert_events_sql(count: int) -> str:
    row = "(" + ", ".join(["%s"] * (1 + len(_event_fields()))) + ")"
    return (
        f"INSERT INTO {_q(SessionEvent._meta.db_table)} ({_event_columns()}) VALUES "
        + ", ".join([row] * count)
        # The same events sent again by an upload running at the same moment.
        + " ON CONFLICT DO NOTHING"
    )


@functools.cache
def _insert_both_sql(count: int) -> str:
    """PostgreSQL: the log and its events in one statement."""
    if count == 0:
        return _insert_log_sql()
    # Typed placeholders: a column of NULLs in VALUES would otherwise be read as text.
    row = "(" + ", ".join(f"%s::{f.db_type(connection)}" for f in _event_fields()) + ")"
    names = ", ".join(_q(f.column) for f in _event_fields())
    return (
        f"WITH log AS ({_insert_log_sql()}), events AS ("
        f"INSERT INTO {_q(SessionEvent._meta.db_table)} ({_event_columns()})"
        f" SELECT log.{_q('id')}, v.* FROM log, (VALUES {', '.join([row] * count)}) AS v ({names})"
        f") SELECT {_q('id')} FROM log"
    )


def _event_rows(log_id: int | None, events: Sequence[SessionEvent]) -> list[Any]:
    fields = _event_fields()
    params: list[Any] = []
    for event in events:
        if log_id is not None:
            params.append(log_id)
        params += _values(event, fields)
    return params


def _insert_on_postgresql(log: SessionLog, events: Sequence[SessionEvent]) -> Row | None:
    # One statement commits on its own: no BEGIN and COMMIT round trips.
    with connection.cursor() as cursor:
        params = _values(log, _log_fields()) + _event_rows(None, events)
        cursor.execute(_insert_both_sql(len(events)), params)
        return cursor.fetchone()


def _insert_on_sqlite(log: SessionLog, events: Sequence[SessionEvent]) -> Row | None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_insert_log_sql(), _values(log, _log_fields()))
        row = cursor.fetchone()
        if row is not None and events:
            cursor.execute(_insert_events_sql(len(events)), _event_rows(row[0], events))
        return row


def insert_new(log: SessionLog, events: Sequence[SessionEvent]) -> bool:
    """Stores a log not stored yet with its events, all or nothing, and sets `log.pk`. False when
    a log with its client id was stored first: then nothing is written."""
    if connection.vendor == "postgresql":
        row = _insert_on_postgresql(log, events)
    else:
        row = _insert_on_sqlite(log, events)
    if row is None:
        return False
    log.pk = row[0]
    log._state.adding = False
    _signal(log, created=True, update_fields=None)
    return True


# Changing a stored log, inside the caller's transaction


def _python(field: Field[Any, Any], value: Any) -> Any:
    # What the ORM's converters would make of a plain row: the drivers already parse the rest.
    if value is None:
        return None
    if isinstance(field, JSONField) and isinstance(value, str):
        return json.loads(value)
    if isinstance(field, DateTimeField) and isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if timezone.is_naive(value) else value
    return value


@functools.cache
def _locked_log_sql() -> str:
    columns = ", ".join(_q(f.column) for f in SessionLog._meta.concrete_fields)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    # SQLite has no row locks: the transaction's write lock, taken at BEGIN, keeps others out.
    return (
        f"SELECT {columns} FROM {_q(SessionLog._meta.db_table)} WHERE {_q('client_id')} = %s{lock}"
    )


def locked_log(client_id: str) -> SessionLog | None:
    """The log with this client id, locked until the transaction ends."""
    if not connection.in_atomic_block:
        raise RuntimeError("a log is locked inside a transaction only")
    with connection.cursor() as cursor:
        cursor.execute(_locked_log_sql(), [client_id])
        row = cursor.fetchone()
    if row is None:
        return None
    fields = SessionLog._meta.concrete_fields
    values = [_python(field, value) for field, value in zip(fields, row, strict=True)]
    return SessionLog.from_db(connection.alias, [f.attname for f in fields], values)


@functools.cache
def _events_sql() -> str:
    columns = ", ".join(_q(name) for name in ("seq", "kind", "at", "step_index", "detail"))
    table, log = _q(SessionEvent._meta.db_table), _q(SessionEvent._meta.get_field("log").column)
    return f"SELECT {columns} FROM {table} WHERE {log} = %s"


def stored_events(log: SessionLog) -> list[tuple[int | None, str, datetime, int | None, str]]:
    """The log's events as (seq, kind, at, step_index, detail) rows, in no set order."""
    at = SessionEvent._meta.get_field("at")
    with connection.cursor() as cursor:
        cursor.execute(_events_sql(), [log.pk])
        return [
            (seq, kind, _python(at, when), step, detail) for seq, kind, when, step, detail in cursor
        ]


def add_events(log: SessionLog, events: Sequence[SessionEvent]) -> None:
    """Stores these events of a stored log; one already stored with its seq is left as it is."""
    if events:
        with connection.cursor() as cursor:
            cursor.execute(_insert_events_sql(len(events)), _event_rows(log.pk, events))


def save_fields(log: SessionLog, names: Sequence[str]) -> None:
    """`log.save(update_fields=names)` for a log that is stored."""
    fields = [field for field in _log_fields() if field.name in names]
    if len(fields) != len(set(names)):
        raise ValueError(f"not fields of a session log: {sorted(set(names))}")
    columns = ", ".join(f"{_q(f.column)} = %s" for f in fields)
    sql = f"UPDATE {_q(SessionLog._meta.db_table)} SET {columns} WHERE {_q('id')} = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*_values(log, fields, add=False), log.pk])
    _signal(log, created=False, update_fields=names)
