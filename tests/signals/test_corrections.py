"""A signal after logging: the author corrects or withdraws it for a while, then only the
coördinator changes it; attachments survive the personal-data warning; "gekoppeld" is a
consequence of linking; the signal page says where it belongs; triage keeps what was typed."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kernteam.models import CaseSignal
from kernteam.services import case_link_signal, case_open, case_unlink_signal
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from signals.models import Attachment, HeldUpload, Signal, SignalRevision
from signals.services import held_uploads_sweep, signal_set_status
from tests.factories import AreaFactory, CaseFactory, SignalFactory, ThemeFactory, UserFactory
from tests.signals.test_views import CREATE, INBOX, jpeg_bytes
from tests.signals.test_views import form_data as _form_data

form_data = _form_data  # the same fixture, under its own name here

pytestmark = pytest.mark.django_db


def _edit_data(signal, **changes):
    data = {
        "observation": signal.observation,
        "impression": signal.impression,
        "observed_at": timezone.localtime(signal.observed_at).strftime("%Y-%m-%dT%H:%M"),
        "area": signal.area_id,
        "themes": list(signal.themes.values_list("pk", flat=True)),
        "source_kind": signal.source_kind_id,
        "channel": signal.channel,
        "urgency": signal.urgency,
        "confidentiality": signal.confidentiality,
        "version": signal.updated_at.isoformat(),
    }
    data.update(changes)
    return data


class TestCorrection:
    def test_the_author_corrects_within_the_window_and_the_history_names_the_fields(
        self, client, verified_login
    ):
        author = verified_login(client, Role.SIGNALEERDER)
        signal = SignalFactory(author=author, observation="Spandoeken bij het plein.")
        url = reverse("signals:signal_edit", args=[signal.uuid])
        page = client.get(reverse("signals:signal_detail", args=[signal.uuid])).content.decode()
        assert "U kunt dit signaal nog corrigeren of intrekken tot" in page
        response = client.post(
            url, _edit_data(signal, observation="Spandoeken bij het dorpsplein.", urgency="hoog")
        )
        assert response.status_code == 302
        signal.refresh_from_db()
        assert (signal.observation, signal.urgency) == ("Spandoeken bij het dorpsplein.", "hoog")
        revision = SignalRevision.objects.get(signal=signal)
        assert revision.kind == SignalRevision.Kind.CORRECTIE
        fields = {change["field"]: change for change in revision.changes}
        assert set(fields) == {"waarneming", "urgentie"}
        assert "from" not in fields["waarneming"]  # the old text is not copied
        assert (fields["urgentie"]["from"], fields["urgentie"]["to"]) == ("Midden", "Hoog")
        assert AuditEvent.objects.filter(action="signaal.gecorrigeerd").count() == 1
        page = client.get(signal.get_absolute_url()).content.decode()
        assert "Gecorrigeerd door de melder" in page

    def test_after_the_window_the_author_may_not_and_keeps_the_text(
        self, client, verified_login, settings
    ):
        settings.SAMOS_SIGNAL_CORRECTION_HOURS = 24
        author = verified_login(client, Role.SIGNALEERDER)
        signal = SignalFactory(author=author, created_at=timezone.now() - timedelta(hours=25))
        url = reverse("signals:signal_edit", args=[signal.uuid])
        assert client.get(url).status_code == 403
        response = client.post(url, _edit_data(signal, observation="Nieuwe tekst van mij."))
        assert response.status_code == 200
        assert "Vraag de coördinator" in response.content.decode()
        assert "Nieuwe tekst van mij." in response.content.decode()
        signal.refresh_from_db()
        assert signal.observation != "Nieuwe tekst van mij."

    def test_the_window_is_configurable(self, client, verified_login, settings):
        settings.SAMOS_SIGNAL_CORRECTION_HOURS = 2
        author = verified_login(client, Role.SIGNALEERDER)
        signal = SignalFactory(author=author, created_at=timezone.now() - timedelta(hours=3))
        assert client.get(reverse("signals:signal_edit", args=[signal.uuid])).status_code == 403

    def test_another_signaller_may_not_correct(self, client, verified_login):
        verified_login(client, Role.SIGNALEERDER)
        signal = SignalFactory()
        assert client.get(reverse("signals:signal_edit", args=[signal.uuid])).status_code in (
            403,
            404,
        )

    def test_the_coordinator_changes_an_old_signal_as_a_change_not_a_correction(
        self, client, verified_login
    ):
        verified_login(client, Role.COORDINATOR)
        signal = SignalFactory(created_at=timezone.now() - timedelta(days=30))
        response = client.post(
            reverse("signals:signal_edit", args=[signal.uuid]), _edit_data(signal, urgency="laag")
        )
        assert response.status_code == 302
        assert SignalRevision.objects.get(signal=signal).kind == SignalRevision.Kind.WIJZIGING
        assert AuditEvent.objects.filter(action="signaal.gewijzigd").exists()

    def test_a_stale_form_is_refused_and_keeps_the_text(self, client, verified_login):
        author = verified_login(client, Role.SIGNALEERDER)
        signal = SignalFactory(author=author)
        data = _edit_data(signal, observation="Mijn versie.")
        Signal.objects.filter(pk=signal.pk).update(updated_at=timezone.now() + timedelta(1))
        response = client.post(reverse("signals:signal_edit", args=[signal.uuid]), data)
        assert response.status_code == 200
        assert "intussen gewijzigd" in response.content.decode()
        assert "Mijn versie." in response.content.decode()


class TestWithdrawal:
    def test_the_author_withdraws_with_a_reason_kept_in_the_history(self, client, verified_login):
        author = verified_login(client, Role.SIGNALEERDER)
        signal = SignalFactory(author=author)
        url = reverse("signals:signal_withdraw", args=[signal.uuid])
        response = client.post(url, {"reason": ""})
        assert response.status_code == 200
        assert "Geef kort aan waarom" in response.content.decode()
        signal.refresh_from_db()
        assert signal.status == "nieuw"
        assert client.post(url, {"reason": "Dubbel gemeld"}).status_code == 302
        signal.refresh_from_db()
        assert (signal.status, signal.status_reason) == ("ingetrokken", "Dubbel gemeld")
        revision = SignalRevision.objects.get(signal=signal)
        assert (revision.kind, revision.reason) == ("intrekking", "Dubbel gemeld")
        assert AuditEvent.objects.filter(action="signaal.ingetrokken").exists()
        assert signal not in Signal.objects.filter(status="nieuw")  # out of the inbox

    def test_a_linked_signal_cannot_be_withdrawn_by_its_author(self, client, verified_login):
        author = verified_login(client, Role.SIGNALEERDER)
        signal = SignalFactory(author=author, status="gekoppeld")
        url = reverse("signals:signal_withdraw", args=[signal.uuid])
        assert client.get(url).status_code == 403
        response = client.post(url, {"reason": "Toch niet"})
        assert "Vraag de coördinator" in response.content.decode()
        signal.refresh_from_db()
        assert signal.status == "gekoppeld"


class TestHeldAttachments:
    def test_a_photo_survives_the_personal_data_warning(self, client, verified_login, form_data):
        author = verified_login(client, Role.SIGNALEERDER)
        form_data["observation"] = "Mevrouw Jansen belde vanaf 06-12345678 over de spandoeken."
        form_data["attachments"] = [SimpleUploadedFile("plein.jpg", jpeg_bytes(), "image/jpeg")]
        response = client.post(CREATE, form_data)
        assert response.status_code == 200
        page = response.content.decode()
        assert "plein.jpg" in page and "bewaard" in page
        held = HeldUpload.objects.get(owner=author)
        assert f'name="held_attachments" value="{held.token}"' in page
        # The second try: the text rephrased, no file chosen again.
        form_data.pop("attachments")
        form_data["observation"] = "Een bewoner belde over de spandoeken."
        form_data["held_attachments"] = [str(held.token)]
        response = client.post(CREATE, form_data)
        assert response.status_code == 302
        signal = Signal.objects.get()
        attachment = Attachment.objects.get(signal=signal)
        assert (attachment.download_name, attachment.path) == ("plein.jpg", held.path)
        assert not HeldUpload.objects.exists()

    def test_someone_elses_token_adds_nothing(self, client, verified_login, form_data):
        other = verified_login(client, Role.SIGNALEERDER)
        form_data["observation"] = "Mevrouw Jansen belde over de spandoeken."
        form_data["attachments"] = [SimpleUploadedFile("plein.jpg", jpeg_bytes(), "image/jpeg")]
        client.post(CREATE, form_data)
        token = HeldUpload.objects.get(owner=other).token
        client.logout()
        verified_login(client, Role.SIGNALEERDER)
        form_data.pop("attachments")
        form_data["observation"] = "Een bewoner belde over de spandoeken."
        form_data["held_attachments"] = [str(token)]
        assert client.post(CREATE, form_data).status_code == 302
        assert not Attachment.objects.exists()

    def test_dropped_and_stale_held_uploads_go(self, client, verified_login, form_data):
        author = verified_login(client, Role.SIGNALEERDER)
        form_data["observation"] = "Mevrouw Jansen belde over de spandoeken."
        form_data["attachments"] = [SimpleUploadedFile("plein.jpg", jpeg_bytes(), "image/jpeg")]
        client.post(CREATE, form_data)
        held = HeldUpload.objects.get(owner=author)
        form_data.pop("attachments")
        form_data.update(
            observation="Een bewoner belde.",
            held_attachments=[str(held.token)],
            drop_held=[str(held.token)],
        )
        assert client.post(CREATE, form_data).status_code == 302
        assert not Attachment.objects.exists()
        assert held_uploads_sweep(now=timezone.now() + timedelta(days=1)) == 1
        assert not HeldUpload.objects.exists()


class TestLinkedIsAConsequence:
    def test_the_coordinator_cannot_choose_gekoppeld_and_the_page_does_not_offer_it(
        self, client, verified_login
    ):
        coordinator = verified_login(client, Role.COORDINATOR)
        signal = SignalFactory()
        page = client.get(signal.get_absolute_url()).content.decode()
        assert 'value="gekoppeld"' not in page
        with pytest.raises(Exception, match="volgt uit het koppelen"):
            signal_set_status(user=coordinator, signal_uuid=signal.uuid, status="gekoppeld")

    def test_linking_and_unlinking_move_the_status_and_the_page_names_the_case(
        self, client, verified_login
    ):
        coordinator = verified_login(client, Role.COORDINATOR)
        signal = SignalFactory(status="bekeken")
        case = CaseFactory(title="Onrust rond het plein")
        case_link_signal(user=coordinator, case_uuid=case.uuid, signal_uuid=signal.uuid)
        signal.refresh_from_db()
        assert signal.status == "gekoppeld"
        page = client.get(signal.get_absolute_url()).content.decode()
        assert "Hoort bij" in page and case.get_absolute_url() in page
        case_unlink_signal(user=coordinator, case_uuid=case.uuid, signal_uuid=signal.uuid)
        signal.refresh_from_db()
        assert signal.status == "bekeken"
        assert not CaseSignal.objects.exists()

    def test_a_besloten_case_is_counted_not_named(self, client, verified_login):
        """The author keeps their signal but may not read cases: they learn it is in use."""
        opener = UserFactory(roles=[Role.COORDINATOR])
        author = verified_login(client, Role.SIGNALEERDER)
        signal = SignalFactory(author=author)
        case_open(
            user=opener,
            title="Geheime casus",
            areas=[signal.area],
            signal_uuids=[signal.uuid],
            is_confidential=True,
        )
        page = client.get(signal.get_absolute_url()).content.decode()
        assert "Geheime casus" not in page
        assert "1 casus die u niet kunt inzien" in page


class TestTriageKeepsWhatWasTyped:
    def test_a_failed_bulk_action_keeps_the_selection_and_the_reason(self, client, verified_login):
        first, second, third = SignalFactory(), SignalFactory(), SignalFactory()
        verified_login(client, Role.COORDINATOR)
        # Archiving needs a reason; "Eerst bellen" is typed for the next try, then removed.
        response = client.post(
            INBOX, {"signals": [first.uuid, third.uuid], "action": "gearchiveerd", "reason": ""}
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert "Er is niets gewijzigd" in page
        assert f'value="{first.uuid}" id="kies-{first.uuid}" checked' in page
        assert f'value="{third.uuid}" id="kies-{third.uuid}" checked' in page
        assert f'value="{second.uuid}" id="kies-{second.uuid}" aria-label' in page
        assert '<option value="gearchiveerd" selected>' in page

    def test_a_failed_status_change_stays_on_the_signal_page_with_the_typed_text(
        self, client, verified_login
    ):
        verified_login(client, Role.COORDINATOR)
        signal = SignalFactory(status="gearchiveerd", status_reason="Dubbel")
        response = client.post(
            reverse("signals:signal_status", args=[signal.uuid]),
            {"status": "nieuw", "reason": "Toch bekijken"},
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert 'id="foutmelding"' in page and 'value="Toch bekijken"' in page

    def test_change_and_next_goes_to_the_next_inbox_signal(self, client, verified_login):
        first, second = SignalFactory(), SignalFactory()
        verified_login(client, Role.COORDINATOR)
        response = client.post(
            reverse("signals:signal_status", args=[first.uuid]),
            {"status": "bekeken", "reason": "", "daarna": "volgende"},
        )
        assert response.status_code == 302 and response.url == second.get_absolute_url()

    def test_one_case_from_three_chosen_signals_with_areas_and_themes_prefilled(
        self, client, verified_login
    ):
        kern = AreaFactory(name="Oldenmere", kind="kern")
        buurt = AreaFactory(name="Merepolder", kind="buurt", parent=kern)
        other = AreaFactory(name="Brammelo", kind="kern")
        azc, online = ThemeFactory(name="Asielopvang"), ThemeFactory(name="Online")
        signals = [SignalFactory(area=buurt), SignalFactory(area=kern), SignalFactory(area=other)]
        for signal, theme in zip(signals, [azc, online, azc], strict=True):
            signal.themes.set([theme])
        verified_login(client, Role.COORDINATOR)
        response = client.post(
            INBOX, {"signals": [s.uuid for s in signals], "open_case": "1", "action": "bekeken"}
        )
        assert response.status_code == 302
        form = client.get(response.url).context["form"]
        assert sorted(form.initial["areas"]) == sorted([kern.pk, other.pk])
        assert sorted(form.initial["themes"]) == sorted([azc.pk, online.pk])
        nothing = client.post(INBOX, {"open_case": "1", "action": "bekeken"})
        assert "Kies eerst één of meer signalen" in nothing.content.decode()


def test_the_correction_form_opens_with_the_signal_as_it_is(client, verified_login):
    author = verified_login(client, Role.SIGNALEERDER)
    signal = SignalFactory(author=author, urgency="hoog")
    form = client.get(reverse("signals:signal_edit", args=[signal.uuid])).context["form"]
    assert form.initial["area"] == signal.area_id
    assert form.initial["urgency"] == "hoog"
    assert form.initial["observation"] == signal.observation
