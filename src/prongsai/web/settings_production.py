"""Production settings: a server behind an HTTPS proxy (nginx, Caddy, IIS …).

    DJANGO_SETTINGS_MODULE=prongsai.web.settings_production
    PRONGSAI_SECRET_KEY=…          required (at least 50 random characters)
    PRONGSAI_ALLOWED_HOSTS=ita.example.go.th
    PRONGSAI_TRUSTED_PROXIES=127.0.0.1   the proxy's address(es): only their X-Forwarded-Proto/-For count
    DATABASE_URL=postgres://…      recommended for more than one office
    prongsai serve --host 127.0.0.1 --port 8000    (gunicorn, one worker process per core)

The proxy sets X-Forwarded-Proto; `prongsai serve` drops it (and X-Forwarded-For) from any peer
not in PRONGSAI_TRUSTED_PROXIES (prongsai.web.proxy), so the header Django reads below is the
proxy's. Another WSGI server must do the same (gunicorn: --forwarded-allow-ips alone is not
enough, it passes an untrusted peer's header on). Plain HTTP is redirected to https unless
PRONGSAI_SSL_REDIRECT=0; HSTS goes with every HTTPS response whatever that setting says.

`python -m prongsai.web check --deploy` is clean with these settings.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from prongsai.web.settings import *  # noqa: F403
from prongsai.web.settings import _env_bool, _env_list

if len(os.environ.get("PRONGSAI_SECRET_KEY", "").strip()) < 50:
    raise ImproperlyConfigured("ต้องตั้งค่า PRONGSAI_SECRET_KEY (สุ่มอย่างน้อย 50 ตัวอักษร) สำหรับการใช้งานจริง")
if not os.environ.get("PRONGSAI_ALLOWED_HOSTS", "").strip():
    raise ImproperlyConfigured("ต้องตั้งค่า PRONGSAI_ALLOWED_HOSTS เป็นชื่อโดเมนของระบบ เช่น ita.example.go.th")

DEBUG = False
ALLOWED_HOSTS = _env_list("PRONGSAI_ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = [f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS if h != "*"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _env_bool("PRONGSAI_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("PRONGSAI_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("PRONGSAI_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_bool("PRONGSAI_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
WHITENOISE_AUTOREFRESH = False
