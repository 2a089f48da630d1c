"""Every read of cases and sessions, with the visibility rules in one place."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Attendee, Case, CaseSignal, KernteamMember, Preparation, Session
from .permissions import (
    SESSION_READ_ROLES,
    can_read_all_preparations,
    can_read_cases,
    can_read_sessions,
    sees_every_case,
)
from .workflow import CaseStatus, Phase, SessionKind, SessionStatus

# --- need-to-know ---------------------------------------------------------------------
# The method's default is one shared picture: every kernteam reader sees every case. A
# case marked besloten is seen only by its participants — who opened it, and whoever
# chairs, takes the minutes of, convened or is invited to one of its sessions — and by
# the burgemeester and the coördinators. Its sessions, preparations, documents, actions
# and signals follow the case, because every read of them starts from these selectors.


def participant_session_ids(user) -> QuerySet:
    """The ids of the sessions USER takes part in (a subquery, not evaluated)."""
    invited = Attendee.objects.filter(user=user).values("session_id")
    return Session.objects.filter(
        Q(chair=user) | Q(secretary=user) | Q(convened_by=user) | Q(pk__in=invited)
    ).values("pk")


def participant_case_ids(user) -> QuerySet:
    """The ids of the cases USER takes part in (a subquery, not evaluated)."""
    return Session.objects.filter(pk__in=participant_session_ids(user)).values("case_id")


def case_need_to_know_q(user, prefix: str = "") -> Q:
    """The filter on cases (or, with PREFIX "case__", on what hangs from a case) that
    leaves out the besloten cases USER does not take part in."""
    if sees_every_case(user):
        return Q()
    return (
        Q(**{f"{prefix}is_confidential": False})
        | Q(**{f"{prefix}opened_by": user})
        | Q(**{f"{prefix}pk__in": participant_case_ids(user)})
    )


def case_is_participant(*, user, case: Case) -> bool:
    """Whether USER takes part in CASE (opened it, or is in one of its sessions)."""
    if not user.is_authenticated:
        return False
    return (
        case.opened_by_id == user.pk
        or Session.objects.filter(case=case, pk__in=participant_session_ids(user)).exists()
    )


def hidden_signals_q(user) -> Q:
    """The signals USER may not see because they belong to a besloten case USER does not
    take part in (registered with signals.selectors: signals cannot import us). Their
    author always keeps sight of what they logged."""
    if sees_every_case(user):
        return Q(pk__in=[])
    hidden_cases = Case.objects.filter(is_confidential=True).exclude(case_need_to_know_q(user))
    hidden = CaseSignal.objects.filter(case__in=hidden_cases).values("signal_id")
    return Q(pk__in=hidden) & ~Q(author=user)


def case_list_visible_for(*, user, include_exercises: bool = True) -> QuerySet[Case]:
    if not can_read_cases(user):
        return Case.objects.none()
    cases = (
        Case.objects.filter(case_need_to_know_q(user))
        .prefetch_related("areas", "themes")
        .select_related("opened_by")
    )
    return cases if include_exercises else cases.filter(is_exercise=False)


def case_lessons_search(*, user, text: str) -> QuerySet[Case]:
    """Closed cases whose evaluation, title or cause mention every word of TEXT: the
    lessons of earlier cases stay findable (against "collective amnesia")."""
    from .exercises import exercise_lessons_q  # an exercise's own evaluation counts too

    cases = case_list_visible_for(user=user).filter(status=CaseStatus.CLOSED)
    for word in text.split()[:8]:
        cases = cases.filter(
            Q(evaluation__icontains=word)
            | Q(title__icontains=word)
            | Q(description__icontains=word)
            | exercise_lessons_q(word)
        )
    return cases.order_by("-closed_at")


def case_get_for(*, user, uuid) -> Case:
    case = case_list_visible_for(user=user).filter(uuid=uuid).first()
    if case is None:
        raise Http404
    return case


def session_list_visible_for(*, user) -> QuerySet[Session]:
    if not can_read_sessions(user):
        return Session.objects.none()
    return Session.objects.filter(case_need_to_know_q(user, prefix="case__")).select_related(
        "case", "chair", "secretary", "convened_by"
    )


def session_get_for(*, user, uuid) -> Session:
    session = (
        session_list_visible_for(user=user)
        .prefetch_related(
            Prefetch("attendees", queryset=Attendee.objects.select_related("user")),
            Prefetch("preparations", queryset=Preparation.objects.select_related("author")),
        )
        .filter(uuid=uuid)
        .first()
    )
    if session is None:
        raise Http404
    return session


def session_get_brief_for(*, user, uuid) -> Session:
    """The session and its case only, under the same rule as session_get_for (404 when
    USER may not see it): for a fragment polled while a session runs."""
    session = session_list_visible_for(user=user).filter(uuid=uuid).first()
    if session is None:
        raise Http404
    return session


def session_list_for_case(*, user, case: Case) -> QuerySet[Session]:
    return session_list_visible_for(user=user).filter(case=case)


def sessions_of_case(*, case: Case) -> QuerySet[Session]:
    """The sessions of CASE, oldest first, for a reader the caller already allowed to see
    the case (communication reads their dates and its own step, not the sessions)."""
    return Session.objects.filter(case=case).select_related("chair").order_by("starts_at")


def session_previous(*, session: Session) -> Session | None:
    """The last finished session of the same case before this one (for vervolg/laatste)."""
    return (
        Session.objects.filter(case_id=session.case_id, status=SessionStatus.AFGEROND)
        .exclude(pk=session.pk)
        .filter(starts_at__lte=session.starts_at)
        .order_by("-starts_at", "-id")
        .first()
    )


# --- convening and preparation -------------------------------------------------------

# Vooraf per groepslid (Handreiking A2.1): the three parts of a member's own short BOB,
# each with the Handreiking's questions mapped onto the fields of Preparation. The form,
# the preparation page and the overview for the runner all use this one list.
PREPARATION_SECTIONS = (
    (
        _("Beeldvorming"),
        (
            ("what_happened", _("Wat is er gebeurd?")),
            ("state_of_unrest", _("Hoe is het gesteld met de maatschappelijke (on)rust?")),
            (
                "signals_received",
                _(
                    "Welke signalen heeft u ontvangen? Kunt u op basis daarvan een gedegen "
                    "beeld van de situatie vormen?"
                ),
            ),
        ),
    ),
    (
        _("Oordeelsvorming"),
        (
            ("what_may_happen", _("Wat en wanneer staat er (mogelijk nog) te gebeuren?")),
            (
                "consequences",
                _(
                    "Wat zijn de (mogelijke) gevolgen voor de maatschappelijke onrust, en "
                    "welke signalen staven dat?"
                ),
            ),
            ("seriousness", _("Hoe ernstig en urgent is de (te verwachten) situatie?")),
        ),
    ),
    (
        _("Besluitvorming"),
        (
            (
                "advice_convene",
                _(
                    "Het kernteam bijeenroepen, of volstaan met nader informeren van de "
                    "kernteampartners?"
                ),
            ),
            ("other_actions", _("Andere acties?")),
            ("information_needed", _("Nadere informatievragen? Aan wie?")),
        ),
    ),
)


def session_invitable_users() -> QuerySet:
    """Who may be invited to a session: active kernteam members and users with a role
    at the table (the mayor too). Also the choices for chair and secretary."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=SESSION_READ_ROLES) | Q(kernteam_seat__is_active=True))
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def kernteam_member_user_ids() -> list[int]:
    """The accounts of the active kernteam: invited by default when convening."""
    return list(
        KernteamMember.objects.filter(is_active=True, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )


def kernteam_officers() -> tuple:
    """(chair, secretary) of the standing kernteam, either None when not appointed."""
    seats = list(
        KernteamMember.objects.filter(is_active=True, user__is_active=True)
        .filter(Q(is_chair=True) | Q(is_secretary=True))
        .select_related("user")
        .order_by("pk")
    )
    chair = next((seat.user for seat in seats if seat.is_chair), None)
    secretary = next((seat.user for seat in seats if seat.is_secretary), None)
    return chair, secretary


def session_has_eerste(*, case: Case) -> bool:
    """Whether the case already has a first session that was not cancelled."""
    return (
        Session.objects.filter(case=case, kind=SessionKind.EERSTE)
        .exclude(status=SessionStatus.GEANNULEERD)
        .exists()
    )


def session_list_for_case_with_invitation(*, user, case: Case) -> QuerySet[Session]:
    """The case's sessions this user may see, each with `is_invited` (an account among
    the attendees): the case page links those to the preparation page."""
    return session_list_for_case(user=user, case=case).annotate(
        is_invited=Exists(Attendee.objects.filter(session=OuterRef("pk"), user=user))
    )


def preparation_get_for_author(*, session: Session, user) -> Preparation | None:
    return Preparation.objects.filter(session=session, author=user).first()


class PreparationOverview(list):
    """[(attendee, preparation or None), …] for the invited members with an account,
    plus the counts and the answers grouped per question for the runner.

    `readable_author_ids` is whose answers the reader may read (None: everyone's); the
    others count as prepared but their answers stay out of `sections`."""

    readable_author_ids: set[int] | None = None

    @property
    def hidden_count(self) -> int:
        if self.readable_author_ids is None:
            return 0
        return sum(
            1
            for _attendee, preparation in self
            if preparation is not None and preparation.author_id not in self.readable_author_ids
        )

    def _readable(self, preparation) -> bool:
        return self.readable_author_ids is None or preparation.author_id in (
            self.readable_author_ids
        )

    @property
    def member_count(self) -> int:
        return len(self)

    @property
    def prepared_count(self) -> int:
        return sum(1 for _attendee, preparation in self if preparation is not None)

    @property
    def sections(self) -> list[dict]:
        """[{"title", "questions": [{"label", "answers": [(user, text), …]}]}], empty
        answers left out."""
        prepared = [(a, p) for a, p in self if p is not None and self._readable(p)]
        return [
            {
                "title": title,
                "questions": [
                    {
                        "label": label,
                        "answers": [
                            (attendee.user, getattr(preparation, field))
                            for attendee, preparation in prepared
                            if getattr(preparation, field).strip()
                        ],
                    }
                    for field, label in questions
                ],
            }
            for title, questions in PREPARATION_SECTIONS
        ]


def _prefetched(session: Session, name: str) -> bool:
    return name in getattr(session, "_prefetched_objects_cache", {})


def preparation_overview(*, session: Session, reader) -> PreparationOverview:
    """Who of the invited members has prepared, and what of it READER may read
    (can_read_all_preparations; otherwise only their own). Uses the attendees and
    preparations session_get_for prefetched; two queries otherwise."""
    if _prefetched(session, "attendees"):
        attendees = [a for a in session.attendees.all() if a.user_id is not None]
    else:
        attendees = list(
            Attendee.objects.filter(session=session, user__isnull=False).select_related("user")
        )
    if _prefetched(session, "preparations"):
        preparations = list(session.preparations.all())
    else:
        preparations = list(Preparation.objects.filter(session=session))
    by_author = {preparation.author_id: preparation for preparation in preparations}
    attendees.sort(key=lambda a: (a.user.last_name.lower(), a.user.first_name.lower(), a.pk))
    overview = PreparationOverview((a, by_author.get(a.user_id)) for a in attendees)
    if not can_read_all_preparations(reader, session):
        overview.readable_author_ids = {reader.pk}
    return overview


def preparation_answer_sections(preparation: Preparation | None) -> list[tuple]:
    """[(title, [(question, answer), …]), …] of one preparation, for reading it back."""
    if preparation is None:
        return []
    return [
        (title, [(label, getattr(preparation, field)) for field, label in questions])
        for title, questions in PREPARATION_SECTIONS
    ]


# How serious each phase is, for "the current phase per area" (the most serious open case).
PHASE_SEVERITY = {
    Phase.RUST: 0,
    Phase.TERUGKEER: 1,
    Phase.DREIGENDE_ONRUST: 2,
    Phase.ONRUST: 3,
    Phase.ESCALATIE: 4,
}


def phase_per_area(*, user) -> list[dict]:
    """Per area with open cases: the most serious phase and the cases. Exercises are left
    out: they never count in overviews."""
    cases = case_list_visible_for(user=user, include_exercises=False).filter(status=CaseStatus.OPEN)
    per_area: dict[int, dict] = {}
    for case in cases:
        for area in case.areas.all():
            entry = per_area.setdefault(area.pk, {"area": area, "cases": [], "phase": None})
            entry["cases"].append(case)
            if (
                entry["phase"] is None
                or PHASE_SEVERITY[case.phase] > PHASE_SEVERITY[entry["phase"]]
            ):
                entry["phase"] = Phase(case.phase)
    return sorted(per_area.values(), key=lambda e: (-PHASE_SEVERITY[e["phase"]], e["area"].name))


def cases_holding_signal(*, user, signal) -> list[dict]:
    """The cases a signal belongs to, for the signal page: visible ones by title and link,
    the others only counted (a besloten case's title is need-to-know)."""
    links = list(CaseSignal.objects.filter(signal=signal).values_list("case_id", flat=True))
    if not links:
        return []
    visible = list(case_list_visible_for(user=user).filter(pk__in=links).order_by("-opened_at"))
    refs = [{"label": case.title, "url": case.get_absolute_url()} for case in visible]
    hidden = len(links) - len(visible)
    if hidden:
        refs.append(
            {
                "label": ngettext(
                    "%(count)d casus die u niet kunt inzien",
                    "%(count)d casussen die u niet kunt inzien",
                    hidden,
                )
                % {"count": hidden},
                "url": "",
            }
        )
    return refs
