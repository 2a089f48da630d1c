"""Deny by default, checked over every URL pattern the project has (now and later).

The walk discovers URLs from the resolver, so a view added by a later issue is covered
without touching this file.
"""

import re
import uuid

import pytest
from django.contrib.admindocs.views import extract_views_from_urlpatterns, simplify_regex
from django.urls import Resolver404, get_resolver, resolve, reverse

from samos.accounts.permissions import RoleRequiredMixin

pytestmark = pytest.mark.django_db

LOGIN = reverse("two_factor:login")

# URL names that are public on purpose, with the reason.
PUBLIC_URL_NAMES = {
    "two_factor:login": "the login page itself",
    "set_language": "switches the interface language (POST only, no data)",
    "accounts:password_set": "the emailed one-time link to set a password (token checked)",
    "accounts:password_set_done": "says the password is set, links to the login",
}
# Third-party views that guard themselves (admin: staff + our two-factor middleware;
# two_factor setup pages: login required by the library).
SELF_GUARDED_MODULE_PREFIXES = ("django.contrib.admin", "two_factor.", "django.views.generic.base")
OWN_MODULE_PREFIXES = ("samos.", "signals.", "kernteam.", "bob.", "communicatie.", "crisis.")


def _concrete_url(pattern: str) -> str | None:
    """Fill the pattern's variables with values the converters accept."""
    simplified = simplify_regex(pattern)
    for filler in (str(uuid.uuid4()), "1", "x"):
        url = re.sub(r"<[^>]+>", filler, simplified)
        try:
            resolve(url)
        except Resolver404:
            continue
        return url
    return None


def all_url_patterns(*, with_objects=False):
    """(name, url, view) per URL pattern; WITH_OBJECTS adds whether the URL names an
    object (a uuid or id in it), which the walk fills with one that does not exist."""
    seen = set()
    for view, pattern, namespace, name in extract_views_from_urlpatterns(
        get_resolver().url_patterns
    ):
        full_name = ":".join([*(namespace or []), name or ""])
        url = _concrete_url(pattern)
        if url is None or url in seen:
            continue
        seen.add(url)
        if with_objects:
            yield full_name, url, view, "<" in simplify_regex(pattern)
        else:
            yield full_name, url, view


def _final_location(client, url, max_hops=3):
    response = client.get(url)
    for _ in range(max_hops):
        if response.status_code not in (301, 302):
            break
        location = response["Location"]
        if location.split("?")[0] == LOGIN:
            return LOGIN, response.status_code
        response = client.get(location)
    return None, response.status_code


def test_the_walk_sees_the_project_urls():
    names = {name for name, _, _ in all_url_patterns()}
    assert {"core:dashboard", "core:outbox", "accounts:account", "two_factor:setup"} <= names
    assert len(names) > 20  # the admin alone contributes many


def test_every_url_sends_an_anonymous_visitor_to_login(client):
    failures = []
    checked = 0
    for name, url, _view in all_url_patterns():
        if name in PUBLIC_URL_NAMES:
            continue
        location, status = _final_location(client, url)
        checked += 1
        if location != LOGIN:
            failures.append(f"{name} {url} → {status}")
    assert checked > 20
    assert failures == []


def test_every_own_view_declares_its_roles():
    """Views of SAMOS itself use RoleRequiredMixin (or are public on purpose)."""
    missing = []
    for name, _url, view in all_url_patterns():
        view_class = getattr(view, "view_class", None)
        module = (view_class or view).__module__
        if name in PUBLIC_URL_NAMES or module.startswith(SELF_GUARDED_MODULE_PREFIXES):
            continue
        if not module.startswith(OWN_MODULE_PREFIXES):
            continue
        if view_class is None or not issubclass(view_class, RoleRequiredMixin):
            if view_class is not None and view_class.__name__ == "LogoutView":
                continue
            missing.append(f"{name} ({module})")
    assert missing == []


def test_a_view_without_roles_fails_loudly(rf):
    from django.core.exceptions import ImproperlyConfigured
    from django.views.generic import TemplateView

    class Forgetful(RoleRequiredMixin, TemplateView):
        template_name = "base.html"

    request = rf.get("/")
    from tests.factories import UserFactory

    request.user = UserFactory()
    with pytest.raises(ImproperlyConfigured):
        Forgetful.as_view()(request)


# --- every URL × every role --------------------------------------------------------------


def _role_clients(django_user_model):
    """One client per role, logged in with a passed second factor."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from samos.accounts.roles import Role
    from tests.factories import UserFactory, add_totp_device

    clients = {}
    for role in Role:
        user = UserFactory(roles=[role])
        client = Client(raise_request_exception=False)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = add_totp_device(user).persistent_id
        session.save()
        clients[role] = client
    return clients


def test_every_url_for_every_role_refuses_roles_it_does_not_allow(django_user_model):
    """Each own view answers every role without a server error, and a role outside the
    view's `allowed_roles` gets 403 (or 404, where a view looks the object up for the
    user before the role check: nothing is shown either way), while a role the view
    allows (from samos.accounts.permission_table) gets no 403 on a page that names no
    object — so the table and the views cannot drift apart either way.
    Signal pages and the network map never open for the communicatieadviseur, and no
    communication page opens for a signaleerder."""
    from samos.accounts.roles import Role

    clients = _role_clients(django_user_model)
    failures, requests = [], 0
    for name, url, view, names_an_object in all_url_patterns(with_objects=True):
        view_class = getattr(view, "view_class", None)
        if name in PUBLIC_URL_NAMES or view_class is None:
            continue
        if not view_class.__module__.startswith(OWN_MODULE_PREFIXES) or name == "accounts:logout":
            continue
        allowed = set(getattr(view_class, "allowed_roles", None) or ())
        for role, client in clients.items():
            status = client.get(url).status_code
            requests += 1
            if status >= 500:
                failures.append(f"{name} {url} as {role}: {status}")
            elif role not in allowed and status not in (403, 404):
                failures.append(f"{name} {url} as {role}: {status}, expected 403 or 404")
            elif (
                role in allowed
                and not names_an_object
                and status == 403
                and not getattr(view_class, "narrowed_by", "")
            ):
                # The permission table lets this role in; a page of its own must open
                # (unless the view names a further rule, such as a mandate).
                failures.append(f"{name} {url} as {role}: 403, but the role is allowed")
            elif role == Role.COMMUNICATIE and name.startswith("signals:") and status == 200:
                failures.append(f"{name} {url} opens for the communicatieadviseur")
            elif (
                role == Role.SIGNALEERDER
                and name.startswith("communicatie:")
                and status not in (403, 404)
            ):
                failures.append(f"{name} {url} as signaleerder: {status}")
    assert requests > 500
    assert failures == [], "\n".join(failures)
