"""The reading table (/stukken/): every stored record a reader may open, newest first;
unread marked; opening the PDF marks it read; who of the burgemeester and the voorzitter
read an adopted list; filters; the start page's "Te lezen (n)"; deny by default."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from bob.models import CaseDocument
from bob.services import decision_list_adopt, decision_record
from bob.workflow import DocumentKind
from kernteam.services import session_finish
from samos.accounts.roles import Role
from samos.documents.models import DocumentRead
from tests.factories import CaseFactory, SessionFactory, UserFactory, add_totp_device

pytestmark = pytest.mark.django_db

TABLE = reverse("bob:reading_table")


def login_as(client, user):
    device = add_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user


def adopt(case=None, chair=None):
    extra = {"chair": chair} if chair else {}
    session = SessionFactory(bezig=True, case=case or CaseFactory(), **extra)
    decision_record(user=session.chair, session_uuid=session.uuid, stage="afspraak", text="Brief")
    session_finish(user=session.chair, session_uuid=session.uuid)
    decision_list_adopt(user=session.chair, session_uuid=session.uuid, confirmed=True)
    return session


def entry_of(session, kind=DocumentKind.BESLUITENLIJST):
    return CaseDocument.objects.get(session=session, kind=kind)


def test_adoption_files_the_list_and_its_verslag_for_the_reading_table():
    session = adopt()
    entries = CaseDocument.objects.filter(session=session)
    assert sorted(entries.values_list("kind", flat=True)) == ["besluitenlijst", "verslag"]
    besluitenlijst = entry_of(session)
    assert besluitenlijst.document_id == session.decision_list.document_id
    assert besluitenlijst.case_id == session.case_id
    # The label names the session, never the case (it also reaches the start page).
    assert session.case.title not in besluitenlijst.label
    assert besluitenlijst.label.startswith("Besluitenlijst ")


def test_the_mayor_sees_it_unread_opens_it_and_then_it_is_read(client):
    session = adopt(case=CaseFactory(title="Onrust Zuiderpark"))
    mayor = login_as(client, UserFactory(roles=[Role.BURGEMEESTER], first_name="Mira"))

    page = client.get(TABLE).content.decode()
    assert "2 stukken" in page
    assert page.count("Ongelezen") >= 2
    assert "Onrust Zuiderpark" in page
    assert "U hebt dit nog niet geopend." in page

    entry = entry_of(session)
    response = client.get(reverse("bob:case_document_pdf", kwargs={"uuid": entry.uuid}))
    assert response.status_code == 200
    assert response.content == entry.document.read_bytes()
    assert response["Content-Disposition"].startswith('attachment; filename="besluitenlijst-')
    read = DocumentRead.objects.get(reader=mayor, document=entry.document)

    page = client.get(TABLE + "?read=ja").content.decode()
    assert "1 stuk" in page and "U las dit op" in page
    unread = client.get(TABLE + "?read=nee").content.decode()
    assert "1 stuk" in unread and "Verslag " in unread
    # Opening it again keeps the first moment.
    client.get(reverse("bob:case_document_pdf", kwargs={"uuid": entry.uuid}))
    assert DocumentRead.objects.get(reader=mayor, document=entry.document).read_at == read.read_at


def test_downloading_through_the_session_pages_counts_as_reading_too(client):
    session = adopt()
    mayor = login_as(client, UserFactory(roles=[Role.BURGEMEESTER]))
    client.get(reverse("bob:decision_list_pdf", kwargs={"uuid": session.uuid}))
    client.get(reverse("bob:session_minutes_pdf", kwargs={"uuid": session.uuid}))
    read_kinds = set(
        CaseDocument.objects.filter(document__reads__reader=mayor).values_list("kind", flat=True)
    )
    assert read_kinds == {"besluitenlijst", "verslag"}


def test_the_table_shows_who_of_the_mayor_and_the_voorzitter_read_an_adopted_list(client):
    chair = UserFactory(roles=[Role.VOORZITTER], first_name="Vera", last_name="Voorzitter")
    mayor = UserFactory(roles=[Role.BURGEMEESTER], first_name="Bram", last_name="Burgemeester")
    UserFactory(roles=[Role.KERNTEAMLID], first_name="Kees", last_name="Kernteam")
    session = adopt(chair=chair)
    entry = entry_of(session)
    login_as(client, mayor)
    client.get(reverse("bob:case_document_pdf", kwargs={"uuid": entry.uuid}))

    login_as(client, UserFactory(roles=[Role.COORDINATOR]))
    page = client.get(TABLE + "?kind=besluitenlijst").content.decode()
    assert "Bram Burgemeester (Burgemeester) las het op" in page
    assert "Vera Voorzitter (Voorzitter): nog niet gelezen" in page
    assert "Kees Kernteam" not in page  # only the officials are listed


def test_filters_by_case_and_kind_and_an_unknown_filter_says_so(client):
    first = adopt(case=CaseFactory(title="Casus Noord"))
    adopt(case=CaseFactory(title="Casus Zuid"))
    login_as(client, UserFactory(roles=[Role.KERNTEAMLID]))

    by_case = client.get(TABLE, {"case": str(first.case.uuid)}).content.decode()
    assert "2 stukken" in by_case and "Casus Zuid</a>" not in by_case
    by_kind = client.get(TABLE, {"kind": "verslag"}).content.decode()
    assert "2 stukken" in by_kind and "Besluitenlijst " not in by_kind

    response = client.get(TABLE, {"case": "00000000-0000-0000-0000-000000000000"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit filter bestaat niet (meer); alle stukken." in page
    assert "4 stukken" in page


def test_empty_table_explains_where_stukken_come_from(client):
    login_as(client, UserFactory(roles=[Role.BURGEMEESTER]))
    page = client.get(TABLE).content.decode()
    assert "Er zijn nog geen stukken." in page


@pytest.mark.parametrize("role", [Role.SIGNALEERDER, Role.COMMUNICATIE, Role.BEHEERDER])
def test_roles_outside_the_table_get_neither_the_list_nor_a_document(client, role):
    session = adopt()
    login_as(client, UserFactory(roles=[role]))
    assert client.get(TABLE).status_code == 403
    url = reverse("bob:case_document_pdf", kwargs={"uuid": entry_of(session).uuid})
    assert client.get(url).status_code == 403
    assert not DocumentRead.objects.exists()


def test_an_unknown_document_is_not_found(client):
    login_as(client, UserFactory(roles=[Role.BURGEMEESTER]))
    url = reverse("bob:case_document_pdf", kwargs={"uuid": "00000000-0000-0000-0000-000000000000"})
    assert client.get(url).status_code == 404


def test_the_start_page_says_how_much_there_is_to_read(client):
    session = adopt()
    mayor = login_as(client, UserFactory(roles=[Role.BURGEMEESTER]))
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Te lezen (2)" in page
    assert reverse("bob:case_document_pdf", kwargs={"uuid": entry_of(session).uuid}) in page

    for entry in CaseDocument.objects.all():
        DocumentRead.objects.create(reader=mayor, document=entry.document)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Te lezen (0)" in page and "U hebt alle stukken gelezen." in page


def test_a_signaleerder_has_no_reading_panel(client):
    adopt()
    login_as(client, UserFactory(roles=[Role.SIGNALEERDER]))
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Te lezen" not in page


def _table_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(TABLE).status_code == 200
    return len(queries)


def test_the_table_costs_the_same_queries_for_few_and_many_documents(client):
    chair = UserFactory(roles=[Role.VOORZITTER])
    UserFactory(roles=[Role.BURGEMEESTER])
    adopt(chair=chair)
    login_as(client, UserFactory(roles=[Role.BURGEMEESTER]))
    few = _table_queries(client)
    for _ in range(14):  # 30 documents: more than one page
        adopt(chair=chair)
    many = _table_queries(client)
    assert few == many
