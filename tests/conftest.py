"""Test setup shared by all tests: real services when present, clear skips when not.

PostgreSQL, Redis and Chromium are used when DATABASE_URL, CELERY_BROKER_URL=redis://…
and the chromium binary are there. With SAMOS_REQUIRE_SERVICES=1 (set by .ci/run) a
missing service stops the run instead of skipping tests.
"""

import os
import shutil

import pytest

# live_server runs in a thread while sync Playwright holds an event loop in this one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REQUIRE_SERVICES = os.environ.get("SAMOS_REQUIRE_SERVICES") == "1"


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if os.path.exists(candidate) else None


def redis_url() -> str | None:
    url = os.environ.get("CELERY_BROKER_URL", "")
    return url if url.startswith("redis://") else None


def using_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def pytest_configure(config):
    if not REQUIRE_SERVICES:
        return
    missing = []
    if not using_postgresql():
        missing.append("PostgreSQL (DATABASE_URL=postgres://…)")
    if not redis_url():
        missing.append("Redis (CELERY_BROKER_URL=redis://…)")
    if not chromium_path():
        missing.append("Chromium (/usr/bin/chromium or CHROMIUM_PATH)")
    if missing:
        raise pytest.UsageError(
            "SAMOS_REQUIRE_SERVICES=1 but these services are missing: " + "; ".join(missing)
        )


def pytest_report_header(config):
    return [
        "SAMOS services: database="
        + ("PostgreSQL" if using_postgresql() else "SQLite")
        + ", redis="
        + ("yes" if redis_url() else "no (redis tests skipped)")
        + ", chromium="
        + (chromium_path() or "no (browser journeys skipped)")
    ]


def pytest_collection_modifyitems(config, items):
    skip_e2e = pytest.mark.skip(reason="Chromium not installed: browser journeys skipped")
    skip_redis = pytest.mark.skip(reason="no CELERY_BROKER_URL=redis://…: Redis tests skipped")
    for item in items:
        # Markers, not keywords: a parameter id such as "redis" is a keyword too.
        if item.get_closest_marker("e2e") and not chromium_path():
            item.add_marker(skip_e2e)
        if item.get_closest_marker("redis") and not redis_url():
            item.add_marker(skip_redis)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Mail and private files of a test go to its own temporary folder; no cache carries
    over from another test."""
    from django.core.cache import cache

    cache.clear()
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    settings.MEDIA_ROOT = tmp_path / "private"
    settings.DEMO_MODE = False
    settings.MFA_WAIVED_ROLES = []
    settings.MFA_TRUSTED_BACKENDS = []
    # Factories set a password on every user; the production hasher costs half a second
    # each on this machine. Tests of passwords themselves use check_password, which works
    # with any hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def eager_tasks():
    """Run Celery tasks in-process for a unit test (the Redis tests use a real worker)."""
    from samos.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def verified_login(db):
    """Log a client in as a user with ROLES who passed the second factor.

    Usage: `user = verified_login(client, Role.COORDINATOR)`.
    """
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.factories import UserFactory, add_totp_device

    def _login(client, *roles, **user_fields):
        user = UserFactory(roles=list(roles), **user_fields)
        device = add_totp_device(user)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return user

    return _login
