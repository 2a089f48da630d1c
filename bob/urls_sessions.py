"""The session runner at /bijeenkomsten/<uuid>/ and everything it posts to."""

from django.urls import path

from bob.views import runner

session_patterns = [
    path("bijeenkomsten/<uuid:uuid>/", runner.SessionRunView.as_view(), name="session_run"),
]
