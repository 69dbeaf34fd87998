import os
import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

# Lets the admin and form classes take type arguments at run time, as their stubs do.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent


def _default_data_dir() -> Path:
    # A source checkout keeps its data beside the code; an installed package uses the user's home.
    checkout = PACKAGE_DIR.parents[2]
    if (checkout / "pyproject.toml").exists():
        return checkout / "data"
    return Path.home() / ".local" / "share" / "rollcoach"


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _local_secret_key(data_dir: Path) -> str:
    """The local server's key: made once, kept in the data directory (never in the checkout)."""
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        draft = data_dir / f".secret_key.{os.getpid()}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(draft, path)  # whole or not at all; the first process to get there wins
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(draft, path)
        finally:
            draft.unlink(missing_ok=True)
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < 32:
        raise ImproperlyConfigured(f"{path} holds no usable key: delete it to have a new one made")
    return key


DATA_DIR = Path(os.environ.get("ROLLCOACH_DATA_DIR", _default_data_dir()))

# `make run`: a server for the person at this machine, on plain http at 127.0.0.1, showing
# rollcoach's own error pages (DEBUG off unless DEBUG=true), with a key it makes for itself.
LOCAL_SERVER = _env_bool("ROLLCOACH_LOCAL_SERVER", False)
DEBUG = _env_bool("DEBUG", not LOCAL_SERVER)
DEV_SECRET_KEY = "dev-only-insecure-key-set-SECRET_KEY-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    _local_secret_key(DATA_DIR) if LOCAL_SERVER else DEV_SECRET_KEY
)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("DEBUG is off: set SECRET_KEY to a long random value")
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", ",".join(LOOPBACK_HOSTS))
if LOCAL_SERVER and not set(ALLOWED_HOSTS) <= set(LOOPBACK_HOSTS):
    raise ImproperlyConfigured(
        "ROLLCOACH_LOCAL_SERVER serves plain http to this machine only, but ALLOWED_HOSTS names "
        f"{', '.join(sorted(set(ALLOWED_HOSTS) - set(LOOPBACK_HOSTS)))}: "
        "to serve others, use `make serve` behind HTTPS"
    )
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rollcoach.web.coach",
    "rollcoach.web.library",
    "rollcoach.web.community",
    "rollcoach.web.accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "rollcoach.web.security.ContentSecurityPolicyMiddleware",
    "rollcoach.web.security.NoStoreWhenSignedInMiddleware",
]

ROOT_URLCONF = "rollcoach.web.urls"
WSGI_APPLICATION = "rollcoach.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'rollcoach.db'}"),
        # Reusing connections saves a connect per request, which PostgreSQL feels most.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the CLI and the web server use one file at the same time. With WAL, NORMAL
    # syncs at checkpoints rather than on every commit: the file can't be corrupted, and only a
    # power cut (not a crashed process) can lose the last commits.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "staticfiles"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
if _env_bool("STATIC_MANIFEST", not DEBUG):
    # Hashed, compressed files served by whitenoise with far-future caching; needs collectstatic.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/today/"
LOGOUT_REDIRECT_URL = "/"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rollcoach <noreply@localhost>")
CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"
if (
    not DEBUG
    and EMAIL_BACKEND == CONSOLE_EMAIL
    and not _env_bool("ALLOW_CONSOLE_EMAIL", LOCAL_SERVER)
):
    raise ImproperlyConfigured(
        "DEBUG is off and EMAIL_BACKEND is the console: password links would be printed in the "
        "server's log instead of reaching people. Set EMAIL_BACKEND (for example "
        "django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST), or ALLOW_CONSOLE_EMAIL=true "
        "if printing them is what you want"
    )

# Shared by every server process (rate limits, sessions): Redis when REDIS_URL is set,
# otherwise a table in the database, made by a migration (coach 0001).
REDIS_URL = os.environ.get("REDIS_URL", "")
DATABASE_CACHE_TABLE = "rollcoach_cache"
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": DATABASE_CACHE_TABLE,
        }
    ),
    # Whole public pages for visitors, in each process's memory: they hold nobody's data.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# With Redis, sessions are read from it and written through to the database; with the cache in
# a table, reading them from that table first would only add a query.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# The user the terminal app acts as on one's own machine.
CLI_USERNAME = os.environ.get("ROLLCOACH_USER", "local")

# A person's form that fails its CSRF check gets a page saying what to do, not Django's.
CSRF_FAILURE_VIEW = "rollcoach.web.urls.csrf_failure"

# Security. Development and the local server run on plain http; production (DEBUG=false)
# defaults to HTTPS-only.
HTTPS_ONLY = not DEBUG and not LOCAL_SERVER
CONTENT_SECURITY_POLICY = os.environ.get(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "media-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'",
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", HTTPS_ONLY)
CSRF_COOKIE_SECURE = _env_bool("CSRF_COOKIE_SECURE", HTTPS_ONLY)
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", HTTPS_ONLY)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS_ONLY else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS_ONLY)
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", HTTPS_ONLY)
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    # e.g. "HTTP_X_FORWARDED_PROTO,https" behind a proxy that terminates TLS
    header, value = os.environ["SECURE_PROXY_SSL_HEADER"].split(",", 1)
    SECURE_PROXY_SSL_HEADER = (header.strip(), value.strip())

LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG or LOCAL_SERVER else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "rollcoach.web.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
