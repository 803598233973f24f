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
PRONGSAI_TRUSTED_PROXIES comma-separated addresses/networks of the HTTPS proxy: only from these is
                       X-Forwarded-For (the client's address) and X-Forwarded-Proto believed
PRONGSAI_SCREEN_DIGITS arabic (default) or thai: the digits every page shows (documents: PRONGSAI_THAI_DIGITS)
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
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

# The key that seals complaint reports, their messages and attachments at rest (AES-256-GCM,
# prongsai.channels.sealing) and keys the receipts' digests. PRONGSAI_CHANNEL_KEY (32 bytes as
# base64 or 64 hex digits) keeps it apart from the secret key, so that one can be changed without
# losing the reports; otherwise it is derived from the secret key, which backups carry.
def _channel_key() -> bytes:
    from prongsai.channels.sealing import derive_key, parse_key

    raw = os.environ.get("PRONGSAI_CHANNEL_KEY", "").strip()
    if not raw:
        return derive_key(SECRET_KEY, "complaints")
    try:
        return parse_key(raw)
    except ValueError as exc:  # `prongsai serve` prints this and exits 2
        raise ValueError(f"ค่า PRONGSAI_CHANNEL_KEY ไม่ถูกต้อง: {exc}") from None


CHANNEL_KEY = _channel_key()
# Counts below this are hidden in the public breakdowns of the complaint statistics.
CHANNEL_HIDE_BELOW = int(os.environ.get("PRONGSAI_CHANNEL_HIDE_BELOW", "3"))
DEBUG = _env_bool("PRONGSAI_DEBUG")
ALLOWED_HOSTS = _env_list("PRONGSAI_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "axes",
    "prongsai.web.ui",
    "prongsai.web.audit",
    "prongsai.web.agencies",
    "prongsai.web.assessments",
    "prongsai.web.plans",
    "prongsai.web.oit",
    "prongsai.web.public",
    "prongsai.web.complaints",
    "prongsai.web.qa",
    "prongsai.web.eservice",
    "prongsai.web.borrowing",
    "prongsai.web.surveys",
    "prongsai.web.imports",
    "prongsai.web.supervision",
    "prongsai.web.reminders",
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
    "prongsai.web.ui.screen_digits.ScreenDigitsMiddleware",
    "prongsai.web.ui.middleware.MethodNotAllowedPageMiddleware",
]

ROOT_URLCONF = "prongsai.web.urls"
FORM_RENDERER = "prongsai.web.ui.forms.Renderer"
WSGI_APPLICATION = "prongsai.web.wsgi.application"

_CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "prongsai.web.ui.context.workspace",
]
# Pages are Jinja2 (prongsai.web.ui.jinja says why); the form renderer's field templates and
# Django's widgets stay in Django's language.
TEMPLATES = [
    {
        "NAME": "pages",
        "BACKEND": "prongsai.web.ui.jinja.Pages",
        "DIRS": [WEB_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "prongsai.web.ui.jinja.environment", "context_processors": _CONTEXT_PROCESSORS},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": _CONTEXT_PROCESSORS},
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{HOME / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("PRONGSAI_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get(
        "PRONGSAI_PG_PREPARED", "1").strip() not in ("0", "no", "false"):
    # Parameters bound by the server, and a statement used five times on a connection kept
    # prepared: under load this halved PostgreSQL's CPU and served about 15 % more pages
    # (benchmarks/load.py). A pooler in transaction mode that cannot keep prepared statements
    # (PgBouncer before 1.21) needs PRONGSAI_PG_PREPARED=0.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 5})
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dashboard read while someone saves; IMMEDIATE avoids "database is locked"
    # when two requests upgrade read transactions to writes at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DATABASES["default"]["NAME"] == ":memory:" else 60

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's rules with Thai messages (prongsai.web.ui.passwords), for every password a person sets:
# the password form, `createsuperuser` and `changepassword`. Generated passwords meet them too.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "prongsai.web.ui.passwords.NoSurroundingSpaceValidator"},
    {"NAME": "prongsai.web.ui.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "prongsai.web.ui.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "prongsai.web.ui.passwords.CommonPasswordValidator"},
    {"NAME": "prongsai.web.ui.passwords.NumericPasswordValidator"},
]

# The throttle checks every authentication, whatever view asks for it; Django's ModelBackend (with
# a cheaper read of the signed-in account, agencies.account_backend) then signs in.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "prongsai.web.agencies.account_backend.AccountBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Shared office computers: the session ends with the browser and after a working day.
SESSION_ENGINE = "prongsai.web.ui.sessions"
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
# Django's Thai catalogue leaves some form messages in English; ours fills them in first.
LOCALE_PATHS = [WEB_DIR / "locale"]
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

# Per process, so nothing that every worker must see may live here (the login counts do not:
# they are in the database, below).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "prongsai"}}

# Login throttling (prongsai.web.agencies.ratelimit, login_backoff): django-axes keeps the
# failures in the database, which every worker process shares and which survives a restart.
# One account from one address pauses after 5 failures, 1 minute, doubling up to an hour; one
# account from anywhere only after 30, for 1 minute; an address alone never.
LOGIN_BACKOFF = {
    "pair_failures": 5, "first_pause": timedelta(minutes=1), "longest_pause": timedelta(hours=1),
    "account_failures": 30, "account_pause": timedelta(minutes=1),
}
AXES_HANDLER = "prongsai.web.agencies.ratelimit.LoginThrottle"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = LOGIN_BACKOFF["pair_failures"]  # what axes reports as a lockout (logs, signal)
AXES_COOLOFF_TIME = timedelta(hours=24)  # failures older than a day of quiet are forgotten
AXES_RESET_ON_SUCCESS = True  # signing in clears that account's count from that address
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a refused try is not a failure
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "prongsai.web.agencies.ratelimit.throttle_username"
AXES_CLIENT_IP_CALLABLE = "prongsai.web.client_address.client_address"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# axes' middleware only swaps in its English lockout page; the login form says it in Thai.
SILENCED_SYSTEM_CHECKS = ["axes.W002"]

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_client_errors": {"()": "prongsai.web.ui.request_log.OneLineClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": os.environ.get("PRONGSAI_LOG_LEVEL", "WARNING")},
        # A refused request (403, 400) is one line; 5xx keep their traceback.
        "django.request": {"handlers": ["console"], "propagate": False, "filters": ["one_line_client_errors"],
                           "level": os.environ.get("PRONGSAI_LOG_LEVEL", "WARNING")},
        # axes masks the name and address in its lines, so its warnings say nothing; the audit log
        # records each failed login with both.
        "axes": {"handlers": ["console"], "level": "ERROR"},
        "prongsai": {"handlers": ["console"], "level": os.environ.get("PRONGSAI_LOG_LEVEL", "INFO")},
    },
}

# The data folder at run time (prongsai.web.serve, prongsai.web.backup, issue 9 items 8 and 9).
# Upload copies stay in the private data folder, not /tmp: `prongsai serve` removes those a killed
# process left behind. PRONGSAI_BACKUP_DAILY=0 stops the daily backups of the embedded SQLite
# (PostgreSQL installs run `prongsai backup` from cron); KEEP_* say how many days and weeks stay.
FILE_UPLOAD_TEMP_DIR = str(HOME / "tmp")
try:
    Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True, mode=0o700)
except OSError:  # a read-only folder: Django falls back to the system's temporary folder
    FILE_UPLOAD_TEMP_DIR = None
BACKUP_DIR = HOME / "backups"
BACKUP_DAILY = _env_bool("PRONGSAI_BACKUP_DAILY", True)
BACKUP_KEEP_DAILY = int(os.environ.get("PRONGSAI_BACKUP_KEEP_DAILY", "7"))
BACKUP_KEEP_WEEKLY = int(os.environ.get("PRONGSAI_BACKUP_KEEP_WEEKLY", "4"))

# Scheduled OIT readiness checks (prongsai.web.oit.schedule): weekly for every agency that names
# its pages, daily between PRONGSAI_OIT_DAILY_FROM and _TO (month-day, e.g. 04-01 and 06-30: the
# window NACC announces for checking OIT pages; none by default, as it changes every year).
OIT_SCHEDULE = _env_bool("PRONGSAI_OIT_SCHEDULE", True)
OIT_DAILY_WINDOW = (os.environ.get("PRONGSAI_OIT_DAILY_FROM", ""), os.environ.get("PRONGSAI_OIT_DAILY_TO", ""))
