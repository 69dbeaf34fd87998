import json
from pathlib import Path

from cli_support import CHECK_IDS, Run


def test_it_restores_a_backup_to_the_same_data(
    ready: Run, answers_file: object, tmp_path: Path
) -> None:
    check = answers_file({key: False for key in CHECK_IDS})  # type: ignore[operator]
    ready(
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
    ready("log", "--pain", "5", "--mobility", "sit-reach", "--value", "12")
    backup = tmp_path / "backup.json"
    assert ready("export", "--all", "--output", str(backup)).code == 0

    fresh = {"DATABASE_URL": f"sqlite:///{tmp_path / 'restored.db'}"}
    restored = ready("import", str(backup), env=fresh)
    assert restored.code == 0, restored.stderr
    again = tmp_path / "again.json"
    assert ready("export", "--all", "--output", str(again), env=fresh).code == 0
    assert json.loads(again.read_text()) == json.loads(backup.read_text())
    assert ready("history", "--json", env=fresh).json() == ready("history", "--json").json()


def test_it_refuses_to_restore_over_existing_data(ready: Run, tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    ready("export", "--all", "--output", str(backup))
    result = ready("import", str(backup))
    assert result.code == 1
    assert "already holds data" in result.stderr


def test_it_refuses_a_broken_backup_and_loads_nothing(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('[{"model": "tracking.painrating", "pk": 1, "fields": {"value": 3}}]')
    result = run("import", str(broken))
    assert result.code == 1
    assert "nothing was loaded" in result.stderr


def test_it_exports_the_local_persons_own_data(ready: Run, tmp_path: Path) -> None:
    ready("log", "--pain", "3")
    target = tmp_path / "mine.json"
    result = ready("export", "--output", str(target))
    assert result.code == 0, result.stderr
    data = json.loads(target.read_text())
    assert data["profile"]["areas"] == ["upper-back", "lower-back"]
    assert [rating["value"] for rating in data["pain_ratings"]] == [3]
