"""Django settings for the Prongsai web workspace.

One module for development, tests and `prongsai serve` (an office PC or an intranet server,
plain HTTP); ``prongsai.web.settings_production`` adds the HTTPS hardening for a server behind
a TLS proxy. Everything that differs between installations comes from the environment:

PRONGSAI_HOME          folder for db.sqlite3, uploads and the generated secret key (./prongsai-home)
DATABASE_URL           e.g. postgres://user:pass@host:5432/prongsai — otherwise SQLite in PRONGSAI_HOME
PRONGSAI_SECRET_KEY    the secret key (otherwise generated once into PRONGSAI_HOME/secret-key)
PRONGSAI_ALLOWED_HOSTS comma-separated host names (default: localhost names only)
PRONGSAI_DEBUG         1 for Django's debug pages (development only)
PRONGSAI_UPLOAD_MAX_MB largest evidence/results upload in MB (10)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

WEB_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    return raw.strip().lower() in ("1", "yes", "true", "on")


def _env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    return [h.strip() for h in raw.split(",") if h.strip()]


HOME = Path(os.environ.get("PRONGSAI_HOME") or "prongsai-home").resolve()


def _secret_key() -> str:
    key = os.environ.get("PRONGSAI_SECRET_KEY", "").strip()
    if key:
        return key
    path = HOME / "secret-key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    HOME.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


SECRET_KEY = _secret_key()
DEBUG = _env_bool("PRONGSAI_DEBUG")
ALLOWED_HOSTS = _env_list("PRONGSAI_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "prongsai.web.ui",
    "prongsai.web.audit",
    "prongsai.web.agencies",
    "prongsai.web.assessments",
    "prongsai.web.plans",
    "prongsai.web.oit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "prongsai.web.ui.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "prongsai.web.ui.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "prongsai.web.urls"
FORM_RENDERER = "prongsai.web.ui.forms.Renderer"
WSGI_APPLICATION = "prongsai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "prongsai.web.ui.context.workspace",
            ],
            "builtins": ["prongsai.web.ui.templatetags.ui"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{HOME / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("PRONGSAI_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dashboard read while someone saves; IMMEDIATE avoids "database is locked"
    # when two requests upgrade read transactions to writes at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DATABASES["default"]["NAME"] == ":memory:" else 60

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Shared office computers: the session ends with the browser and after a working day.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 10 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "prongsai.web.ui.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย")]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
# Served by WhiteNoise straight from the package (no collectstatic step for `prongsai serve`);
# a deployment that prefers collectstatic sets PRONGSAI_STATIC_ROOT.
STATIC_ROOT = os.environ.get("PRONGSAI_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600

# Uploads live outside the web root and are only ever served through a view that checks
# the user's agency (never through MEDIA_URL).
MEDIA_ROOT = HOME / "uploads"
UPLOAD_MAX_BYTES = int(float(os.environ.get("PRONGSAI_UPLOAD_MAX_MB", "10")) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "prongsai"}}

# Login rate limiting (prongsai.web.agencies.ratelimit).
LOGIN_FAILURES_PER_USERNAME = 5
LOGIN_FAILURES_PER_ADDRESS = 20
LOGIN_LOCKOUT_SECONDS = 15 * 60

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": os.environ.get("PRONGSAI_LOG_LEVEL", "WARNING")},
        "prongsai": {"handlers": ["console"], "level": os.environ.get("PRONGSAI_LOG_LEVEL", "INFO")},
    },
}
