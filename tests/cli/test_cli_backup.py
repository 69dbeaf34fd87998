import json
from pathlib import Path

import pytest
from cli_support import CHECK_IDS, Answers, Run

pytestmark = pytest.mark.django_db


def _as_new() -> None:
    """Empties what a backup holds and restarts its tables' id sequences, as in a database just
    made: a restore must then move the sequences past the ids it loads."""
    from django.apps import apps
    from django.contrib.auth.models import Group, User
    from django.core.management.color import no_style
    from django.db import connection

    models = [User, Group]
    for label in ("coach", "community"):
        models += apps.get_app_config(label).get_models()
    User.objects.all().delete()
    for model in reversed(models):
        model._default_manager.all().delete()
    tables = {model._meta.db_table for model in models}
    tables |= {f.remote_field.through._meta.db_table for m in models for f in m._meta.many_to_many}
    sequences = [s for s in connection.introspection.sequence_list() if s["table"] in tables]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
            cursor.execute(sql)


def test_it_restores_a_backup_to_the_same_data(
    ready: Run, answers_file: Answers, tmp_path: Path
) -> None:
    check = answers_file({key: False for key in CHECK_IDS})
    done = ready(
        "session",
        "--check-answers",
        check,
        "--pain-before",
        "6",
        "--pain-after",
        "4",
        "--speed",
        "1000",
        "--mute",
    )
    assert done.code == 0, done.stderr
    assert ready("log", "--pain", "5", "--mobility", "sit-reach", "--value", "12").code == 0
    backup = tmp_path / "backup.json"
    assert ready("export", "--all", "--output", str(backup)).code == 0
    history = ready("history", "--json").json()
    assert [session["status"] for session in history] == ["completed"]

    _as_new()
    restored = ready("import", str(backup))
    assert restored.code == 0, restored.stderr
    again = tmp_path / "again.json"
    assert ready("export", "--all", "--output", str(again)).code == 0
    assert json.loads(again.read_text()) == json.loads(backup.read_text())
    assert ready("history", "--json").json() == history
    later = ready("log", "--pain", "2")  # new rows take ids after the restored ones
    assert later.code == 0, later.stderr


def test_it_refuses_to_restore_over_existing_data(ready: Run, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    ready("export", "--all", "--output", str(backup))
    result = ready("import", str(backup))
    assert result.code == 1
    assert "already holds data" in result.stderr


def test_it_refuses_a_broken_backup_and_loads_nothing(run: Run, tmp_path: Path) -> None:
    from django.contrib.auth.models import User

    broken = tmp_path / "broken.json"
    broken.write_text(
        '[{"model": "auth.user", "pk": 7, "fields": {"username": "ann", "password": "!"}},'
        ' {"model": "tracking.painrating", "pk": 1, "fields": {"value": 3}}]'
    )
    result = run("import", str(broken))
    assert result.code == 1
    assert "nothing was loaded" in result.stderr
    assert not User.objects.exists()


def test_it_exports_the_local_persons_own_data(ready: Run, tmp_path: Path) -> None:
    ready("log", "--pain", "3")
    target = tmp_path / "mine.json"
    result = ready("export", "--output", str(target))
    assert result.code == 0, result.stderr
    data = json.loads(target.read_text())
    assert data["profile"]["areas"] == ["upper-back", "lower-back"]
    assert [rating["value"] for rating in data["pain_ratings"]] == [3]
    assert (data["format"], data["version"], data["timelines"]) == ("rollcoach-export", 2, [])
