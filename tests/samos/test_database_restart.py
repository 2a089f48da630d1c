"""A PostgreSQL restart during use is survived: the connection the app keeps between
requests (CONN_MAX_AGE) is cut, as a restart does, and the next request still gets its
page — CONN_HEALTH_CHECKS notices the dead connection and opens a new one.

Through Django's own WSGI handler: the test client (and the live server, which closes
connections after every request) would skip the connection handling under test.
"""

from wsgiref.util import setup_testing_defaults

import psycopg2
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from tests.conftest import using_postgresql

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not using_postgresql(), reason="PostgreSQL only (DATABASE_URL)"),
]


def _get(handler, path: str) -> str:
    environ = {"PATH_INFO": path, "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    statuses = []
    body = b"".join(handler(environ, lambda status, headers: statuses.append(status)))
    assert body is not None
    return statuses[0]


def _cut(pid: int) -> None:
    """Terminate backend PID from a connection of its own, as a server restart would."""
    db = settings.DATABASES["default"]
    other = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"],
        port=db["PORT"],
    )
    try:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
    finally:
        other.close()


def test_a_request_after_the_database_restarted_gets_its_page(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0  # kept between requests
    settings.ALLOWED_HOSTS = ["testserver"]
    handler = WSGIHandler()
    assert _get(handler, "/inloggen/").startswith("200")
    kept = connection.connection  # the connection kept for the next request
    assert kept is not None and not kept.closed
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    _cut(pid)

    assert _get(handler, "/inloggen/").startswith("200")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid  # a new connection, not the dead one
