"""Django for the web tests: settings module, a throw-away PRONGSAI_HOME, fast password hashing.

Unit tests run on an in-memory SQLite database (Django's default test database for SQLite);
with DATABASE_URL=postgres://… (scripts/test-postgres.sh) the same tests run on PostgreSQL.
"""

from __future__ import annotations

import os
import tempfile

_HOME = tempfile.mkdtemp(prefix="prongsai-test-home-")
os.environ["PRONGSAI_HOME"] = _HOME
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings")
os.environ.setdefault("PRONGSAI_SECRET_KEY", "test-secret-key-" + "x" * 50)
os.environ.pop("PRONGSAI_ALLOWED_HOSTS", None)

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
django.setup()


def pytest_report_header(config):  # type: ignore[no-untyped-def]
    from django.db import connection

    return f"web tests database: {connection.vendor}"


import pytest  # noqa: E402


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    """Keep each phase's report on the test item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium (Debian's, driven by Playwright) for every browser test of the session:
    the sync API allows one Playwright per thread, so the modules must share it."""
    from playwright.sync_api import sync_playwright

    from tests.web.browsers import ARGS, CHROMIUM

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
