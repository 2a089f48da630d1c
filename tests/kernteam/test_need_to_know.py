"""Need-to-know: a besloten case is seen only by its participants (who opened it, the
chair, the secretary, who convened and who is invited to one of its sessions), the
burgemeester and the coördinators. Its sessions, preparations, documents, actions and
signals follow. The default — one picture for the whole kernteam — stays."""

import pytest
from django.urls import reverse

from bob.services import decision_list_adopt, decision_record
from kernteam.models import Case, CaseSignal
from kernteam.selectors import case_list_visible_for, preparation_overview, session_get_for
from kernteam.services import preparation_save, session_finish
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from signals.selectors import signal_list_visible_for
from tests.factories import (
    ActionFactory,
    AttendeeFactory,
    CaseFactory,
    SessionFactory,
    SignalFactory,
    UserFactory,
    add_totp_device,
)

pytestmark = pytest.mark.django_db


def login(client, user):
    from django_otp import DEVICE_ID_SESSION_KEY

    device = add_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def world():
    """A besloten case with one session, an open case beside it, and people around."""
    people = {
        "opener": UserFactory(roles=[Role.KERNTEAMLID]),
        "chair": UserFactory(roles=[Role.VOORZITTER]),
        "secretary": UserFactory(roles=[Role.KERNTEAMLID]),
        "convener": UserFactory(roles=[Role.KERNTEAMLID]),
        "invited": UserFactory(roles=[Role.KERNTEAMLID]),
        "burgemeester": UserFactory(roles=[Role.BURGEMEESTER]),
        "coordinator": UserFactory(roles=[Role.COORDINATOR]),
        "outsider": UserFactory(roles=[Role.KERNTEAMLID]),
        "other_chair": UserFactory(roles=[Role.VOORZITTER]),
        "adviser": UserFactory(roles=[Role.COMMUNICATIE]),
        "signaller": UserFactory(roles=[Role.SIGNALEERDER]),
    }
    closed_signal = SignalFactory(
        author=people["signaller"], observation="Dreigbrief aan wethouder"
    )
    case = CaseFactory(
        title="Bedreiging wethouder", is_confidential=True, opened_by=people["opener"]
    )
    CaseSignal.objects.create(case=case, signal=closed_signal, linked_by=people["opener"])
    session = SessionFactory(
        case=case,
        chair=people["chair"],
        secretary=people["secretary"],
        convened_by=people["convener"],
    )
    AttendeeFactory(session=session, user=people["invited"])
    shared_signal = SignalFactory(observation="Jongeren bij het plein")
    shared_case = CaseFactory(title="Overlast plein")
    CaseSignal.objects.create(case=shared_case, signal=shared_signal, linked_by=people["opener"])
    return {
        **people,
        "case": case,
        "session": session,
        "signal": closed_signal,
        "shared_case": shared_case,
        "shared_signal": shared_signal,
    }


PARTICIPANTS = ("opener", "chair", "secretary", "convener", "invited")
ALL_SEEING = ("burgemeester", "coordinator")
OUTSIDERS = ("outsider", "other_chair", "adviser")


@pytest.mark.parametrize("who", PARTICIPANTS + ALL_SEEING)
def test_participants_the_mayor_and_the_coordinators_see_the_besloten_case(client, world, who):
    login(client, world[who])
    case, session = world["case"], world["session"]
    assert client.get(case.get_absolute_url()).status_code == 200
    listed = client.get(reverse("kernteam:case_list")).content.decode()
    assert "Bedreiging wethouder" in listed
    assert "Besloten" in listed
    if who != "adviser":
        assert client.get(session.get_absolute_url()).status_code == 200
        assert client.get(reverse("bob:decision_list", args=[session.uuid])).status_code == 200


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_do_not_learn_the_besloten_case_exists(client, world, who):
    login(client, world[who])
    case, session = world["case"], world["session"]
    listed = client.get(reverse("kernteam:case_list"))
    assert listed.status_code == 200
    assert "Bedreiging wethouder" not in listed.content.decode()
    assert "Overlast plein" in listed.content.decode()  # the shared picture stays
    for url in (
        case.get_absolute_url(),
        reverse("kernteam:session_convene", args=[case.uuid]),
        reverse("bob:case_dossier", args=[case.uuid]),
        reverse("bob:case_dossier_pdf", args=[case.uuid]),
        session.get_absolute_url(),
        reverse("bob:decision_list", args=[session.uuid]),
        reverse("bob:decision_list_pdf", args=[session.uuid]),
        reverse("bob:session_minutes", args=[session.uuid]),
        reverse("bob:session_minutes_pdf", args=[session.uuid]),
        reverse("kernteam:session_prepare", args=[session.uuid]),
    ):
        assert client.get(url).status_code in (403, 404), url
    assert client.get(world["shared_case"].get_absolute_url()).status_code == 200


def test_the_signals_of_a_besloten_case_follow_it(world):
    signal, shared = world["signal"], world["shared_signal"]
    for who in ("outsider", "other_chair"):  # a voorzitter sees every signal otherwise
        visible = signal_list_visible_for(user=world[who])
        assert signal not in visible, who
        assert shared in visible, who
    for who in ("invited", "chair", "coordinator", "signaller"):  # the author keeps it
        assert signal in signal_list_visible_for(user=world[who]), who


def test_the_signal_page_of_a_besloten_case_is_a_404_for_others(client, world):
    login(client, world["other_chair"])
    assert client.get(world["signal"].get_absolute_url()).status_code == 404
    assert client.get(world["shared_signal"].get_absolute_url()).status_code == 200


def test_the_actions_follow_but_whoever_carries_one_out_sees_it(client, world):
    action = ActionFactory(case=world["case"], executor=world["outsider"])
    other = ActionFactory(case=world["case"])
    login(client, world["outsider"])
    assert client.get(reverse("bob:action_detail", args=[action.uuid])).status_code == 200
    assert client.get(reverse("bob:action_detail", args=[other.uuid])).status_code == 404
    login(client, world["invited"])
    assert client.get(reverse("bob:action_detail", args=[other.uuid])).status_code == 200


def test_the_stored_documents_follow(client, world):
    session = world["session"]
    session.status = "bezig"
    session.save()
    decision_record(user=world["chair"], session_uuid=session.uuid, stage="afspraak", text="X")
    session_finish(user=world["chair"], session_uuid=session.uuid)
    decision_list_adopt(user=world["chair"], session_uuid=session.uuid, confirmed=True)
    login(client, world["other_chair"])
    table = client.get(reverse("bob:reading_table")).content.decode()
    assert "Bedreiging wethouder" not in table
    login(client, world["burgemeester"])
    assert "Bedreiging wethouder" in client.get(reverse("bob:reading_table")).content.decode()


def test_marking_a_case_besloten_hides_it_and_is_audited(client, world):
    case = world["shared_case"]
    member = UserFactory(roles=[Role.KERNTEAMLID])
    url = reverse("kernteam:case_confidential", args=[case.uuid])
    # Someone who does not take part may not take the picture away from the others.
    login(client, member)
    response = client.post(url, {"besloten": "ja", "version": case.version})
    assert response.status_code == 403
    case.refresh_from_db()
    assert not case.is_confidential
    # The coördinator may; the member then no longer sees it.
    login(client, world["coordinator"])
    response = client.post(url, {"besloten": "ja", "version": case.version}, follow=True)
    assert "De casus is nu besloten." in response.content.decode()
    case.refresh_from_db()
    assert case.is_confidential
    assert AuditEvent.objects.filter(action="casus.besloten", object_id=str(case.uuid)).exists()
    assert case not in case_list_visible_for(user=member)
    # A stale form changes nothing.
    response = client.post(url, {"besloten": "nee", "version": 1}, follow=True)
    assert "Iemand anders heeft deze casus intussen gewijzigd" in response.content.decode()
    case.refresh_from_db()
    assert case.is_confidential


def test_an_invalid_choice_changes_nothing(client, world):
    case = world["case"]
    login(client, world["invited"])
    response = client.post(
        reverse("kernteam:case_confidential", args=[case.uuid]),
        {"besloten": "misschien", "version": case.version},
        follow=True,
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.is_confidential


def test_who_opens_a_besloten_case_keeps_it(client, world):
    opener = UserFactory(roles=[Role.KERNTEAMLID])
    login(client, opener)
    response = client.post(
        reverse("kernteam:case_create"),
        {
            "title": "Zorgen om een gezin",
            "areas": [world["signal"].area.pk],
            "phase": "rust",
            "is_confidential": "on",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(title="Zorgen om een gezin")
    assert case.is_confidential
    assert client.get(case.get_absolute_url()).status_code == 200
    assert case not in case_list_visible_for(user=world["outsider"])
    # Convening it invites nobody by default: the convener chooses who needs to know.
    form = client.get(reverse("kernteam:session_convene", args=[case.uuid])).context["form"]
    assert list(form.initial["members"]) == []


def test_the_admin_keeps_need_to_know(client, world):
    beheerder = UserFactory(roles=[Role.BEHEERDER], is_staff=True)
    login(client, beheerder)
    page = client.get(reverse("admin:kernteam_case_changelist")).content.decode()
    assert "Overlast plein" in page
    assert "Bedreiging wethouder" not in page


# --- preparations ---------------------------------------------------------------------


@pytest.fixture
def prepared(world):
    session = world["session"]
    colleague = AttendeeFactory(session=session).user
    preparation_save(user=world["invited"], session_uuid=session.uuid, what_happened="Mijn beeld")
    preparation_save(user=colleague, session_uuid=session.uuid, what_happened="Beeld collega")
    return session, colleague


def answers(world, session, who):
    loaded = session_get_for(user=world[who], uuid=session.uuid)
    overview = preparation_overview(session=loaded, reader=world[who])
    first_question = overview.sections[0]["questions"][0]["answers"]
    return sorted(text for _user, text in first_question), overview.hidden_count


def test_before_the_session_a_preparation_is_the_members_and_the_chairs(world, prepared):
    session, _colleague = prepared
    assert answers(world, session, "chair") == (["Beeld collega", "Mijn beeld"], 0)
    assert answers(world, session, "invited") == (["Mijn beeld"], 1)
    assert answers(world, session, "secretary") == ([], 2)
    assert answers(world, session, "coordinator") == ([], 2)


def test_once_the_session_runs_every_participant_reads_them(world, prepared):
    session, _colleague = prepared
    session.status = "bezig"
    session.save()
    for who in ("invited", "secretary", "burgemeester"):
        assert answers(world, session, who) == (["Beeld collega", "Mijn beeld"], 0), who
    # A coördinator sees the case but did not take part in this session.
    assert answers(world, session, "coordinator") == ([], 2)


def test_the_runner_shows_the_member_only_their_own_answers_before_the_session(
    client, world, prepared
):
    session, _colleague = prepared
    login(client, world["invited"])
    page = client.get(session.get_absolute_url() + "?stap=motivering").content.decode()
    assert "Mijn beeld" in page
    assert "Beeld collega" not in page
    assert "De antwoorden van 1 lid leest u zodra de bijeenkomst begint" in page


def test_the_shared_default_is_unchanged(world):
    """Without besloten every kernteam reader sees the case, as the method wants."""
    for who in ("outsider", "other_chair", "adviser", "invited"):
        assert world["shared_case"] in case_list_visible_for(user=world[who]), who
