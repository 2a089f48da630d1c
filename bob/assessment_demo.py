"""Demo: one vooraf-afweging on the asielopvang case that ended in "alleen partners
informeren" — the welzijn member, a week after the first session, shares what the
jongerenwerk hears without convening the kernteam: the follow-up is already planned.

Written directly (the story lies in the past); its note is recorded as sent then, so the
running demo does not mail it again. Idempotent.
"""

from datetime import timedelta

from django.utils import timezone

from kernteam.demo import AZC_CASE
from kernteam.models import Case
from samos.accounts.models import User
from samos.reminders.models import SentReminder
from samos.reminders.registry import NOTICE

from .assessment_reminders import assessment_note_key
from .models import Assessment
from .workflow import AssessmentOutcome, PictureSoundness


def _at(days, hour, minute=0):
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def seed_assessment(stdout=None) -> None:
    case = Case.objects.filter(title=AZC_CASE).first()
    if case is None or Assessment.objects.filter(case=case).exists():
        return
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["kernteamlid", "voorzitter", "coordinator"])
    }
    if len(users) < 3:
        return
    made_at = _at(-3, 11, 15)
    # Cite only what had been logged by then (nothing is cited before it happened).
    cited = list(case.signals.filter(created_at__lt=made_at).order_by("-observed_at")[:2])
    assessment = Assessment.objects.create(
        case=case,
        author=users["kernteamlid"],
        created_at=made_at,
        what_happened=(
            "In het weekend hingen groepjes jongeren rond het dorpsplein; het jongerenwerk "
            "hoorde harde woorden over het azc, maar geen plannen voor acties."
        ),
        state_of_unrest="Gespannen maar niet verder opgelopen sinds de eerste bijeenkomst.",
        picture_sound=PictureSoundness.JA,
        what_may_happen="Rond de informatieavond kan het weer oplopen.",
        consequences="Zonder aandacht kan een kleine groep jongeren zich laten meeslepen.",
        severity="2",
        urgency="1",
        outcome=AssessmentOutcome.INFORMEREN,
        motivation=(
            "Geen reden om extra bijeen te komen: de vervolgbijeenkomst staat al gepland. "
            "Wel wil ik dat de voorzitter en de coördinator dit nu weten."
        ),
        note_to_partners=(
            "Jongerenwerk is de komende avonden extra op het dorpsplein. Hoort u iets over "
            "plannen rond de informatieavond, laat het mij weten."
        ),
    )
    assessment.signals.set(cited)
    informed = [users["voorzitter"], users["coordinator"]]
    assessment.informed.set(informed)
    sent_at = made_at + timedelta(minutes=1)
    for person in informed:
        SentReminder.objects.create(
            key=assessment_note_key(assessment),
            offset=NOTICE.kind,
            recipient=person.email,
            due_at=made_at,
            status=SentReminder.Status.SENT,
            claimed_at=sent_at,
            sent_at=sent_at,
            attempts=1,
        )
