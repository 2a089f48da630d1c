""" "Mijn werk" section of kernteam (samos.core.mywork): the coming sessions — the ones I
take part in, with whether I prepared, and for the voorzitter and coördinator every
session of the next two weeks with how many invited members prepared. One query for
the rows, one for the count."""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kernteam.models import Attendee, Preparation
from kernteam.permissions import SESSION_READ_ROLES
from kernteam.selectors import participant_session_ids, session_list_visible_for
from kernteam.workflow import SessionStatus
from samos.accounts.permission_table import Can, roles_that
from samos.core.mywork import SHOWN, WorkItem, WorkList, WorkSection, register

LEADER_ROLES = roles_that(Can.LEAD)
# How far ahead a leader's list looks (their own sessions show however far ahead).
LEADER_HORIZON = timedelta(days=14)
# A planned session that should have begun a moment ago is still "coming": not yet opened.
GRACE = timedelta(hours=3)


def coming_sessions(user) -> WorkList:
    now = timezone.now()
    leader = user.has_role(*LEADER_ROLES)
    mine = Q(pk__in=participant_session_ids(user))
    if leader:
        mine |= Q(starts_at__lte=now + LEADER_HORIZON)
    sessions = (
        session_list_visible_for(user=user)
        .filter(mine, status=SessionStatus.GEPLAND, starts_at__gte=now - GRACE)
        .annotate(
            invited=Exists(Attendee.objects.filter(session=OuterRef("pk"), user=user)),
            prepared=Exists(Preparation.objects.filter(session=OuterRef("pk"), author=user)),
        )
        .order_by("starts_at", "id")
    )
    total = sessions.count()
    rows = list(sessions[:SHOWN]) if total else []
    counts = {}
    if leader and rows:
        # Separately, so the two multi-valued counts do not multiply each other's rows.
        ids = [session.pk for session in rows]
        invited = dict(
            Attendee.objects.filter(session_id__in=ids, user__isnull=False)
            .values_list("session_id")
            .annotate(n=Count("id"))
        )
        prepared = dict(
            Preparation.objects.filter(session_id__in=ids)
            .values_list("session_id")
            .annotate(n=Count("id"))
        )
        counts = {pk: (prepared.get(pk, 0), invited.get(pk, 0)) for pk in ids}
    items = []
    for session in rows:
        detail = [session.case.title]
        if session.location:
            detail.append(session.location)
        if session.pk in counts:
            done, of = counts[session.pk]
            detail.append(
                ngettext(
                    "%(done)d van %(of)d genodigde voorbereid",
                    "%(done)d van %(of)d genodigden voorbereid",
                    of,
                )
                % {"done": done, "of": of}
            )
        if session.invited:
            flag, tone = (
                (_("voorbereid"), "success") if session.prepared else (_("bereid u voor"), "")
            )
            url = reverse("kernteam:session_prepare", kwargs={"uuid": session.uuid})
        else:
            flag, tone, url = "", "", session.get_absolute_url()
        items.append(
            WorkItem(
                label=_("%(kind)s, %(when)s")
                % {
                    "kind": session.get_kind_display(),
                    "when": date_format(timezone.localtime(session.starts_at), "l j F, H:i"),
                },
                url=url,
                detail=" · ".join(detail),
                flag=flag,
                tone=tone,
            )
        )
    return WorkList(title=_("Komende bijeenkomsten"), items=items, total=total)


def register_work_sections() -> None:
    """Called from KernteamConfig.ready()."""
    register(WorkSection("kernteam.coming_sessions", SESSION_READ_ROLES, coming_sessions, 30))
