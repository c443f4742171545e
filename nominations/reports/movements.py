"""The movements form 0601 counts: one function, read by the form and by the narrative report.

Form 0601 (TT 02/2023/TT-BNV) counts the movements launched (phát động) in the period, by the level
that launched them, their scope, their duration and their kind. The catalog's movements carry those
attributes as optional fields (``Movement.launched_on``, ``launch_level``, ``scope``, ``kind``,
``duration_months``); a movement entered before them, or without one of them, is still counted, with
what its other fields say:

- launched: ``launched_on``, else 1/1 of its first year;
- a yearly regular movement ("thi đua thường xuyên hằng năm") is launched again every year it runs:
  it counts in each reporting year from its first to its last (or every year when open-ended), once
  per period, on its launch day of that year; its duration is one year;
- level: the province's when blank (the catalog is the province Council's);
- scope: from the level when blank (central → nationwide, province → the province, unit → the unit);
- kind: regular when it runs one year or is open-ended, thematic otherwise;
- duration: ``duration_months``, else its years (first to last), else one year.

Each movement counted says which of these it took from its own fields and which it inferred, so the
screen can tell the office what to complete. A movement the Standing agency runs here (created,
then launched with its document) carries all of them; a draft is not counted: it was not launched.
The movements are read once and classified here.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from ..models import Movement
from ..vocabulary import MovementStatus
from .period import Period

L, S, K = Movement.LaunchLevel, Movement.Scope, Movement.Kind
SCOPE_OF_LEVEL = {L.CENTRAL: S.NATIONAL, L.PROVINCE: S.SECTOR, L.UNIT: S.UNIT}


@dataclass(frozen=True)
class LaunchedMovement:
    pk: int
    name: str
    launched_on: date
    launch_level: str
    scope: str
    kind: str
    months: int
    inferred: tuple[str, ...] = ()  # the attributes not entered, taken from the others

    @property
    def duration_row(self) -> str:
        """The duration row of form 0601: 06 under a year … 10 five years or more."""
        if self.months < 12:
            return "06"
        if self.months == 12:
            return "07"
        if self.months < 36:
            return "08"
        if self.months < 60:
            return "09"
        return "10"


def _on_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29/2 in a year without it
        return day.replace(year=year, day=28)


def _launch_in(movement: Movement, kind: str, period: Period) -> date | None:
    first = movement.launched_on or (date(movement.start_year, 1, 1) if movement.start_year else None)
    if first is None:
        return None
    if kind != K.REGULAR:
        return first if period.start <= first <= period.end else None
    last_year = movement.end_year or period.end.year
    for year in range(max(first.year, period.start.year), min(last_year, period.end.year) + 1):
        day = first if year == first.year else _on_year(first, year)
        if period.start <= day <= period.end:
            return day
    return None


def launched_movements(period: Period) -> list[LaunchedMovement]:
    """The movements launched in ``period``, each with the form's attributes (entered or inferred)."""
    candidates = Movement.objects.exclude(status=MovementStatus.DRAFT).filter(
        Q(launched_on__lte=period.end) | Q(launched_on__isnull=True, start_year__lte=period.end.year)
    )
    out = []
    for m in candidates.order_by("pk"):
        inferred = []
        level, scope, kind = m.launch_level, m.scope, m.kind
        if not level:
            level = L.PROVINCE
            inferred.append("launch_level")
        if not scope:
            scope = SCOPE_OF_LEVEL[level]
            inferred.append("scope")
        if not kind:
            one_year = m.end_year is None or m.start_year in (None, m.end_year)
            kind = K.REGULAR if one_year else K.THEMATIC
            inferred.append("kind")
        launched = _launch_in(m, kind, period)
        if launched is None:
            continue
        if not m.launched_on:
            inferred.append("launched_on")
        if kind == K.REGULAR and (m.end_year is None or m.start_year != m.end_year):
            months = 12  # this year's launch of a yearly movement
        elif m.duration_months:
            months = m.duration_months
        elif m.start_year and m.end_year:
            months = (m.end_year - m.start_year + 1) * 12
        else:
            months = 12
            inferred.append("duration_months")
        out.append(LaunchedMovement(m.pk, m.name, launched, level, scope, kind, months, tuple(inferred)))
    return out
