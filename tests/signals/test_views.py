"""Signal pages through the real views: role matrix, bad input, attachments, queries."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from samos.accounts.roles import Role
from signals.models import Attachment, Signal
from signals.permissions import LOG_ROLES
from tests.factories import AreaFactory, SignalFactory, SourceKindFactory, ThemeFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("signals:signal_create")
LIST = reverse("signals:signal_list")
INBOX = reverse("signals:inbox")


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def form_data():
    kern = AreaFactory(name="Oldenmere")
    buurt = AreaFactory(name="Merepolder", kind="buurt", parent=kern)
    return {
        "observation": "Rond 21:00 hingen er spandoeken tegen de komst van het azc.",
        "observed_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "area": buurt.pk,
        "themes": [ThemeFactory(name="Asielopvang").pk],
        "source_kind": SourceKindFactory().pk,
        "channel": "offline",
        "urgency": "midden",
        "confidentiality": "intern",
        "submission_token": str(uuid.uuid4()),
    }


@pytest.mark.parametrize("role", list(Role))
def test_who_may_open_the_form(client, verified_login, role):
    verified_login(client, role)
    expected = 200 if role in LOG_ROLES else 403
    assert client.get(CREATE).status_code == expected


def test_log_a_signal_and_land_on_its_page(client, verified_login, form_data):
    user = verified_login(client, Role.SIGNALEERDER)
    response = client.post(CREATE, form_data)
    signal = Signal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == signal.get_absolute_url()
    assert signal.author == user
    page = client.get(response["Location"]).content.decode()
    assert "spandoeken" in page
    assert "Merepolder" in page


def test_refresh_or_double_click_saves_once(client, verified_login, form_data):
    verified_login(client, Role.SIGNALEERDER)
    first = client.post(CREATE, form_data)
    second = client.post(CREATE, form_data)
    assert Signal.objects.count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"observation": ""}, "observation", "Beschrijf wat u zag of hoorde."),
        ({"area": ""}, "area", "Kies het gebied waar het gebeurde."),
        ({"area": "999999"}, "area", "Dit gebied bestaat niet (meer)."),
        ({"observed_at": "2099-01-01T10:00"}, "observed_at", "kan niet in de toekomst liggen"),
        ({"observed_at": "gisteren"}, "observed_at", "Vul een geldige datum en tijd in."),
    ],
)
def test_bad_input_gets_a_dutch_message_saves_nothing_and_keeps_the_text(
    client, verified_login, form_data, change, field, message
):
    verified_login(client, Role.SIGNALEERDER)
    form_data.update(change)
    response = client.post(CREATE, form_data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Signal.objects.count() == 0
    if field != "observation":
        assert "spandoeken tegen de komst" in response.content.decode()


def test_attachment_is_stored_privately_and_downloaded_safely(
    client, verified_login, form_data, settings
):
    verified_login(client, Role.SIGNALEERDER)
    form_data["attachments"] = [SimpleUploadedFile("foto pamflet.jpg", jpeg_bytes(), "image/jpeg")]
    client.post(CREATE, form_data)
    attachment = Attachment.objects.get()
    assert "pamflet" not in attachment.path
    assert (settings.MEDIA_ROOT / attachment.path).is_file()
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/media/{attachment.path}").status_code == 404


def test_disguised_file_is_refused_and_nothing_is_saved(client, verified_login, form_data):
    verified_login(client, Role.SIGNALEERDER)
    form_data["attachments"] = [
        SimpleUploadedFile("foto.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    ]
    response = client.post(CREATE, form_data)
    assert response.status_code == 200
    assert response.context["form"].errors["attachments"]
    assert Signal.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert "Kies de bijlagen opnieuw" in response.content.decode()


def test_attachment_of_a_hidden_signal_is_404(client, verified_login):
    signal = SignalFactory(vertrouwelijk=True)
    attachment = Attachment.objects.create(
        signal=signal,
        path="attachments/x.jpg",
        download_name="x.jpg",
        content_type="image/jpeg",
        size=1,
    )
    verified_login(client, Role.KERNTEAMLID)
    assert client.get(attachment.get_absolute_url()).status_code == 404


class TestList:
    def test_filters_by_area_including_sub_areas_theme_and_period(self, client, verified_login):
        verified_login(client, Role.COORDINATOR)
        kern = AreaFactory(name="Brammelo")
        buurt = AreaFactory(name="Brammeler Esch", kind="buurt", parent=kern)
        theme = ThemeFactory(name="Windmolens")
        in_buurt = SignalFactory(area=buurt, observation="windpark boos")
        in_buurt.themes.add(theme)
        in_kern = SignalFactory(area=kern, observation="vergadering druk")
        in_kern.themes.add(theme)
        SignalFactory(observation="elders")
        old = SignalFactory(area=buurt, observed_at=timezone.now() - timedelta(days=60))
        old.themes.add(theme)

        response = client.get(LIST, {"area": kern.pk})
        assert set(response.context["page"].object_list) == {in_buurt, in_kern, old}
        since = (timezone.localdate() - timedelta(days=7)).isoformat()
        response = client.get(LIST, {"area": kern.pk, "theme": theme.pk, "observed_from": since})
        assert set(response.context["page"].object_list) == {in_buurt, in_kern}
        response = client.get(LIST, {"q": "windpark"})
        assert list(response.context["page"].object_list) == [in_buurt]

    def test_newest_first_and_only_what_the_user_may_see(self, client, verified_login):
        verified_login(client, Role.KERNTEAMLID)
        older = SignalFactory(observed_at=timezone.now() - timedelta(days=2))
        newer = SignalFactory(observed_at=timezone.now() - timedelta(days=1))
        SignalFactory(vertrouwelijk=True)
        assert list(client.get(LIST).context["page"].object_list) == [newer, older]

    def test_query_count_does_not_grow_with_the_number_of_signals(
        self, client, verified_login, django_assert_max_num_queries
    ):
        verified_login(client, Role.COORDINATOR)
        theme = ThemeFactory()
        for _ in range(3):
            SignalFactory().themes.add(theme)
        with django_assert_max_num_queries(14) as few:
            client.get(LIST)
        for _ in range(40):
            SignalFactory().themes.add(theme)
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(LIST)


class TestConfirmAndTriage:
    def test_confirm_someone_elses_signal_once(self, client, verified_login):
        signal = SignalFactory()
        verified_login(client, Role.KERNTEAMLID)
        url = reverse("signals:signal_confirm", args=[signal.uuid])
        response = client.post(url, {"observation": "Ik zag het vanochtend ook."})
        assert response.status_code == 302
        signal.refresh_from_db()
        assert signal.confirmation_count == 1
        response = client.post(url, {"observation": "Nog een keer."})
        assert "al bevestigd" in response.content.decode()
        signal.refresh_from_db()
        assert signal.confirmation_count == 1

    def test_inbox_bulk_archive_needs_a_reason(self, client, verified_login):
        first, second = SignalFactory(), SignalFactory()
        verified_login(client, Role.COORDINATOR)
        page = client.get(INBOX)
        assert [s.pk for s in page.context["page"].object_list] == [first.pk, second.pk]
        data = {"signals": [first.uuid, second.uuid], "action": "gearchiveerd", "reason": ""}
        client.post(INBOX, data)
        first.refresh_from_db()
        assert first.status == "nieuw"  # all or nothing
        data["reason"] = "Dubbele melding"
        client.post(INBOX, data)
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.status, second.status) == ("gearchiveerd", "gearchiveerd")
        assert "De inbox is leeg" in client.get(INBOX).content.decode()

    @pytest.mark.parametrize("role", [Role.SIGNALEERDER, Role.KERNTEAMLID, Role.VOORZITTER])
    def test_only_coordinators_see_the_inbox(self, client, verified_login, role):
        verified_login(client, role)
        assert client.get(INBOX).status_code == 403


def test_oversized_file_is_skipped_while_streaming_and_the_text_stays(
    client, verified_login, form_data, settings
):
    settings.SAMOS_UPLOAD_MAX_BYTES = 1000
    verified_login(client, Role.SIGNALEERDER)
    form_data["attachments"] = [SimpleUploadedFile("groot.jpg", b"\xff" * 5000, "image/jpeg")]
    response = client.post(CREATE, form_data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["attachments"])
    assert "groot.jpg: het bestand is groter dan" in errors
    assert "spandoeken tegen de komst" in response.content.decode()
    assert Signal.objects.count() == 0


def test_coordinator_deletes_after_confirming(client, verified_login):
    signal = SignalFactory()
    verified_login(client, Role.COORDINATOR)
    url = reverse("signals:signal_delete", args=[signal.uuid])
    assert "Definitief verwijderen" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Signal.objects.filter(pk=signal.pk).exists()


@pytest.mark.parametrize("role", [Role.SIGNALEERDER, Role.KERNTEAMLID])
def test_others_cannot_delete(client, verified_login, role):
    signal = SignalFactory()
    verified_login(client, role)
    assert client.post(reverse("signals:signal_delete", args=[signal.uuid])).status_code == 403
    assert Signal.objects.filter(pk=signal.pk).exists()


def test_personal_data_warning_asks_to_rephrase_or_mark(client, verified_login, form_data):
    verified_login(client, Role.SIGNALEERDER)
    form_data["observation"] = "Mevrouw Jansen belde vanaf 06-12345678 over de spandoeken."
    response = client.post(CREATE, form_data)
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["observation"])
    assert "een naam na meneer/mevrouw en een telefoonnummer" in message
    assert "Mevrouw Jansen belde" in response.content.decode()  # nothing typed is lost
    assert Signal.objects.count() == 0

    form_data["contains_personal_data"] = "on"
    assert client.post(CREATE, form_data).status_code == 302
    signal = Signal.objects.get()
    assert signal.contains_personal_data and signal.is_sensitive


def test_the_signal_form_states_the_configured_upload_limit(client, verified_login, settings):
    settings.SAMOS_UPLOAD_MAX_BYTES = 4 * 1024 * 1024
    verified_login(client, Role.SIGNALEERDER)
    page = client.get(reverse("signals:signal_create")).content.decode().replace("\xa0", " ")
    assert "maximaal 4,0 MB per bestand, hooguit 5." in page


def test_the_signal_list_folds_its_filters_behind_one_control_that_counts(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    area = AreaFactory()
    page = client.get(reverse("signals:signal_list")).content.decode()
    assert '<details class="filters-fold">' in page and "Filters (0 actief)" in page
    page = client.get(reverse("signals:signal_list"), {"area": area.pk, "na": "x"})
    assert "Filters (1 actief)" in page.content.decode()
