"""Models and migrations agree, and the demo data loads twice without change."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from samos.accounts.models import Organisation, User
from signals.models import Area, AttentionRequest, Signal, Theme


@pytest.mark.django_db
def test_no_missing_migrations():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"Models changed without a migration:\n{out.getvalue()} ({exit_})")


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())

    def counts():
        return (
            User.objects.count(),
            Organisation.objects.count(),
            Area.objects.count(),
            Signal.objects.count(),
            AttentionRequest.objects.count(),
        )

    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first
    assert 250 <= first[3] <= 500  # "a few hundred believable signals"
    oldenmere = Signal.objects.filter(area__parent__name="Oldenmere", themes__name="Asielopvang")
    recent = timezone.now() - timedelta(days=14)
    assert (
        oldenmere.filter(observed_at__gte=recent).count()
        > oldenmere.filter(
            observed_at__lt=recent, observed_at__gte=recent - timedelta(days=14)
        ).count()
    )  # the tension is building
    assert set(User.objects.values_list("username", flat=True)) >= {
        "signaleerder",
        "coordinator",
        "kernteamlid",
        "voorzitter",
        "burgemeester",
        "communicatie",
        "beheerder",
    }
    kernen = Area.objects.filter(kind__in=[Area.Kind.KERN, Area.Kind.WIJK])
    assert kernen.count() == 12
    assert Area.objects.filter(kind=Area.Kind.BUURT, parent__in=kernen).count() >= 12
    assert Theme.objects.filter(name="Asielopvang").exists()
    beheerder = User.objects.get(username="beheerder")
    assert beheerder.is_staff and not beheerder.is_superuser
    assert beheerder.has_perm("accounts.change_user")
    assert beheerder.has_perm("signals.add_area")
    assert not User.objects.get(username="coordinator").has_perm("accounts.change_user")


@pytest.mark.django_db
def test_demo_passwords_work():
    call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.get(username="voorzitter").check_password("samos-demo")
