"""Every read of cases, with the visibility rule in one place."""

from django.db.models import QuerySet
from django.http import Http404

from .models import Case
from .permissions import can_read_cases


def case_list_visible_for(*, user, include_exercises: bool = True) -> QuerySet[Case]:
    if not can_read_cases(user):
        return Case.objects.none()
    cases = Case.objects.prefetch_related("areas", "themes").select_related("opened_by")
    return cases if include_exercises else cases.filter(is_exercise=False)


def case_get_for(*, user, uuid) -> Case:
    case = case_list_visible_for(user=user).filter(uuid=uuid).first()
    if case is None:
        raise Http404
    return case
