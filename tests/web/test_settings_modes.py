"""What the settings make of the environment: production refuses what would fail people, the
local server (`make run`) works on plain http with a key of its own, development stays as it
was. Each case imports the settings in a fresh process, as a server does."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOWN = [
    "DEBUG",
    "SECRET_KEY",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "EMAIL_BACKEND",
]
CLEARED = [
    "DEBUG",
    "SECRET_KEY",
    "ROLLCOACH_LOCAL_SERVER",
    "ALLOW_CONSOLE_EMAIL",
    "EMAIL_BACKEND",
    "ALLOWED_HOSTS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
]
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "production-" + "s" * 50}


def _settings(tmp_path: Path, **env: str) -> tuple[int, dict[str, object] | str]:
    clean = {k: v for k, v in os.environ.items() if k not in CLEARED}
    clean.update({"ROLLCOACH_DATA_DIR": str(tmp_path / "data"), **env})
    code = (
        "import json; from rollcoach.web import settings as s; "
        f"print(json.dumps({{name: getattr(s, name) for name in {SHOWN!r}}}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    if done.returncode:
        return done.returncode, done.stderr.strip().splitlines()[-1]
    return 0, json.loads(done.stdout)


def test_production_stays_https_only(tmp_path: Path) -> None:
    code, found = _settings(tmp_path, **PRODUCTION, EMAIL_BACKEND="x.smtp.EmailBackend")
    assert code == 0, found
    assert isinstance(found, dict)
    assert found["DEBUG"] is False
    assert found["SESSION_COOKIE_SECURE"] is True
    assert found["CSRF_COOKIE_SECURE"] is True
    assert found["SECURE_SSL_REDIRECT"] is True
    assert found["SECURE_HSTS_SECONDS"] == 31536000


def test_production_refuses_the_console_email_backend(tmp_path: Path) -> None:
    code, found = _settings(tmp_path, **PRODUCTION)
    assert code != 0
    assert "ImproperlyConfigured: DEBUG is off and EMAIL_BACKEND is the console" in str(found)
    assert "ALLOW_CONSOLE_EMAIL=true" in str(found)


def test_production_keeps_the_console_when_told_to(tmp_path: Path) -> None:
    code, found = _settings(tmp_path, **PRODUCTION, ALLOW_CONSOLE_EMAIL="true")
    assert code == 0, found
    assert isinstance(found, dict)
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_production_still_needs_a_secret_key(tmp_path: Path) -> None:
    code, found = _settings(tmp_path, DEBUG="false", ALLOW_CONSOLE_EMAIL="true")
    assert code != 0
    assert "set SECRET_KEY" in str(found)
    assert not (tmp_path / "data" / "secret_key").exists()


def test_development_is_as_before(tmp_path: Path) -> None:
    code, found = _settings(tmp_path)
    assert code == 0, found
    assert isinstance(found, dict)
    assert found["DEBUG"] is True
    assert found["SESSION_COOKIE_SECURE"] is False


def test_the_local_server_runs_without_debug_on_plain_http(tmp_path: Path) -> None:
    code, found = _settings(tmp_path, ROLLCOACH_LOCAL_SERVER="true")
    assert code == 0, found
    assert isinstance(found, dict)
    assert found["DEBUG"] is False
    assert found["SESSION_COOKIE_SECURE"] is False
    assert found["CSRF_COOKIE_SECURE"] is False
    assert found["SECURE_SSL_REDIRECT"] is False
    assert found["SECURE_HSTS_SECONDS"] == 0
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_the_local_server_makes_its_key_once_and_keeps_it_private(tmp_path: Path) -> None:
    _, first = _settings(tmp_path, ROLLCOACH_LOCAL_SERVER="true")
    _, again = _settings(tmp_path, ROLLCOACH_LOCAL_SERVER="true")
    assert isinstance(first, dict) and isinstance(again, dict)
    key_file = tmp_path / "data" / "secret_key"
    assert first["SECRET_KEY"] == again["SECRET_KEY"] == key_file.read_text().strip()
    assert len(str(first["SECRET_KEY"])) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [p.name for p in key_file.parent.iterdir()] == ["secret_key"]
    _, other = _settings(tmp_path / "elsewhere", ROLLCOACH_LOCAL_SERVER="true")
    assert isinstance(other, dict) and other["SECRET_KEY"] != first["SECRET_KEY"]


def test_the_local_server_uses_a_key_it_is_given(tmp_path: Path) -> None:
    _, found = _settings(tmp_path, ROLLCOACH_LOCAL_SERVER="true", SECRET_KEY="given-" + "g" * 50)
    assert isinstance(found, dict) and found["SECRET_KEY"] == "given-" + "g" * 50
    assert not (tmp_path / "data" / "secret_key").exists()


def test_the_local_server_says_when_its_key_file_is_spoilt(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "secret_key").write_text("\n")
    code, found = _settings(tmp_path, ROLLCOACH_LOCAL_SERVER="true")
    assert code != 0
    assert "holds no usable key: delete it to have a new one made" in str(found)


def test_debug_true_gives_the_local_server_djangos_debug_pages(tmp_path: Path) -> None:
    _, found = _settings(tmp_path, ROLLCOACH_LOCAL_SERVER="true", DEBUG="true")
    assert isinstance(found, dict) and found["DEBUG"] is True


@pytest.mark.parametrize("hosts", ["rollcoach.example", "127.0.0.1,192.168.1.20"])
def test_the_local_server_refuses_to_serve_other_machines(tmp_path: Path, hosts: str) -> None:
    code, found = _settings(tmp_path, ROLLCOACH_LOCAL_SERVER="true", ALLOWED_HOSTS=hosts)
    assert code != 0
    assert "serves plain http to this machine only" in str(found)
    assert "make serve" in str(found)
