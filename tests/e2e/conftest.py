"""Helpers for browser journeys: axe-core checks (WCAG 2.1 AA) on every page visited."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    def _check(page):
        results = axe.run(page, options=WCAG_21_AA)
        assert results.violations_count == 0, results.generate_report()

    return _check


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


@pytest.fixture
def demo_world(settings):
    """The demo municipality; demo mode, so the accounts need no second factor."""
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=io.StringIO())
