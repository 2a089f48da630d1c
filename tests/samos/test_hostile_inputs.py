"""Inputs that cannot break a page: random and hostile values, posted to every form and
sent to every GET filter the URL walk finds, never give a 5xx and never leave a partial
write behind; dates outside SENSIBLE_YEARS give a field error; malformed ids in query
strings are skipped with a message; admin pages of objects that do not exist are 404.

The walk discovers the URLs from the resolver (as test_deny_by_default does) and the
forms from the pages themselves (stdlib html.parser), so a later page is covered without
touching this file.
"""

import datetime
import re
import uuid
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admindocs.views import extract_views_from_urlpatterns, simplify_regex
from django.urls import Resolver404, get_resolver, resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bob.services import (
    case_information_request_create,
    decision_record,
    information_request_create,
)
from bob.workflow import Stage
from crisis.services import handover_record
from kernteam.models import CaseSignal
from samos.accounts.roles import Role
from samos.core.admin_mixins import MissingObject404Mixin
from samos.core.forms import SensibleDateField, SensibleDateTimeField
from signals import services as signal_services
from tests.factories import (
    ActionFactory,
    AreaFactory,
    AttendeeFactory,
    CaseFactory,
    KernteamMemberFactory,
    MessageFactory,
    SessionFactory,
    SignalFactory,
    SourceKindFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OWN_MODULE_PREFIXES = ("samos.", "signals.", "kernteam.", "bob.", "communicatie.", "crisis.")
# Not walked: leaving, switching language and the two-factor library's own pages end or
# change the visit itself; PDF renderings take seconds each and read no form input.
SKIPPED_URL_NAMES = {"accounts:logout", "set_language"}
SKIPPED_ACTION_PREFIXES = ("/uitloggen/", "/i18n/", "/tweestaps/", "/inloggen/")
SKIPPED_SUFFIXES = (".pdf",)

# What a form may leave behind without being a partial save: the audit trail records
# refusals too, logins and sessions are the visit's own.
UNCOUNTED_APPS = {"audit", "sessions", "axes", "otp_totp", "otp_static", "admin", "contenttypes"}

HOSTILE = [
    "",
    " ",
    "0001-01-01",
    "9999-12-31",
    "01-01-0001",
    "31-12-9999",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "31-12-9999 23:59",
    "0000-00-00",
    "2026-02-30",
    "24:61",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "../../etc/passwd",
    "' OR 1=1 --",
    "not-a-uuid",
    "00000000-0000-0000-0000-000000000000",
    "0,not-a-uuid,,",
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999",
    "1e308",
    "NaN",
    "\x00",
    "a\x00b\x01\x1f\x7f",
    "\u202e\ufeff",
    "x" * 100_000,
]
# Sent in every field of a form at once, before the random examples: the values that
# broke pages before (year 9999 in date arithmetic, an id beyond SQLite's integers, a bare
# word as `next`), so a rerun never depends on the random draw to find them again.
BATTERY = [
    "9999-12-31",
    "0001-01-01T00:00",
    "99999999999999999999",
    "-1",
    "not-a-uuid",
    "a\x00b",
    "<script>alert(1)</script>",
    "x" * 20_000,
]
# Query names that views read themselves (outside a form), tried on every GET page.
GENERIC_GET_NAMES = ["na", "voor", "stap", "signalen", "aandachtsverzoek", "next", "lessen", "q"]
# Names tried on POST-only URLs whose fields no page showed.
GENERIC_POST_NAMES = ["version", "next", "sessie", "signals", "stap", "reason", "status", "verder"]


def hostile_value(choices=(), default=None):
    options = [
        st.sampled_from(HOSTILE),
        st.text(max_size=40),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.uuids().map(str),
    ]
    if choices:
        options.append(st.sampled_from(list(choices)))
    if default is not None:
        options.append(st.just(default))
    return st.one_of(*options)


# --- reading forms from a page ----------------------------------------------------------


class FormParser(HTMLParser):
    """The forms of a page: method, action and, per field name, its default value(s), its
    options and whether it takes several values."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.links = []
        self._form = None
        self._select = None
        self._textarea = None

    def _field(self, name):
        return self._form["fields"].setdefault(
            name, {"defaults": [], "choices": [], "multiple": False}
        )

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            self._select["choices"].append(value)
            if "selected" in attrs:
                self._select["defaults"].append(value)
            return
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            return
        if tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "fields": {},
            }
            self.forms.append(self._form)
            return
        if self._form is None or not attrs.get("name"):
            return
        name = attrs["name"]
        if name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind == "file":
                return
            field = self._field(name)
            value = attrs.get("value") or ("on" if kind in ("checkbox", "radio") else "")
            if kind in ("checkbox", "radio"):
                field["choices"].append(value)
                field["multiple"] |= kind == "checkbox"
                if "checked" in attrs:
                    field["defaults"].append(value)
            else:
                field["defaults"].append(value)
        elif tag == "button":
            field = self._field(name)
            field["choices"].append(attrs.get("value") or "")
        elif tag == "select":
            self._select = self._field(name)
            self._select["multiple"] |= "multiple" in attrs
        elif tag == "textarea":
            self._textarea = self._field(name)
            self._textarea["defaults"].append("")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["defaults"][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            if self._select is not None and not self._select["defaults"]:
                self._select["defaults"] = self._select["choices"][:1]
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_forms(html: str):
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def page_links(html: str):
    parser = FormParser()
    parser.feed(html)
    return parser.links


MULTIPLE_FIELDS = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)


def view_form_fields(view) -> dict:
    """For a POST-only URL: the field names of its view's form class, if it declares one."""
    form_class = getattr(getattr(view, "view_class", None), "form_class", None)
    if form_class is None:
        return {}
    return {
        name: {
            "defaults": [],
            "choices": [],
            "multiple": isinstance(field, MULTIPLE_FIELDS),
        }
        for name, field in form_class.base_fields.items()
    }


def form_strategy(fields: dict, extra_names=()):
    """Each field keeps its default, takes one of its choices or a hostile value."""
    strategies = {}
    for name, field in fields.items():
        default = field["defaults"][0] if field["defaults"] else None
        value = hostile_value(field["choices"], default)
        if field["multiple"]:
            strategies[name] = st.lists(value, max_size=3)
        elif not field["defaults"] and field["choices"]:
            # A button or an unticked box: sent or not.
            strategies[name] = st.one_of(st.none(), value)
        else:
            strategies[name] = value
    for name in extra_names:
        strategies.setdefault(name, st.one_of(st.none(), hostile_value()))
    return st.fixed_dictionaries(strategies).map(
        lambda data: {key: value for key, value in data.items() if value is not None}
    )


# --- the world ----------------------------------------------------------------------


def build_world():
    """A small world in which the pages have something to show and their forms something
    to act on, and a user (coördinator, voorzitter and kernteamlid) who reaches them."""
    user = UserFactory(roles=[Role.COORDINATOR, Role.VOORZITTER, Role.KERNTEAMLID])
    KernteamMemberFactory(user=user, is_chair=True)
    KernteamMemberFactory(is_secretary=True)
    area = AreaFactory()
    ThemeFactory()
    SourceKindFactory()
    signal = SignalFactory(area=area)
    SignalFactory(area=area, vertrouwelijk=True)
    case = CaseFactory(opened_by=user, areas=[area])
    CaseSignal.objects.create(case=case, signal=signal, linked_by=user)
    session = SessionFactory(case=case, bezig=True, chair=user)
    AttendeeFactory(session=session, user=user)
    planned = SessionFactory(case=case, chair=user)
    AttendeeFactory(session=planned, user=user)
    decision = decision_record(
        user=user,
        session_uuid=session.uuid,
        stage=Stage.BESLUITVORMING,
        text="Bewonersavond organiseren",
    )
    information = information_request_create(
        user=user,
        session_uuid=session.uuid,
        question="Hoeveel meldingen kwamen er bij de politie?",
        source="Wijkagent",
        requested_by=user,
        deadline=timezone.now() + datetime.timedelta(days=3),
    )
    # One set out on the case page too: the case page then carries its answer form.
    case_information_request_create(
        user=user,
        case_uuid=case.uuid,
        question="Wat weet de school van de avond?",
        source="Directeur",
        requested_by=user,
        deadline=timezone.now() + datetime.timedelta(days=2),
    )
    action = ActionFactory(case=case, coordinator=user, created_by=user)
    attention = signal_services.attention_request_create(
        user=user,
        title="Let op rond de sporthal",
        until=timezone.localdate() + datetime.timedelta(days=10),
        areas=[area],
    )
    message = MessageFactory(case=case, created_by=user)
    handover = handover_record(
        user=user,
        case_uuid=case.uuid,
        recipient="ggd_psh",
        handed_over_at=timezone.now(),
        scope="Psychosociale opvang",
        contact_name="GGD",
    )
    return {
        "user": user,
        "handover": handover,
        "message": message,
        "signal": signal,
        "case": case,
        "session": session,
        "decision": decision,
        "information": information,
        "action": action,
        "attention": attention,
    }


def _uuid_for(url_prefix: str, world) -> str:
    table = [
        ("/communicatie/uitingen/", "message"),
        ("/signalen/aandachtsverzoeken/", "attention"),
        ("/signalen/", "signal"),
        ("/casussen/", "case"),
        ("/bijeenkomsten/", "session"),
        ("/informatieverzoeken/", "information"),
        ("/acties/", "action"),
    ]
    for prefix, key in table:
        if url_prefix.startswith(prefix):
            return str(world[key].uuid)
    return str(uuid.uuid4())


def fill_url(pattern: str, world) -> str | None:
    """The pattern with its variables filled from the world (a random uuid where the world
    has nothing of that kind: the page then answers 404, which is fine)."""
    simplified = simplify_regex(pattern)

    def replace(match):
        name = match.group(1).split(":")[-1]
        before = simplified[: match.start()]
        if name == "uuid":
            return _uuid_for(before, world)
        return {
            "signal_uuid": str(world["signal"].uuid),
            "handover_uuid": str(world["handover"].uuid),
            "decision": str(world["decision"].uuid),
            "step": "inschatting",
            "fmt": "csv",
        }.get(name, str(uuid.uuid4()))

    url = re.sub(r"<([^>]+)>", replace, simplified)
    try:
        resolve(url)
    except Resolver404:
        return None
    return url


def own_url_patterns():
    seen = set()
    for view, pattern, namespace, name in extract_views_from_urlpatterns(
        get_resolver().url_patterns
    ):
        full_name = ":".join([*(namespace or []), name or ""])
        module = (getattr(view, "view_class", None) or view).__module__
        if not module.startswith(OWN_MODULE_PREFIXES) or full_name in SKIPPED_URL_NAMES:
            continue
        if pattern in seen:
            continue
        seen.add(pattern)
        yield pytest.param(pattern, view, id=full_name)


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in UNCOUNTED_APPS and not model._meta.proxy
    }


def _login(client, user):
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.factories import add_totp_device

    device = add_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _walkable(path: str) -> bool:
    return not path.startswith(SKIPPED_ACTION_PREFIXES) and not path.endswith(SKIPPED_SUFFIXES)


HYPOTHESIS = settings(
    max_examples=5,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def battery(fields: dict, extra_names=()):
    for value in BATTERY:
        data = {name: [value] if field["multiple"] else value for name, field in fields.items()}
        yield {**dict.fromkeys(extra_names, value), **data}


def _check_get(client, path, fields, extra_names, failures):
    for data in battery(fields, extra_names):
        status = client.get(path, data).status_code
        if status >= 500:
            failures.append(f"GET {path} {status} {_short(data)}")

    @HYPOTHESIS
    @given(form_strategy(fields, extra_names))
    def attempt(data):
        response = client.get(path, data)
        assert response.status_code < 500, (path, _short(data))

    try:
        attempt()
    except AssertionError as error:
        failures.append(f"GET {error}")


def _short(data):
    return {key: (value[:40] if isinstance(value, str) else value) for key, value in data.items()}


def _post_problem(client, path, data):
    before = row_counts()
    response = client.post(path, data)
    if response.status_code >= 500:
        return f"{response.status_code}"
    if response.status_code not in (301, 302, 303):
        after = row_counts()
        changed = sorted(label for label in before if before[label] != after[label])
        if changed:
            return f"{response.status_code} but saved {changed}"
    return None


def _check_post(client, path, fields, failures):
    names = () if fields else GENERIC_POST_NAMES
    for data in battery(fields, names):
        problem = _post_problem(client, path, data)
        if problem:
            failures.append(f"POST {path} {problem} {_short(data)}")

    @HYPOTHESIS
    @given(form_strategy(fields, names))
    def attempt(data):
        problem = _post_problem(client, path, data)
        assert problem is None, (path, problem, _short(data))

    try:
        attempt()
    except AssertionError as error:
        failures.append(f"POST {error}")


# Pages reached through a link of the walked page to itself with a query string (the
# runner's ?stap=…) are read for their forms too, up to this many.
MAX_SUBPAGES = 12


def _page(client, url):
    response = client.get(url)
    is_html = response.get("Content-Type", "").startswith("text/html")
    if response.status_code == 200 and is_html and not response.streaming:
        return response, response.content.decode(errors="replace")
    return response, ""


@pytest.mark.parametrize(("pattern", "view"), list(own_url_patterns()))
def test_hostile_values_never_break_a_page(client, pattern, view):
    world = build_world()
    _login(client, world["user"])
    # A crash comes back as a 500 response (logged with its traceback), so one run lists
    # every failing form of the page.
    client.raise_request_exception = False
    url = fill_url(pattern, world)
    if url is None or not _walkable(url):
        pytest.skip(f"no walkable URL for {pattern}")
    failures = []
    response, html = _page(client, url)
    assert response.status_code < 500
    forms = page_forms(html)
    subpages = []
    for href in page_links(html):
        link = urlsplit(urljoin(url, href))
        if link.path == url and link.query and href not in subpages:
            subpages.append(href)
    for href in subpages[:MAX_SUBPAGES]:
        sub_response, sub_html = _page(client, urljoin(url, href))
        assert sub_response.status_code < 500, href
        forms += page_forms(sub_html)
    if response.status_code == 405:
        _check_post(client, url, view_form_fields(view), failures)
    else:
        # Every GET page, with its filter fields (if any) and the names views read.
        fields = {}
        for form in forms:
            if form["method"] == "get" and urlsplit(urljoin(url, form["action"])).path == url:
                fields.update(form["fields"])
        _check_get(client, url, fields, GENERIC_GET_NAMES, failures)
    seen = set()
    for form in forms:
        action = urlsplit(urljoin(url, form["action"] or url))
        if form["method"] != "post" or not _walkable(action.path):
            continue
        key = (action.path, tuple(sorted(form["fields"])))
        if key in seen:
            continue
        seen.add(key)
        target = action.path + (f"?{action.query}" if action.query else "")
        _check_post(client, target, form["fields"], failures)
    assert failures == []


# --- the walk really walks ------------------------------------------------------------


def test_the_walk_finds_the_filters_and_forms(client):
    world = build_world()
    _login(client, world["user"])
    page = client.get(reverse("signals:signal_list")).content.decode()
    forms = page_forms(page)
    filter_fields = next(form for form in forms if form["method"] == "get")["fields"]
    assert {"observed_from", "observed_to", "area", "status", "q"} <= set(filter_fields)
    convene = client.get(
        reverse("kernteam:session_convene", kwargs={"uuid": world["case"].uuid})
    ).content.decode()
    post_fields = next(
        form
        for form in page_forms(convene)
        if form["method"] == "post" and _walkable(urlsplit(form["action"]).path)
    )
    assert {"kind", "date", "time", "members"} <= set(post_fields["fields"])
    assert post_fields["fields"]["members"]["multiple"]


# --- dates outside a sensible range ---------------------------------------------------

OUT_OF_RANGE_DATES = ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"]
OUT_OF_RANGE_MOMENTS = ["0001-01-01T00:00", "9999-12-31T23:59", "31-12-9999 23:59"]
RANGE_MESSAGE = "Kies een datum tussen 1900 en 2100."


@pytest.mark.parametrize("value", OUT_OF_RANGE_DATES + ["1900-01-01", "2100-12-31"])
def test_the_shared_date_field_refuses_years_outside_the_range(value):
    field = SensibleDateField(input_formats=["%Y-%m-%d"])
    year = int(value[:4])
    if 1900 <= year <= 2100:
        assert field.clean(value).year == year
    else:
        with pytest.raises(Exception, match=RANGE_MESSAGE):
            field.clean(value)


@pytest.mark.parametrize("value", OUT_OF_RANGE_MOMENTS)
def test_the_shared_datetime_field_refuses_years_outside_the_range(value):
    field = SensibleDateTimeField(input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"])
    with pytest.raises(Exception, match=RANGE_MESSAGE):
        field.clean(value)


@pytest.mark.parametrize("name", ["observed_from", "observed_to"])
@pytest.mark.parametrize("value", OUT_OF_RANGE_DATES)
def test_a_signal_list_date_filter_out_of_range_shows_the_error_and_no_rows(
    client, verified_login, name, value
):
    verified_login(client, Role.COORDINATOR)
    SignalFactory()
    response = client.get(reverse("signals:signal_list"), {name: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert RANGE_MESSAGE in page
    assert list(response.context["page"].object_list) == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_an_export_with_an_out_of_range_date_goes_back_to_the_list_with_the_error(
    client, verified_login, fmt, value
):
    verified_login(client, Role.COORDINATOR)
    SignalFactory()
    url = reverse("signals:signal_export", kwargs={"fmt": fmt})
    response = client.get(url, {"observed_to": value}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[0][0].startswith(reverse("signals:signal_list") + "?")
    page = response.content.decode()
    assert RANGE_MESSAGE in page
    assert "De export is niet gemaakt" in page


def test_a_signal_observed_in_year_9999_is_a_field_error(client, verified_login):
    verified_login(client, Role.SIGNALEERDER)
    area, source = AreaFactory(), SourceKindFactory()
    for value in OUT_OF_RANGE_MOMENTS:
        response = client.post(
            reverse("signals:signal_create"),
            {
                "observation": "Vuurwerk bij de sporthal",
                "observed_at": value,
                "area": area.pk,
                "source_kind": source.pk,
                "channel": "offline",
                "urgency": "normaal",
                "confidentiality": "normaal",
            },
        )
        assert response.status_code == 200
        assert RANGE_MESSAGE in response.content.decode()
        assert response.context["form"].has_error("observed_at", "date_out_of_range")


def test_an_attention_request_until_year_9999_is_a_field_error(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    area = AreaFactory()
    response = client.post(
        reverse("signals:attention_create"),
        {"title": "Let op", "areas": [area.pk], "until": "9999-12-31"},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("until", "date_out_of_range")


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_convening_in_year_0001_or_9999_is_a_field_error(client, verified_login, value):
    user = verified_login(client, Role.KERNTEAMLID)
    case = CaseFactory(opened_by=user)
    response = client.post(
        reverse("kernteam:session_convene", kwargs={"uuid": case.uuid}),
        {"kind": "eerste", "date": value, "time": "19:30", "location": "Gemeentehuis"},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("date", "date_out_of_range")


def test_action_dates_and_runner_moments_use_the_shared_fields():
    from bob.forms.actions import ActionForm
    from bob.forms.runner import InformationRequestForm, NextSessionForm, PauseForm

    assert isinstance(ActionForm.base_fields["due_date"], SensibleDateField)
    assert isinstance(ActionForm.base_fields["report_back_on"], SensibleDateField)
    for form_class, name in [
        (InformationRequestForm, "deadline"),
        (PauseForm, "resume_at"),
        (NextSessionForm, "starts_at"),
    ]:
        assert isinstance(form_class.base_fields[name], SensibleDateTimeField)


# --- malformed ids in query strings ---------------------------------------------------

SKIPPED_MESSAGE = "Een of meer gekozen signalen bestaan niet (meer) en zijn overgeslagen."


@pytest.mark.parametrize(
    "wanted",
    ["not-a-uuid", "{good},not-a-uuid", "{good},00000000-0000-4000-8000-000000000000", "{good},,x"],
)
def test_case_create_skips_malformed_or_unknown_signal_ids_with_a_message(
    client, verified_login, wanted
):
    verified_login(client, Role.COORDINATOR)
    signal = SignalFactory()
    response = client.get(
        reverse("kernteam:case_create"), {"signalen": wanted.format(good=signal.uuid)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert SKIPPED_MESSAGE in page
    chosen = response.context["chosen_signals"]
    assert chosen == ([signal] if "{good}" in wanted else [])


def test_case_create_with_good_signal_ids_says_nothing_about_skipping(client, verified_login):
    verified_login(client, Role.COORDINATOR)
    signal = SignalFactory()
    response = client.get(reverse("kernteam:case_create"), {"signalen": str(signal.uuid)})
    assert SKIPPED_MESSAGE not in response.content.decode()
    assert response.context["chosen_signals"] == [signal]


def test_signal_create_skips_a_malformed_attention_request_with_a_message(client, verified_login):
    verified_login(client, Role.SIGNALEERDER)
    response = client.get(reverse("signals:signal_create"), {"aandachtsverzoek": "not-a-uuid"})
    assert response.status_code == 200
    assert "Het gekozen aandachtsverzoek" in response.content.decode()


# --- admin pages of objects that do not exist -----------------------------------------


def own_model_admins():
    for model, model_admin in admin.site._registry.items():
        if model_admin.__module__.startswith(OWN_MODULE_PREFIXES):
            yield pytest.param(model, id=model._meta.label)


@pytest.mark.parametrize("model", list(own_model_admins()))
@pytest.mark.parametrize("bad_id", ["999999", "abc", "not-a-uuid", "-1"])
def test_an_admin_page_of_a_missing_object_is_404(client, verified_login, model, bad_id):
    verified_login(client, Role.BEHEERDER, is_staff=True, is_superuser=True)
    opts = model._meta
    assert isinstance(admin.site._registry[model], MissingObject404Mixin)
    for view in ("change", "delete", "history"):
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[bad_id])
        # Read-only admins refuse deleting before they look the object up.
        expected = {404, 403} if view == "delete" else {404}
        assert client.get(url).status_code in expected, url


@pytest.mark.parametrize("year", ["9999", "1", "0", "abc", "-5", "99999999999999999999"])
def test_an_admin_date_drilldown_out_of_range_is_the_invalid_filter_notice(
    client, verified_login, year
):
    verified_login(client, Role.BEHEERDER, is_staff=True, is_superuser=True)
    for url, field in [
        (reverse("admin:audit_auditevent_changelist"), "at"),
        (reverse("admin:reminders_sentreminder_changelist"), "due_at"),
    ]:
        for extra in (
            {},
            {f"{field}__month": "12"},
            {f"{field}__month": "12", f"{field}__day": "31"},
        ):
            response = client.get(url, {f"{field}__year": year, **extra})
            assert response.status_code in (200, 302), (url, year, extra)
            if response.status_code == 302:
                assert "e=1" in response["Location"]


@pytest.mark.parametrize("model", list(own_model_admins()))
def test_admin_changelists_take_hostile_search_and_filters(client, verified_login, model):
    verified_login(client, Role.BEHEERDER, is_staff=True, is_superuser=True)
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    values = ["9999-12-31", "<script>", "../../etc/passwd", "\x00", "-1", "9" * 25, "x" * 10_000]
    for value in values:
        for name in ("q", "o", "p", "id__exact", "is_active__exact", "status__exact"):
            response = client.get(url, {name: value})
            assert response.status_code < 500, (url, name, value[:40])


# --- regressions found by the walk ----------------------------------------------------


@pytest.mark.parametrize("wanted", ["0001-01-01", "signals:signal_list", "//evil.example/", ""])
def test_a_next_that_is_not_a_local_path_falls_back(rf, wanted):
    from samos.core.links import safe_next_url

    request = rf.post("/", {"next": wanted})
    assert safe_next_url(request, "/terug/") == "/terug/"
    assert safe_next_url(rf.post("/", {"next": "/acties/"}), "/terug/") == "/acties/"


def test_attendance_with_a_bare_word_as_next_goes_back_to_the_session(client):
    world = build_world()
    _login(client, world["user"])
    session = world["session"]
    response = client.post(
        reverse("kernteam:session_attendance", kwargs={"uuid": session.uuid}),
        {"next": "0001-01-01"},
    )
    assert response.status_code == 302
    assert response["Location"] == session.get_absolute_url()


@pytest.mark.parametrize("value", ["99999999999999999999", "-99999999999999999999"])
def test_an_id_beyond_the_database_integers_is_an_invalid_choice(client, verified_login, value):
    verified_login(client, Role.SIGNALEERDER)
    before = row_counts()
    response = client.post(
        reverse("signals:signal_create"),
        {"observation": "Vuurwerk", "observed_at": "2026-01-01T12:00", "themes": [value]},
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("themes", "invalid_choice")
    assert row_counts() == before
