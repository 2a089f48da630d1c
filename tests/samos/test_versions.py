"""Minimum versions of the libraries with security fixes we rely on (SECURITY.md)."""

from importlib.metadata import version

import pytest


def as_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3] if part.isdigit())


@pytest.mark.parametrize(
    ("package", "minimum"),
    [("Django", "5.2.14"), ("weasyprint", "70"), ("Pillow", "12.2")],
)
def test_minimum_version(package, minimum):
    assert as_tuple(version(package)) >= as_tuple(minimum)
