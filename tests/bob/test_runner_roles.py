"""Every URL of the session runner × roles: who may read, who may post, and that a
refused post changes nothing. Walks bob.urls_sessions, so new runner URLs are covered."""

import pytest
from django.urls import reverse

from bob.models import Decision, StepRecord
from bob.services import decision_record
from bob.urls_sessions import session_patterns
from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

READ_ONLY = {  # GET pages
    "session_run",
    "decision_list",
    "decision_list_pdf",
    "session_minutes",
    "session_minutes_pdf",
}
# GET fragments of an exercise session (the injects the runner polls); a real case has
# none: 404 (tests/bob/test_runner_injects.py reads them in an exercise).
EXERCISE_READS = {"session_injects"}
GETS = READ_ONLY | EXERCISE_READS
# Posts that are not made by the session's runner but by someone answering.
ANSWERS = {"information_request_answer"}


def _url(name, session, decision):
    kwargs = {"uuid": session.uuid}
    pattern = next(p for p in session_patterns if p.name == name)
    route = str(pattern.pattern)
    if "<slug:step>" in route:
        kwargs["step"] = "motivering"
    if "<uuid:decision>" in route:
        kwargs["decision"] = decision.uuid
    if "<uuid:scenario>" in route:
        kwargs["scenario"] = decision.uuid  # any uuid: the role is refused before the lookup
    return reverse(f"bob:{name}", kwargs=kwargs)


@pytest.fixture
def running():
    session = SessionFactory(bezig=True)
    decision = decision_record(
        user=session.chair, session_uuid=session.uuid, stage="afspraak", text="Eerste afspraak"
    )
    return session, decision


def post_names():
    return [p.name for p in session_patterns if p.name not in GETS | ANSWERS]


def test_the_walk_sees_the_runner_urls():
    assert {"session_step", "decision_create", "session_finish"} <= set(post_names())


@pytest.mark.parametrize("name", post_names())
@pytest.mark.parametrize("role", [Role.KERNTEAMLID, Role.COORDINATOR])
def test_who_does_not_run_the_session_cannot_post_to_it(
    client, verified_login, running, name, role
):
    session, decision = running
    verified_login(client, role)
    response = client.post(_url(name, session, decision), {"stap": "motivering", "version": 0})
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.status == "bezig"
    assert not StepRecord.objects.exists()
    assert list(Decision.objects.values_list("text", flat=True)) == ["Eerste afspraak"]
    assert AuditEvent.objects.filter(action="toegang.geweigerd").exists()


@pytest.mark.parametrize("name", sorted(GETS | set(post_names())))
@pytest.mark.parametrize("role", [Role.COMMUNICATIE, Role.SIGNALEERDER, Role.BEHEERDER])
def test_roles_without_sessions_are_refused_everywhere(client, verified_login, running, name, role):
    session, decision = running
    verified_login(client, role)
    url = _url(name, session, decision)
    response = client.get(url) if name in GETS else client.post(url, {})
    assert response.status_code == 403


@pytest.mark.parametrize("name", sorted(READ_ONLY))
@pytest.mark.parametrize(
    "role", [Role.KERNTEAMLID, Role.COORDINATOR, Role.VOORZITTER, Role.BURGEMEESTER]
)
def test_the_kernteam_and_the_mayor_read_sessions(client, verified_login, running, name, role):
    session, decision = running
    verified_login(client, role)
    assert client.get(_url(name, session, decision)).status_code == 200
    for fragment in EXERCISE_READS:  # nothing of an exercise in a real case
        assert client.get(_url(fragment, session, decision)).status_code == 404


def test_an_unknown_session_is_404_on_every_runner_url(client, verified_login, running):
    session, decision = running
    verified_login(client, Role.VOORZITTER)
    session.uuid = "00000000-0000-4000-8000-000000000000"
    for name in sorted(GETS | set(post_names())):
        url = _url(name, session, decision)
        response = client.get(url) if name in GETS else client.post(url, {})
        assert response.status_code == 404, name
