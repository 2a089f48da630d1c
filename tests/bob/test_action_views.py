"""Action pages: the role matrix of every view, SMART refusals on the form, progress with
`next`, query counts of /acties/, and the partials the session runner includes."""

import datetime
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bob.forms.actions import ActionForm
from bob.models import Action, ActionUpdate
from bob.selectors import action_list_open_for_case
from bob.workflow import ACTION_TRANSITIONS, OPEN_ACTION_STATUSES, ActionStatus, EffectJudgement
from samos.accounts.roles import Role
from tests.factories import ActionFactory, CaseFactory, SessionFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("bob:action_list")
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
ALL_ROLES = list(Role)
ACTION_ROLE_SET = {Role.COORDINATOR, Role.KERNTEAMLID, Role.VOORZITTER}


def detail(action):
    return reverse("bob:action_detail", args=[action.uuid])


def edit(action):
    return reverse("bob:action_edit", args=[action.uuid])


def progress(action):
    return reverse("bob:action_progress", args=[action.uuid])


def session_create(session):
    return reverse("bob:session_action_create", args=[session.uuid])


def case_create(case):
    return reverse("bob:case_action_create", args=[case.uuid])


def form_data(person, **overrides):
    data = {
        "title": "Buurtgesprek organiseren",
        "intended_result": "Bewoners weten waar ze terecht kunnen.",
        "due_date": (TODAY() + 7 * DAY).isoformat(),
        "executor": str(person.pk),
        "third_party": "",
        "arranged_by": "",
        "coordinator": str(person.pk),
        "report_back_on": "",
        "activity": "Huis-aan-huis uitnodigen",
        "alternatives": "",
        "target_group": "Bewoners Dorpsstraat",
    }
    data.update(overrides)
    return data


def page(response) -> str:
    return response.content.decode()


# --- role matrix --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_matrix_of_the_list_detail_and_create_pages(client, verified_login, role):
    action = ActionFactory()
    verified_login(client, role)
    at_the_table = role in ACTION_ROLE_SET | {Role.BURGEMEESTER}
    assert client.get(LIST).status_code == (200 if at_the_table else 403)
    assert client.get(detail(action)).status_code == (200 if at_the_table else 403)
    # Agreeing an action on a case page is case work: the kernteam, not the mayor.
    in_team = role in ACTION_ROLE_SET
    assert client.get(case_create(action.case)).status_code == (200 if in_team else 403)
    # Editing and progress: only for who is involved (or a coördinator); others get 403.
    expected_edit = 200 if role == Role.COORDINATOR else 403
    assert client.get(edit(action)).status_code == expected_edit
    response = client.post(progress(action), {"note": "x", "version": 1})
    assert response.status_code == (302 if role == Role.COORDINATOR else 403)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_role_matrix_of_the_session_create_page(client, verified_login, role):
    session = SessionFactory(bezig=True)
    verified_login(client, role)
    # Only the chair, the secretary, a voorzitter or the mayor runs the session; the
    # other roles of the table read it (403), the rest may not even do that (403).
    expected = 200 if role in (Role.VOORZITTER, Role.BURGEMEESTER) else 403
    assert client.get(session_create(session)).status_code == expected


def test_unknown_uuids_are_404(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    missing = "0b6c1a9e-4f1e-4a53-9d59-2f1a8b6c1d00"
    for name in ("action_detail", "action_edit", "session_action_create", "case_action_create"):
        assert client.get(reverse(f"bob:{name}", args=[missing])).status_code == 404
    assert client.post(reverse("bob:action_progress", args=[missing]), {}).status_code == 404


def test_progress_is_post_only(client, verified_login):
    action = ActionFactory()
    verified_login(client, Role.COORDINATOR)
    assert client.get(progress(action)).status_code == 405


def test_a_kernteam_member_sees_only_their_own_actions_and_cannot_change_others(
    client, verified_login
):
    me = verified_login(client, Role.KERNTEAMLID)
    mine = ActionFactory(executor=me, title="Mijn eigen actie")
    arranged = ActionFactory(
        executor=None, third_party="Jongerenwerk", arranged_by=me, title="Via het jongerenwerk"
    )
    other = ActionFactory(title="Actie van een ander")
    listing = page(client.get(LIST))
    assert "Mijn eigen actie" in listing
    assert "Via het jongerenwerk" in listing
    assert "Actie van een ander" not in listing
    assert "Alle open acties" not in listing
    # All kernteam roles read all cases, so the action itself can be read, not changed.
    other_page = page(client.get(detail(other)))
    assert "Actie van een ander" in other_page
    assert "Voortgang melden" not in other_page
    assert reverse("bob:action_edit", args=[other.uuid]) not in other_page
    assert client.get(edit(other)).status_code == 403
    assert client.post(progress(other), {"note": "x", "version": 1}).status_code == 403
    assert "Voortgang melden" in page(client.get(detail(mine)))
    assert "Voortgang melden" in page(client.get(detail(arranged)))


def test_the_overview_shows_all_open_actions_overdue_first_marked_in_text(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    ActionFactory(title="Later", due_date=TODAY() + 5 * DAY)
    ActionFactory(title="Te laat gebleven", due_date=TODAY() - 2 * DAY)
    ActionFactory(title="Al gedaan", status="uitgevoerd", due_date=TODAY() - 9 * DAY)
    listing = page(client.get(LIST))
    section = listing.split("Alle open acties", 1)[1]
    assert section.index("Te laat gebleven") < section.index("Later")
    assert "Al gedaan" not in section
    row = section.split("Te laat gebleven", 1)[1].split("</tr>", 1)[0]
    assert "te laat" in row
    assert "te laat" not in section.split("Later", 1)[1].split("</tr>", 1)[0]


def test_helpful_empty_states(client, verified_login):
    verified_login(client, Role.VOORZITTER)
    listing = page(client.get(LIST))
    assert "U hebt geen open acties." in listing
    assert "Er staan geen open acties." in listing


def test_the_navigation_offers_acties_to_the_kernteam_only(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    assert f'href="{LIST}"' in page(client.get(LIST))
    client.logout()
    verified_login(client, Role.SIGNALEERDER)
    assert f'href="{LIST}"' not in page(client.get(reverse("core:dashboard")))


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.KERNTEAMLID])
def test_the_list_costs_the_same_queries_for_2_and_12_actions(
    client, verified_login, django_assert_num_queries, role
):
    me = verified_login(client, role)

    def add(count):
        for index in range(count):
            ActionFactory(
                coordinator=me if index % 2 else UserFactory(roles=[Role.COORDINATOR]),
                executor=None if index % 3 == 0 else UserFactory(roles=[Role.KERNTEAMLID]),
                third_party="Woningcorporatie" if index % 3 == 0 else "",
                arranged_by=me if index % 3 == 0 else None,
                case=CaseFactory(oefening=index % 4 == 0),
                due_date=TODAY() + (index - 3) * DAY,
                status="uitgevoerd" if index % 5 == 4 else "open",
            )

    add(2)
    with CaptureQueriesContext(connection) as two:
        assert client.get(LIST).status_code == 200
    add(10)
    with django_assert_num_queries(len(two.captured_queries)):
        response = client.get(LIST)
    assert response.status_code == 200
    assert len(re.findall(r"<tr>", page(response))) > 4


# --- the detail page and progress ---------------------------------------------------------


def test_the_detail_page_shows_every_smart_field(client, verified_login):
    me = verified_login(client, Role.KERNTEAMLID)
    session = SessionFactory()
    action = ActionFactory(
        case=session.case,
        session=session,
        coordinator=me,
        executor=None,
        third_party="Welzijn Voorbeeldrade",
        arranged_by=me,
        activity="Twee avonden in het buurthuis",
        alternatives="Een enquête",
        target_group="Jongeren rond het plein",
        report_back_on=TODAY() + 3 * DAY,
    )
    html = page(client.get(detail(action)))
    for text in (
        action.title,
        action.intended_result,
        "Twee avonden in het buurthuis",
        "Een enquête",
        "Jongeren rond het plein",
        "Welzijn Voorbeeldrade",
        str(me),
        action.due_date.strftime("%d-%m-%Y"),
        action.report_back_on.strftime("%d-%m-%Y"),
        "Open",
        "Nog geen voortgang vastgelegd.",
        "Heeft de derde partij de actie uitgevoerd?",
        'for="voortgang_note"',
    ):
        assert text in html, text


def test_reporting_progress_through_the_form(client, verified_login):
    me = verified_login(client, Role.KERNTEAMLID)
    action = ActionFactory(executor=me)
    response = client.post(
        progress(action),
        {"note": "Eerste gesprek gevoerd.", "to_status": "in_uitvoering", "version": 1},
    )
    assert response.status_code == 302
    assert response["Location"] == detail(action)
    action.refresh_from_db()
    assert action.status == "in_uitvoering"
    html = page(client.get(detail(action)))
    assert "Eerste gesprek gevoerd." in html
    assert "Open → In uitvoering" in html


def test_a_refused_progress_report_keeps_the_text_and_names_both_statuses(client, verified_login):
    me = verified_login(client, Role.KERNTEAMLID)
    action = ActionFactory(executor=me, status="in_uitvoering")
    response = client.post(
        progress(action),
        {"note": "Mijn getypte tekst", "to_status": "open", "version": 1},
    )
    assert response.status_code == 200
    html = page(response)
    assert "Een actie met status “In uitvoering” kan niet naar “Open”." in html
    assert "Mijn getypte tekst" in html
    assert not ActionUpdate.objects.exists()

    response = client.post(
        progress(action),
        {"note": "Klaar, denk ik", "to_status": "uitgevoerd", "version": 1},
    )
    assert response.status_code == 200
    assert "Beschrijf het beoordeelde resultaat" in page(response)
    assert "Klaar, denk ik" in page(response)
    response = client.post(progress(action), {"note": "", "to_status": "vervallen", "version": 1})
    assert "Schrijf op waarom de actie vervalt." in page(response)
    action.refresh_from_db()
    assert action.status == "in_uitvoering"


def test_a_stale_progress_report_says_so(client, verified_login):
    me = verified_login(client, Role.KERNTEAMLID)
    action = ActionFactory(executor=me, version=3)
    response = client.post(progress(action), {"note": "Mijn stand", "version": 2})
    assert response.status_code == 200
    assert "Iemand anders heeft deze actie intussen gewijzigd" in page(response)
    assert "Mijn stand" in page(response)
    assert not ActionUpdate.objects.exists()


def test_progress_from_a_session_returns_to_a_safe_next_only(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair)
    action = ActionFactory(case=session.case)
    back = f"{session.get_absolute_url()}?stap=acties"
    response = client.post(
        progress(action),
        {"note": "Besproken", "version": 1, "sessie": str(session.uuid), "next": back},
    )
    assert response["Location"] == back
    assert ActionUpdate.objects.get().session == session
    for unsafe in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        action.refresh_from_db()
        response = client.post(
            progress(action),
            {
                "note": "Nog eens",
                "version": action.version,
                "sessie": str(session.uuid),
                "next": unsafe,
            },
        )
        assert response.status_code == 302
        assert response["Location"] == detail(action)


def test_a_done_action_shows_no_form_and_refuses_progress(client, verified_login):
    me = verified_login(client, Role.COORDINATOR)
    action = ActionFactory(coordinator=me, status="uitgevoerd", judged_result="Rust")
    html = page(client.get(detail(action)))
    assert "Voortgang melden" not in html
    assert "verandert niet meer" in html
    response = client.post(progress(action), {"note": "x", "version": 1}, follow=True)
    assert "verandert niet meer" in page(response)
    assert not ActionUpdate.objects.exists()
    response = client.get(edit(action), follow=True)
    assert "verandert niet meer" in page(response)


# --- agreeing and editing through the forms -----------------------------------------------

SMART_REFUSALS = [
    ({"due_date": ""}, "Vul in wanneer het resultaat bereikt moet zijn."),
    ({"due_date": "yesterday"}, "Deze datum ligt in het verleden"),
    ({"due_date": "31-02-2026"}, "Vul een geldige datum in"),
    ({"executor": ""}, "Wie voert de actie uit?"),
    ({"executor": "", "third_party": "Jongerenwerk"}, "Kies het kernteamlid dat de actie"),
    ({"intended_result": ""}, "Beschrijf welk resultaat de actie moet opleveren."),
    ({"title": ""}, "Beschrijf wat er moet worden aangepakt."),
    ({"coordinator": ""}, "Kies wie de actie vanuit het kernteam coördineert."),
    ({"report_back_on": "yesterday"}, "De terugkoppeldatum ligt in het verleden"),
]


def _resolve(overrides):
    yesterday = (TODAY() - DAY).isoformat()
    return {key: yesterday if value == "yesterday" else value for key, value in overrides.items()}


@pytest.mark.parametrize(("overrides", "expected"), SMART_REFUSALS)
def test_smart_refusals_on_the_session_form(client, verified_login, overrides, expected):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair)
    data = form_data(chair, activity="Mijn getypte activiteit", **_resolve(overrides))
    response = client.post(session_create(session), data)
    assert response.status_code == 200
    html = page(response)
    assert expected in html
    assert "Mijn getypte activiteit" in html
    assert "is-invalid" in html
    assert Action.objects.count() == 0


@pytest.mark.parametrize(("overrides", "expected"), SMART_REFUSALS[:5])
def test_smart_refusals_on_the_case_form(client, verified_login, overrides, expected):
    me = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    response = client.post(case_create(case), form_data(me, **_resolve(overrides)))
    assert response.status_code == 200
    assert expected in page(response)
    assert "Buurtgesprek organiseren" in page(response)
    assert Action.objects.count() == 0


def test_agreeing_an_action_in_a_session(client, verified_login):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair)
    form = page(client.get(session_create(session)))
    assert "<fieldset" in form and "<legend>" in form
    # The coordinator defaults to the current user.
    assert re.search(rf'<option value="{chair.pk}" selected>', form)
    response = client.post(session_create(session), form_data(chair))
    action = Action.objects.get()
    assert response["Location"] == session.get_absolute_url()
    assert action.session == session
    assert action.coordinator == chair
    back = f"{session.get_absolute_url()}?stap=acties"
    response = client.post(session_create(session), {**form_data(chair), "next": back})
    assert response["Location"] == back
    response = client.post(
        session_create(session), {**form_data(chair), "next": "https://evil.example/"}
    )
    assert response["Location"] == session.get_absolute_url()


def test_agreeing_an_action_on_a_case(client, verified_login):
    me = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory()
    response = client.post(case_create(case), form_data(me))
    action = Action.objects.get()
    assert response["Location"] == detail(action)
    assert action.session is None


def test_a_closed_case_offers_no_form(client, verified_login):
    verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory(gesloten=True)
    response = client.get(case_create(case), follow=True)
    assert "Deze casus is gesloten" in page(response)
    client.post(case_create(case), form_data(UserFactory(roles=[Role.COORDINATOR])))
    assert Action.objects.count() == 0


def test_the_choices_are_active_kernteam_members(client, verified_login):
    me = verified_login(client, Role.KERNTEAMLID)
    outsider = UserFactory(roles=[Role.SIGNALEERDER], last_name="Buitenstaander")
    gone = UserFactory(roles=[Role.KERNTEAMLID], last_name="Vertrokken", is_active=False)
    html = page(client.get(case_create(CaseFactory())))
    assert str(me) in html
    assert "Buitenstaander" not in html
    assert "Vertrokken" not in html
    response = client.post(case_create(CaseFactory()), form_data(me, coordinator=str(outsider.pk)))
    assert "Kies iemand die (actief) lid is van het kernteam." in page(response)
    assert gone  # kept out of the lists above


def test_editing_an_action_and_the_stale_message(client, verified_login):
    me = verified_login(client, Role.KERNTEAMLID)
    action = ActionFactory(executor=me)
    form = page(client.get(edit(action)))
    assert action.title in form
    data = form_data(action.coordinator, executor=str(me.pk), title="Nieuwe titel", version=1)
    response = client.post(edit(action), data)
    assert response["Location"] == detail(action)
    action.refresh_from_db()
    assert (action.title, action.version) == ("Nieuwe titel", 2)
    # A second tab still holds version 1.
    response = client.post(edit(action), {**data, "title": "Uit het oude tabblad"})
    assert response.status_code == 200
    assert "Iemand anders heeft deze actie intussen gewijzigd" in page(response)
    assert "Uit het oude tabblad" in page(response)
    action.refresh_from_db()
    assert action.title == "Nieuwe titel"


def test_an_edit_refusal_keeps_the_typed_text(client, verified_login):
    me = verified_login(client, Role.KERNTEAMLID)
    action = ActionFactory(executor=me)
    data = form_data(action.coordinator, executor="", title="Getypt maar fout", version=1)
    response = client.post(edit(action), data)
    assert response.status_code == 200
    assert "Wie voert de actie uit?" in page(response)
    assert "Getypt maar fout" in page(response)
    action.refresh_from_db()
    assert action.version == 1


# --- the partials of the session runner ---------------------------------------------------


def _options(html: str, name: str) -> list[str]:
    select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"', select)


@pytest.mark.parametrize("status", sorted(OPEN_ACTION_STATUSES))
def test_the_review_partial_offers_exactly_the_allowed_moves(rf, status):
    session = SessionFactory(bezig=True)
    ActionFactory(case=session.case, status=status, third_party="GGD")
    (action,) = action_list_open_for_case(case=session.case)
    request = rf.get("/")
    html = render_to_string(
        "bob/partials/_action_review.html",
        {"action": action, "session": session, "next": "/terug/"},
        request=request,
    )
    assert _options(html, "to_status")[1:] == [
        value for value in ActionStatus.values if value in ACTION_TRANSITIONS[status]
    ]
    assert _options(html, "result_visible")[1:] == list(EffectJudgement.values)
    assert f'action="{progress(action)}"' in html
    assert f'name="sessie" value="{session.uuid}"' in html
    assert 'name="next" value="/terug/"' in html
    assert "Nog geen voortgang vastgelegd." in html
    assert "third_party_done" in html
    # Every visible control has a label.
    for control_id in re.findall(r'<(?:textarea|select|input)[^>]* id="([^"]+)"', html):
        assert f'for="{control_id}"' in html, control_id


def test_the_review_partial_shows_the_last_update_and_posts_back(client, verified_login, rf):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair, kind="vervolg")
    action = ActionFactory(case=session.case)
    for version, note in ((1, "Eerste stap"), (2, "Tweede stap")):
        response = client.post(
            progress(action), {"note": note, "version": version, "sessie": str(session.uuid)}
        )
        assert response.status_code == 302
    (loaded,) = action_list_open_for_case(case=session.case)
    html = render_to_string(
        "bob/partials/_action_review.html",
        {"action": loaded, "session": session, "next": session.get_absolute_url()},
        request=rf.get("/"),
    )
    assert "Tweede stap" in html
    assert "Eerste stap" not in html
    response = client.post(
        progress(action),
        {
            "note": "Besproken in de vervolgbijeenkomst",
            "to_status": "uitgevoerd",
            "judged_result": "Rust teruggekeerd",
            "result_visible": "zichtbaar",
            "third_party_done": "",
            "version": 3,
            "sessie": str(session.uuid),
            "next": session.get_absolute_url(),
        },
    )
    assert response["Location"] == session.get_absolute_url()
    action.refresh_from_db()
    assert (action.status, action.judgement) == ("uitgevoerd", "zichtbaar")


def test_the_form_and_table_partials(rf):
    chair = UserFactory(roles=[Role.VOORZITTER])
    session = SessionFactory(bezig=True, chair=chair)
    request = rf.get("/")
    request.user = chair
    html = render_to_string(
        "bob/partials/_action_form.html",
        {"action_form": ActionForm(user=chair, session=session), "session": session, "next": "/x/"},
        request=request,
    )
    assert f'action="{session_create(session)}"' in html
    assert 'name="next" value="/x/"' in html
    assert "csrfmiddlewaretoken" in html
    assert "<legend>" in html

    late = ActionFactory(case=session.case, due_date=TODAY() - DAY, title="Late actie")
    ActionFactory(case=session.case, executor=None, third_party="GGD", arranged_by=chair)
    table = render_to_string(
        "bob/partials/_action_table.html", {"actions": action_list_open_for_case(case=session.case)}
    )
    for header in ("Actie", "Uitgevoerd door", "Coördinatie", "Gereed op", "Status"):
        assert f'<th scope="col">{header}</th>' in table
    assert "Late actie" in table and "te laat" in table
    assert "GGD" in table and f"geregeld door {chair}" in table
    assert str(late.coordinator) in table
    empty = render_to_string("bob/partials/_action_table.html", {"actions": []})
    assert "Er zijn geen acties." in empty


def test_a_mayor_who_chairs_the_session_adds_and_reviews_actions_there(client, verified_login):
    mayor = verified_login(client, Role.BURGEMEESTER)
    session = SessionFactory(bezig=True, chair=mayor)
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    assert client.get(session_create(session)).status_code == 200
    response = client.post(session_create(session), form_data(coordinator))
    assert response["Location"] == session.get_absolute_url()
    action = Action.objects.get()
    back = session.get_absolute_url()
    data = {"note": "Besproken", "version": 1, "sessie": str(session.uuid), "next": back}
    assert client.post(progress(action), data)["Location"] == back
    # A refusal shows the action with the form and the typed text, without the edit link.
    response = client.post(progress(action), {**data, "note": "", "version": 2, "to_status": "x"})
    assert response.status_code == 200
    assert "Kies een status uit de lijst." in page(response)
    assert edit(action) not in page(response)
    # Outside the session she reads the action (she sits at the table), but reports
    # progress only on actions she carries, arranges or coordinates.
    assert client.get(detail(action)).status_code == 200
    assert client.post(progress(action), {"note": "x", "version": 2}).status_code == 403


def test_a_refused_review_in_the_runner_keeps_the_chair_there_with_what_she_typed(
    client, verified_login
):
    chair = verified_login(client, Role.VOORZITTER)
    session = SessionFactory(bezig=True, chair=chair, kind="vervolg")
    action = ActionFactory(case=session.case, title="Buurtgesprek voeren")
    signal = SignalFactory(observation="Bewoners zijn positief over het gesprek.")
    session.case.signals.add(signal, through_defaults={"linked_by": chair})
    runner = reverse("bob:session_run", kwargs={"uuid": session.uuid})
    step = "acties"
    page_html = client.get(f"{runner}?stap={step}").content.decode()
    assert f'value="{signal.uuid}"' in page_html  # the case's signals can be cited
    data = {
        "note": "Gesprek gehouden met twintig bewoners",
        "to_status": "uitgevoerd",
        "judged_result": "",  # required when "uitgevoerd": refused
        "version": 1,
        "sessie": str(session.uuid),
        "next": f"{runner}?stap={step}",
        "stap": step,
        "signals": [str(signal.uuid)],
    }
    response = client.post(progress(action), data)
    assert response.status_code == 200
    html = page(response)
    assert "Open acties beoordelen" in html  # still the runner, not the action page
    assert 'id="foutmelding"' in html and f'href="#review-{action.uuid}-resultaat"' in html
    assert "Gesprek gehouden met twintig bewoners</textarea>" in html
    assert re.search(r'value="uitgevoerd"\s+selected', html)
    assert re.search(rf'value="{signal.uuid}"[^>]*checked', html)
    assert not ActionUpdate.objects.exists()
    # Completed, the result cites the signal it rests on.
    response = client.post(progress(action), {**data, "judged_result": "Rust in de buurt"})
    assert response.status_code == 302
    update = ActionUpdate.objects.get()
    assert list(update.signals.all()) == [signal]
