"""Every read of signals, with the visibility rule in one place.

A Signaleerder sees what they logged and the intern signals of their own organisation;
Coördinator, Kernteamlid and Voorzitter see every non-sensitive signal; sensitive signals
(vertrouwelijk, or containing personal data) only the coördinators, the chair (voorzitter)
and the author. Everyone else sees none.
"""

from collections.abc import Callable
from datetime import timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from samos.accounts.roles import Role

from .models import Area, Signal
from .permissions import READ_ALL_ORDINARY_ROLES, SENSITIVE_ROLES

_SENSITIVE = Q(confidentiality=Signal.Confidentiality.VERTROUWELIJK) | Q(
    contains_personal_data=True
)


# Rules of apps above us that hide signals besides these (need-to-know: the signals of a
# besloten case follow the case). Each takes the user and returns a Q of the signals to
# hide; registered from an AppConfig.ready(), because signals imports none of them.
_HIDING_RULES: list[Callable[[object], Q]] = []


def register_hiding_rule(rule: Callable[[object], Q]) -> None:
    if rule not in _HIDING_RULES:
        _HIDING_RULES.append(rule)


_HIDES_NOTHING = Q(pk__in=[])


def hiding_rules_apply(user) -> bool:
    """Whether a registered rule hides any signal from USER right now (then USER's counts
    are theirs alone, not the shared "sees everything" figures). One query at most."""
    hidden = [q for q in (rule(user) for rule in _HIDING_RULES) if q != _HIDES_NOTHING]
    if not hidden:
        return False
    combined = hidden[0]
    for q in hidden[1:]:
        combined |= q
    return Signal.objects.filter(combined).exists()


# Exercise material (fictitious signals of an oefening) never mixes with real data: every
# read leaves it out, unless the caller reads the signals of one exercise case.
REAL_SIGNALS_Q = Q(is_exercise=False)


def signal_visibility_q(user, *, include_exercise: bool = False) -> Q:
    """The filter a user's signal queries must carry. Deny by default. Exercise signals
    only with INCLUDE_EXERCISE (the reads scoped to one exercise case)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.has_role(*SENSITIVE_ROLES):
        visible = Q()
    else:
        visible = Q(author=user)
        if user.has_role(*READ_ALL_ORDINARY_ROLES):
            visible |= ~_SENSITIVE
        if user.has_role(Role.SIGNALEERDER) and user.organisation_id:
            visible |= Q(organisation_id=user.organisation_id) & ~_SENSITIVE
    for rule in _HIDING_RULES:
        visible &= ~rule(user)
    if not include_exercise:
        visible &= REAL_SIGNALS_Q
    return visible


def signal_list_visible_for(*, user, include_exercise: bool = False) -> QuerySet[Signal]:
    """The signals USER may see. Exercise signals only with INCLUDE_EXERCISE: pass it
    only for a read scoped to one exercise case (exercise_signal_list_for)."""
    return (
        Signal.objects.filter(signal_visibility_q(user, include_exercise=include_exercise))
        .select_related("area", "source_kind", "author", "organisation")
        .prefetch_related("themes")
    )


# What a row of the signal list shows (signals/views/_rows.py), and nothing more: the
# list needs neither the author nor the organisation, nor the texts it does not show
# (the impression); the observation is shown, shortened.
_LIST_ROW_FIELDS = (
    "id",
    "uuid",
    "observation",
    "observed_at",
    "nature",
    "urgency",
    "confidentiality",
    "contains_personal_data",
    "status",
    "confirmation_count",
    "area__name",
    "source_kind__name",
)


def signal_list_rows_visible_for(*, user) -> QuerySet[Signal]:
    """The signals of `signal_list_visible_for` (the same visibility rule), loaded with
    only what a row of the signal list shows. Their themes: `theme_names_by_signal`."""
    return (
        Signal.objects.filter(signal_visibility_q(user))
        .select_related("area", "source_kind")
        .only(*_LIST_ROW_FIELDS)
    )


def theme_names_by_signal(*, signal_ids) -> dict[int, list[str]]:
    """The theme names of these signals in one query, alphabetically as `themes.all()`
    (cheaper than a prefetch: no Theme objects or related managers for 50 rows)."""
    names: dict[int, list[str]] = {pk: [] for pk in signal_ids}
    rows = (
        Signal.themes.through.objects.filter(signal_id__in=names)
        .order_by("theme__name")
        .values_list("signal_id", "theme__name")
    )
    for signal_id, name in rows:
        names[signal_id].append(name)
    return names


def signal_get_for(*, user, uuid, include_exercise: bool = False) -> Signal:
    """The signal, or 404 when it does not exist or the user may not see it (an exercise
    signal too, unless INCLUDE_EXERCISE)."""
    signal = (
        signal_list_visible_for(user=user, include_exercise=include_exercise)
        .filter(uuid=uuid)
        .first()
    )
    if signal is None:
        raise Http404
    return signal


def area_with_descendant_ids(area: Area) -> list[int]:
    """The area and everything below it, active or not, in one query: a municipality has
    at most a few hundred areas (gemeente → kern → buurt)."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in Area.objects.filter(parent__isnull=False).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    ids = [area.pk]
    frontier = [area.pk]
    while frontier:
        frontier = [c for p in frontier for c in children.get(p, []) if c not in ids]
        ids.extend(frontier)
    return ids


# The sort orders of the paginated lists, each ending in the unique id (keyset pages,
# samos.core.seek, need a total order). Both have their index (signal_observed_idx,
# signal_status_created_idx).
SIGNAL_LIST_ORDERING = ("-observed_at", "-id")
INBOX_ORDERING = ("created_at", "id")


def signal_inbox_for(*, user) -> QuerySet[Signal]:
    """New, unreviewed signals, oldest first (the coördinator's inbox)."""
    return signal_list_visible_for(user=user).filter(status="nieuw").order_by(*INBOX_ORDERING)


def confirmation_list_for(*, signal: Signal):
    return signal.confirmations.select_related("author", "author__organisation")


def has_confirmed(*, user, signal: Signal) -> bool:
    return signal.confirmations.filter(author=user).exists()


def attachment_get_for(*, signal: Signal, uuid):
    """An attachment of a signal the caller already may see; 404 otherwise."""
    attachment = signal.attachments.filter(uuid=uuid).first()
    if attachment is None:
        raise Http404
    return attachment


def _attention_open_q() -> Q:
    return Q(closed_at__isnull=True, until__gte=timezone.localdate())


def attention_request_list_visible_for(*, user, only_open: bool = False):
    """Managers see every request; signallers the open ones meant for them (their
    organisation, or the whole network)."""
    from .models import AttentionRequest
    from .permissions import LOG_ROLES, can_manage_attention_requests

    queryset = AttentionRequest.objects.prefetch_related("areas", "themes", "organisations")
    if can_manage_attention_requests(user):
        return queryset.filter(_attention_open_q()) if only_open else queryset
    if not (user.is_authenticated and user.has_role(*LOG_ROLES)):
        return queryset.none()
    meant_for_me = Q(organisations__isnull=True)
    if user.organisation_id:
        meant_for_me |= Q(organisations=user.organisation_id)
    return queryset.filter(_attention_open_q()).filter(meant_for_me).distinct()


def attention_request_get_for(*, user, uuid):
    request = attention_request_list_visible_for(user=user).filter(uuid=uuid).first()
    if request is None:
        raise Http404
    return request


def attention_request_answered_by(*, user, signal: Signal) -> dict | None:
    """The attention request a signal answered: its title and, if the user may see the
    request, its link."""
    if signal.attention_request_id is None:
        return None
    request = signal.attention_request
    visible = attention_request_list_visible_for(user=user).filter(pk=request.pk).exists()
    return {"label": request.title, "url": request.get_absolute_url() if visible else ""}


def next_in_inbox(*, user, after: Signal) -> Signal | None:
    """The signal to triage next: the oldest one still in the inbox, other than AFTER."""
    return signal_inbox_for(user=user).exclude(pk=after.pk).first()


# "Zie ik ook": how far back a signaller is shown others' signals to confirm, and which
# of their own signals make an area "theirs".
CONFIRM_WINDOW_DAYS = 14
OWN_AREA_WINDOW_DAYS = 90


def own_area_ids(*, user) -> list[int]:
    """The areas a signaller works in: every kern or wijk (with its buurten) the beheerder
    assigned to them, and every one where they logged a signal in the last
    OWN_AREA_WINDOW_DAYS (so a signaller nobody assigned areas to still has some)."""
    since = timezone.now() - timedelta(days=OWN_AREA_WINDOW_DAYS)
    logged = Area.objects.filter(
        # Fictitious exercise signals make no area anyone's.
        Q(signals__author=user, signals__created_at__gte=since, signals__is_exercise=False)
        | Q(assignments__user=user)
    ).distinct()
    roots = {area.parent_id if area.kind == Area.Kind.BUURT else area.pk for area in logged}
    roots.discard(None)
    ids: set[int] = set()
    for root in Area.objects.filter(pk__in=roots):
        ids.update(area_with_descendant_ids(root))
    return sorted(ids)


def assigned_area_names(*, user) -> list[str]:
    """The kernen and wijken the beheerder assigned to USER, by name."""
    return list(
        Area.objects.filter(assignments__user=user).order_by("name").values_list("name", flat=True)
    )


def signals_to_confirm_for(*, user) -> QuerySet[Signal]:
    """Recent signals of others in the user's own areas that they may confirm: never a
    confidential or personal-data one (not even for roles that may read those), nothing
    archived or withdrawn, nothing they confirmed already."""
    since = timezone.now() - timedelta(days=CONFIRM_WINDOW_DAYS)
    return (
        signal_list_visible_for(user=user)
        .exclude(author=user)
        .exclude(_SENSITIVE)
        .exclude(status__in=["gearchiveerd", "ingetrokken"])
        .exclude(confirmations__author=user)
        .filter(created_at__gte=since, area_id__in=own_area_ids(user=user))
        .order_by("-observed_at", "-id")
    )


def exercise_signal_list_for(*, user, signal_ids) -> QuerySet[Signal]:
    """The exercise material among SIGNAL_IDS that USER may see: the one explicit way to
    read fictitious signals (the caller passes the ids linked to one exercise case)."""
    return signal_list_visible_for(user=user, include_exercise=True).filter(
        is_exercise=True, pk__in=signal_ids
    )
