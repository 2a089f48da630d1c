"""Start page, outbox and error pages through the real views, per role."""

import pytest
from django.core import mail as django_mail
from django.urls import reverse

from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from samos.core.services import heartbeat_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("core:dashboard")
OUTBOX = reverse("core:outbox")


@pytest.mark.parametrize("role", list(Role))
def test_every_role_sees_its_start_page_with_its_role(client, verified_login, role):
    verified_login(client, role)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert str(Role(role).label) in response.content.decode()


def test_navigation_shows_beheer_only_to_beheerders(client, verified_login):
    verified_login(client, Role.SIGNALEERDER)
    assert "/beheer/admin/" not in client.get(DASHBOARD).content.decode()
    client.logout()
    verified_login(client, Role.BEHEERDER, is_staff=True)
    content = client.get(DASHBOARD).content.decode()
    assert "/beheer/admin/" in content
    assert "taakverwerking heeft nog niet gedraaid" in content


def test_beheer_panel_reports_a_running_worker(client, verified_login):
    heartbeat_record()
    verified_login(client, Role.BEHEERDER, is_staff=True)
    assert "Taakverwerking actief" in client.get(DASHBOARD).content.decode()


def test_user_without_role_gets_a_dutch_403_and_an_audit_event(client):
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.factories import add_totp_device

    user = UserFactory()
    device = add_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    response = client.get(DASHBOARD)
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
    assert AuditEvent.objects.filter(actor=user, action="toegang.geweigerd").exists()


def test_unknown_page_is_a_dutch_404(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


class TestOutbox:
    @pytest.fixture(autouse=True)
    def _file_backend(self, settings):
        # pytest-django swaps in the in-memory backend; the outbox reads the file backend.
        settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"

    def send_mail(self):
        msg = django_mail.EmailMultiAlternatives(
            subject="Herinnering: actie verloopt morgen",
            body="Beste Karim,\n\nDe actie <script>x</script> verloopt morgen.",
            to=["coordinator@voorbeeldrade.example"],
        )
        msg.attach("uitnodiging.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "text/calendar")
        msg.send()

    def test_beheerder_reads_mail_written_by_the_file_backend(self, client, verified_login):
        self.send_mail()
        verified_login(client, Role.BEHEERDER)
        listing = client.get(OUTBOX)
        assert listing.status_code == 200
        content = listing.content.decode()
        assert "Herinnering: actie verloopt morgen" in content
        key = listing.context["mail_messages"][0].key
        detail = client.get(reverse("core:outbox_detail", args=[key]))
        body = detail.content.decode()
        assert "coordinator@voorbeeldrade.example" in body
        assert "uitnodiging.ics" in body
        assert "&lt;script&gt;x&lt;/script&gt;" in body  # mail text is escaped

    @pytest.mark.parametrize("role", [r for r in Role if r != Role.BEHEERDER])
    def test_other_roles_may_not_read_the_outbox(self, client, verified_login, role):
        self.send_mail()
        verified_login(client, role)
        assert client.get(OUTBOX).status_code == 403

    @pytest.mark.parametrize("key", ["..%2F..%2Fetc%2Fpasswd:0", "20261124-101500-1.log:9", "x:0"])
    def test_unknown_or_hostile_keys_are_404(self, client, verified_login, key):
        verified_login(client, Role.BEHEERDER)
        assert client.get(f"{OUTBOX}{key}/").status_code == 404

    def test_empty_outbox_says_so(self, client, verified_login):
        verified_login(client, Role.BEHEERDER)
        assert "Er is nog geen e-mail verstuurd" in client.get(OUTBOX).content.decode()


def test_security_headers_on_every_page(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    for url in (DASHBOARD, reverse("two_factor:login")):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        for directive in (
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
            "script-src 'self'",
        ):
            assert directive in csp
        assert "unsafe-inline" not in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert "no-store" in response["Cache-Control"]


def test_hsts_is_set_for_a_year_in_production_settings():
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE)"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "samos.settings",
        "SAMOS_ENVIRONMENT": "production",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "samos.example.nl",
        "DATABASE_URL": "postgres://u:p@127.0.0.1:1/x",
    }
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["31536000", "True", "True"]


def test_no_url_serves_media_files(client, verified_login, settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "geheim.txt").write_text("vertrouwelijk")
    verified_login(client, Role.BEHEERDER)
    response = client.get("/media/geheim.txt")
    assert response.status_code == 404


def test_dutch_by_default_even_for_an_english_browser(client):
    response = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Inloggen bij SAMOS" in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_english_when_chosen_with_the_language_switch(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen/"})
    response = client.get("/inloggen/")
    assert response["Content-Language"] == "en"
    assert "Username" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/beheer/admin/accounts/user/",
        "/beheer/admin/audit/auditevent/",
        "/beheer/admin/reminders/sentreminder/",
        "/beheer/admin/signals/area/",
    ],
)
def test_beheerder_can_open_the_admin_lists(client, verified_login, url):
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    verified_login(client, Role.BEHEERDER, is_staff=True)
    assert client.get(url).status_code == 200


def test_audit_trail_cannot_be_edited_in_the_admin(client, verified_login):
    user = verified_login(client, Role.BEHEERDER, is_staff=True)
    from samos.audit.services import audit_record

    event = audit_record(action="test", actor=user)
    response = client.post(f"/beheer/admin/audit/auditevent/{event.pk}/change/", {"action": "x"})
    assert response.status_code in (403, 200)
    event.refresh_from_db()
    assert event.action == "test"
