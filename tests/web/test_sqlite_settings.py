import os
import subprocess
import sys
from pathlib import Path

PRAGMAS = """
from rollcoach.bootstrap import setup_django
setup_django()
from django.db import connection
with connection.cursor() as cursor:
    for pragma in ("journal_mode", "synchronous"):
        print(cursor.execute(f"PRAGMA {pragma}").fetchone()[0])
"""


def test_it_opens_the_default_sqlite_file_in_wal_mode_syncing_at_checkpoints(
    tmp_path: Path,
) -> None:
    # A fresh process, so it reads the settings a fresh clone gets: no DATABASE_URL.
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["ROLLCOACH_DATA_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PRAGMAS], env=env, capture_output=True, text=True, check=True
    )
    # 1 is NORMAL: no disk flush on every commit, which WAL keeps safe from corruption.
    assert done.stdout.split() == ["wal", "1"]
