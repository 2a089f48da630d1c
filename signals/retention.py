"""Retention of signals (registered from SignalsConfig.ready()).

Two categories, each with its own period (settings, docs/privacy.md):

- **Signals with personal data are anonymised** SAMOS_RETENTION_PERSONAL_DATA_MONTHS after
  their last use. Anonymised, not deleted: the signal may be cited by a case, a decision
  or the week's figures; what identifies anyone goes (observation, impression, status
  note, the confirmations' texts, attachments with their files), what it says about
  time, place and theme stays.
- **Signals linked to no case are deleted** SAMOS_RETENTION_UNLINKED_SIGNAL_MONTHS after
  their last use, with their confirmations and attachments (rows and files). Deleted:
  no case record needs them, and a year-old observation nobody took up has served its
  purpose (trends look back weeks, not years).

Attachments have no period of their own: they go with their signal.

"Last use" is computed, not stored: the latest of the signal's own change (updated_at),
its confirmations, and what other apps report through ``register_usage`` (kernteam: the
links to cases and those cases' closing; bob: decisions and action updates citing it).
A signal linked to an open case is in use now and is left alone. Anonymising does not
count as a use: it leaves updated_at as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import DateTimeField, Expression, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from samos.retention.registry import Category, Handling, Outcome
from samos.retention.services import cutoff, in_batches

from .models import Attachment, Confirmation, Signal, SignalRevision
from .services import ANONYMISED_TEXT, _delete_files


@dataclass(frozen=True)
class Usage:
    """What another app knows about the use of signals; each part is optional.

    ``last_use()``: an expression over Signal rows (``OuterRef("pk")`` in a subquery) giving
    a moment of use or NULL. ``linked()``: a Q of signals that belong to a case record.
    ``in_use()``: a Q of signals in use right now (linked to an open case).
    """

    last_use: Callable[[], Expression] | None = None
    linked: Callable[[], Q] | None = None
    in_use: Callable[[], Q] | None = None


_lock = threading.Lock()
_usages: dict[str, Usage] = {}


def register_usage(name: str, usage: Usage) -> None:
    with _lock:
        _usages[name] = usage


def _usage_list() -> list[Usage]:
    with _lock:
        return [usage for _name, usage in sorted(_usages.items())]


def latest_of_subquery(queryset: QuerySet, field: str, *, signal_field: str) -> Subquery:
    """MAX(FIELD) over the rows of QUERYSET that point to the outer signal."""
    return Subquery(
        queryset.filter(**{signal_field: OuterRef("pk")})
        .order_by()
        .values(signal_field)
        .annotate(latest=Max(field))
        .values("latest")[:1],
        output_field=DateTimeField(),
    )


def with_last_use(queryset: QuerySet) -> QuerySet:
    """Annotate ``last_use``. Every part is COALESCEd with updated_at: SQLite's MAX() of
    several arguments is NULL as soon as one of them is."""
    parts = [latest_of_subquery(Confirmation.objects.all(), "created_at", signal_field="signal")]
    parts += [usage.last_use() for usage in _usage_list() if usage.last_use]
    return queryset.annotate(
        last_use=Greatest(F("updated_at"), *(Coalesce(part, F("updated_at")) for part in parts))
    )


def _excluding(queryset: QuerySet, kind: str) -> QuerySet:
    for usage in _usage_list():
        hook = getattr(usage, kind)
        if hook is not None:
            queryset = queryset.exclude(hook())
    return queryset


def personal_data_due(*, now) -> QuerySet:
    limit = cutoff(now=now, months=settings.SAMOS_RETENTION_PERSONAL_DATA_MONTHS)
    queryset = _excluding(Signal.objects.filter(contains_personal_data=True), "in_use")
    return with_last_use(queryset).filter(last_use__lt=limit)


def unlinked_due(*, now) -> QuerySet:
    limit = cutoff(now=now, months=settings.SAMOS_RETENTION_UNLINKED_SIGNAL_MONTHS)
    queryset = _excluding(_excluding(Signal.objects.all(), "linked"), "in_use")
    return with_last_use(queryset).filter(last_use__lt=limit)


def _lock_still_due(due: QuerySet, pks: list[int]) -> list[int]:
    """Lock the batch, then ask again: a signal used since the candidates were read stays."""
    list(Signal.objects.select_for_update().filter(pk__in=pks).values_list("pk", flat=True))
    return list(due.filter(pk__in=pks).values_list("pk", flat=True))


def _remove_attachments(signal_pks: list[int]) -> int:
    """Delete the attachment rows now and their files once the transaction commits."""
    attachments = Attachment.objects.filter(signal_id__in=signal_pks)
    paths = list(attachments.values_list("path", flat=True))
    attachments.delete()
    transaction.on_commit(lambda: _delete_files(paths))
    return len(paths)


def enforce_personal_data(*, now, batch_size) -> Outcome:
    def handle(pks):
        due = _lock_still_due(personal_data_due(now=now), pks)
        if not due:
            return Outcome()
        files = _remove_attachments(due)
        Confirmation.objects.filter(signal_id__in=due).update(observation=ANONYMISED_TEXT)
        SignalRevision.objects.filter(signal_id__in=due).update(reason="")
        # A queryset update leaves updated_at alone: anonymising is not a use.
        count = Signal.objects.filter(pk__in=due).update(
            observation=ANONYMISED_TEXT,
            impression="",
            status_reason="",
            contains_personal_data=False,
        )
        return Outcome(count=count, files=files)

    return in_batches(personal_data_due(now=now), handle, batch_size=batch_size)


def enforce_unlinked(*, now, batch_size) -> Outcome:
    def handle(pks):
        due = _lock_still_due(unlinked_due(now=now), pks)
        if not due:
            return Outcome()
        files = _remove_attachments(due)
        _deleted, by_model = Signal.objects.filter(pk__in=due).delete()
        return Outcome(count=by_model.get(Signal._meta.label, 0), files=files)

    return in_batches(unlinked_due(now=now), handle, batch_size=batch_size)


PERSONAL_DATA_SIGNALS = Category(
    code="signalen.persoonsgegevens",
    label=_("signalen met persoonsgegevens"),
    handling=Handling.ANONYMISE,
    setting="SAMOS_RETENTION_PERSONAL_DATA_MONTHS",
    enforce=enforce_personal_data,
    order=20,
)
UNLINKED_SIGNALS = Category(
    code="signalen.ongekoppeld",
    label=_("signalen zonder casus"),
    handling=Handling.DELETE,
    setting="SAMOS_RETENTION_UNLINKED_SIGNAL_MONTHS",
    enforce=enforce_unlinked,
    order=30,
)
