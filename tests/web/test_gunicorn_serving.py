import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
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


# Settings a test process may carry that would change what the served app does.
UNSET = ("DEBUG", "SECRET_KEY", "ROLLCOACH_LOCAL_SERVER", "ALLOWED_HOSTS", "REDIS_URL")


def _serve(data: Path, **settings: str) -> Iterator[str]:
    """Migrates, collects static files and starts gunicorn on a free port, as the Makefile
    does; stops it afterwards."""
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{data / 'served.db'}",
            "ROLLCOACH_DATA_DIR": str(data),
            **settings,
        }
    )
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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app as production runs it: gunicorn, DEBUG off, whitenoise, its own SQLite file."""
    yield from _serve(
        tmp_path_factory.mktemp("served"),
        DEBUG="false",
        SECRET_KEY="served-test-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        ALLOW_CONSOLE_EMAIL="true",
    )


@pytest.fixture(scope="module")
def local_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("local")


@pytest.fixture(scope="module")
def local_server(local_data: Path) -> Iterator[str]:
    """The app as `make run` serves it: ROLLCOACH_LOCAL_SERVER and nothing else set."""
    yield from _serve(local_data, ROLLCOACH_LOCAL_SERVER="true")


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


def _rollcoachs(body: bytes) -> str:
    text = body.decode()
    assert '<a class="brand" href="/">rollcoach</a>' in text
    for django_page in ("URLconf", "Django", "Traceback", "CSRF verification failed"):
        assert django_page not in text
    return text


def test_production_shows_rollcoachs_404(server: str) -> None:
    status, _, body = _get(server + "/no-such-page/")
    assert status == 404
    assert "Page not found" in _rollcoachs(body)


def test_the_local_server_shows_rollcoachs_404(local_server: str) -> None:
    status, _, body = _get(local_server + "/no-such-page/")
    assert status == 404
    assert "Page not found" in _rollcoachs(body)


def test_the_local_server_shows_rollcoachs_403_for_a_form_without_its_token(
    local_server: str,
) -> None:
    request = urllib.request.Request(
        local_server + "/accounts/login/", data=b"username=a&password=b", method="POST"
    )
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("a form without its CSRF token was accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 403
        assert "That form could not be sent" in _rollcoachs(error.read())


def test_the_local_server_signs_people_up_over_plain_http(local_server: str) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(local_server + "/accounts/signup/", timeout=10) as page:
        assert page.status == 200
        form = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token is not None
    fields = {
        "csrfmiddlewaretoken": token.group(1),
        "username": "bea",
        "email": "bea@example.com",
        "password1": "slow-rolls-every-morning",
        "password2": "slow-rolls-every-morning",
    }
    body = urllib.parse.urlencode(fields).encode()
    with opener.open(local_server + "/accounts/signup/", data=body, timeout=10) as done:
        assert done.status == 200
        assert done.url == local_server + "/start/"
    cookies = {cookie.name: cookie for cookie in jar}
    assert {"sessionid", "csrftoken"} <= set(cookies)
    assert not any(cookie.secure for cookie in cookies.values())
    status, headers, _ = _get(local_server + "/")
    assert "Strict-Transport-Security" not in headers


def test_the_local_server_made_its_own_key(local_server: str, local_data: Path) -> None:
    key = local_data / "secret_key"
    assert len(key.read_text().strip()) >= 50
