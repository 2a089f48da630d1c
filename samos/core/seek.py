"""Keyset ("seek") pagination and capped counts: a list page costs the same at a hundred
rows as at a million.

A numbered pager needs the exact total (a COUNT over every matching row) and an OFFSET
that reads and throws away every row before the page; both grow with the table. Here a
page is "the next SIZE rows after this one" in the list's sort order (with the id as the
last, unique key, so no two rows tie), found through the sort index, and the count stops
at a cap: "meer dan 1.000" is as useful to a reader as the exact figure, and costs at
most cap + 1 rows.

The cursor in the link ("na" for the next page, "voor" for the previous one) carries the
sort values of the row at the edge of the page, signed: a changed or forged cursor, or
one signed with an old key, gives the first page. It selects a position only; whatever
the caller's queryset hides (the visibility rule) stays hidden.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.formats import number_format

AFTER = "na"
BEFORE = "voor"
CURSOR_NAMES = (AFTER, BEFORE)
_MAX_CURSOR_CHARS = 500


# --- capped counts ---------------------------------------------------------------------


@dataclass(frozen=True)
class CappedCount:
    """How many rows matched, exact up to CAP; beyond it only that there are more."""

    value: int  # at most cap + 1
    cap: int

    @property
    def over(self) -> bool:
        return self.value > self.cap

    @property
    def shown(self) -> int:
        """The figure to show: the exact count, or the cap ("meer dan <cap>")."""
        return min(self.value, self.cap)

    @property
    def display(self) -> str:
        """SHOWN with the thousands separator of the current language (1.000 in Dutch)."""
        return number_format(self.shown, force_grouping=True)

    def __bool__(self) -> bool:
        return self.value > 0


def count_cap() -> int:
    return max(1, settings.SAMOS_LIST_COUNT_CAP)


def capped_count(queryset: QuerySet, *, cap: int | None = None) -> CappedCount:
    """COUNT over at most CAP + 1 rows (a LIMIT subquery), in one query."""
    cap = count_cap() if cap is None else cap
    value = queryset.order_by().values("pk")[: cap + 1].count()
    return CappedCount(value=value, cap=cap)


# --- keyset pages ----------------------------------------------------------------------


@dataclass(frozen=True)
class SeekPage:
    """One page of a keyset-paginated list, iterable like a Paginator page."""

    object_list: list
    has_next: bool
    has_previous: bool
    next_url: str = ""
    previous_url: str = ""
    # The request's querystring without the cursor (the filters), for exports and forms.
    query_string: str = ""

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return bool(self.object_list)


def _keys(ordering: Sequence[str]) -> list[tuple[str, bool]]:
    """(field name, descending) per sort key."""
    return [(key.lstrip("-"), key.startswith("-")) for key in ordering]


def _beyond(keys: list[tuple[str, bool]], values: list, *, forward: bool) -> Q:
    """Rows strictly after (FORWARD) or before the row with VALUES in this order.

    Written as `a <= x AND (a < x OR (…rest…))` rather than `a < x OR (a = x AND …)`:
    the leading range on the first key lets the database walk its index from there.
    """
    (name, descending), *rest = keys
    value, *rest_values = values
    smaller = descending == forward  # descending and forward: the next rows are smaller
    strict = Q(**{f"{name}__{'lt' if smaller else 'gt'}": value})
    if not rest:
        return strict
    wide = Q(**{f"{name}__{'lte' if smaller else 'gte'}": value})
    return wide & (strict | _beyond(rest, rest_values, forward=forward))


def _signer(salt: str) -> signing.Signer:
    return signing.Signer(salt=f"samos.core.seek.{salt}")


def _encode(row, keys, *, salt: str) -> str:
    values = []
    for name, _descending in keys:
        value = getattr(row, name)
        values.append(value.isoformat() if hasattr(value, "isoformat") else value)
    return _signer(salt).sign_object(values, compress=True)


def _decode(raw: str, model, keys, *, salt: str) -> list | None:
    """The sort values in RAW, or None when it is not a cursor we made for these keys."""
    if not raw or len(raw) > _MAX_CURSOR_CHARS:
        return None
    try:
        values = _signer(salt).unsign_object(raw)
        if not isinstance(values, list) or len(values) != len(keys):
            return None
        decoded = []
        for (name, _descending), value in zip(keys, values, strict=True):
            parsed = model._meta.get_field(name).to_python(value)
            if parsed is None:
                return None
            decoded.append(parsed)
    except Exception:  # anything wrong with a cursor means the first page, never a 500
        return None
    return decoded


def _url(query: QueryDict, name: str | None = None, cursor: str = "") -> str:
    query = query.copy()
    if name:
        query[name] = cursor
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def seek_page(
    queryset: QuerySet,
    *,
    ordering: Sequence[str],
    params: QueryDict,
    size: int,
    salt: str,
) -> SeekPage:
    """The page of QUERYSET (sorted by ORDERING, whose last key must be unique, e.g. "id")
    that the cursor in PARAMS points at; the first page without a valid one. One query
    (two when paging back reaches the start of a list that changed meanwhile)."""
    keys = _keys(ordering)
    model = queryset.model
    query = params.copy()
    for name in CURSOR_NAMES:
        query.pop(name, None)

    direction, values = None, None
    for name, forward in ((AFTER, True), (BEFORE, False)):
        values = _decode(params.get(name, ""), model, keys, salt=salt)
        if values is not None:
            direction = forward
            break

    if direction is None:
        rows = list(queryset.order_by(*ordering)[: size + 1])
        has_previous, has_next = False, len(rows) > size
        rows = rows[:size]
    elif direction:
        rows = list(
            queryset.filter(_beyond(keys, values, forward=True)).order_by(*ordering)[: size + 1]
        )
        has_previous, has_next = True, len(rows) > size
        rows = rows[:size]
    else:
        reverse = [key[1:] if key.startswith("-") else f"-{key}" for key in ordering]
        rows = list(
            queryset.filter(_beyond(keys, values, forward=False)).order_by(*reverse)[: size + 1]
        )
        has_previous, has_next = len(rows) > size, True
        rows = rows[:size][::-1]
        if not has_previous and len(rows) < size:
            # Back at the start of a list that grew meanwhile: show a full first page.
            rows = list(queryset.order_by(*ordering)[: size + 1])
            has_next = len(rows) > size
            rows = rows[:size]
    if direction is not None and not rows:
        # Nothing beyond the cursor any more (those rows were deleted): the first page.
        return seek_page(queryset, ordering=ordering, params=query, size=size, salt=salt)

    return SeekPage(
        object_list=rows,
        has_next=has_next,
        has_previous=has_previous,
        next_url=_url(query, AFTER, _encode(rows[-1], keys, salt=salt))
        if has_next and rows
        else "",
        previous_url=_url(query, BEFORE, _encode(rows[0], keys, salt=salt))
        if has_previous and rows
        else "",
        query_string=query.urlencode(),
    )
