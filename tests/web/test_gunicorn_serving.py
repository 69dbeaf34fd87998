import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app as production runs it: gunicorn, DEBUG off, whitenoise, its own SQLite file."""
    data = tmp_path_factory.mktemp("served")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{data / 'served.db'}",
        "ROLLCOACH_DATA_DIR": str(data),
        "DEBUG": "false",
        "SECRET_KEY": "served-test-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
    }
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    port = _free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "rollcoach.web.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_it_serves_the_home_page(server: str) -> None:
    status, headers, body = _get(server + "/")
    assert status == 200
    assert b"rollcoach" in body
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_it_reports_health_with_the_database(server: str) -> None:
    status, _, body = _get(server + "/healthz")
    assert status == 200
    assert b'"database": "ok"' in body


def test_it_serves_hashed_static_files_with_long_caching(server: str) -> None:
    _, _, page = _get(server + "/")
    start = page.index(b"/static/css/site.")
    stylesheet = page[start : page.index(b'"', start)].decode()
    assert stylesheet != "/static/css/site.css", "static files should carry a content hash"
    status, headers, _ = _get(server + stylesheet)
    assert status == 200
    assert "max-age=315360000" in headers["Cache-Control"]


def test_it_sends_hsts_over_https_behind_a_proxy(server: str) -> None:
    _, headers, _ = _get(server + "/", **{"X-Forwarded-Proto": "https"})
    assert "max-age=31536000" in headers["Strict-Transport-Security"]


def test_it_refuses_unknown_hosts(server: str) -> None:
    status, _, _ = _get(server + "/", Host="evil.example")
    assert status == 400
