"""Working days in Vietnam: weekends, public holidays and the official swaps.

Public holidays (Tết, Hùng Kings' day, 30/4, 1/5, 2/9, 24/11 from 2026, and
the substituted days off the government announces) come from the `holidays`
package's VN calendar. The CalendarAdjustment table, edited by the admin,
overrides it: extra days off, and the compensating working Saturdays that the
package cannot know.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from time import monotonic
from zoneinfo import ZoneInfo

import holidays

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
END_OF_DAY = time(17, 0)
START_OF_DAY = time(8, 0)
MAX_SPAN_DAYS = 3660  # a guard: no SLA spans ten years


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    # Pure function of the year (the law, not the admin), so it may be cached.
    return frozenset(holidays.country_holidays("VN", years=year).keys())


# The admin's adjustments per year, shared by the calendars of this process: read once per
# REFERENCE_CACHE_SECONDS (another host's edit is seen within that), dropped at once on a local edit.
_year_cache: dict[int, tuple[float, dict[date, str]]] = {}


def cache_seconds() -> float:
    """REFERENCE_CACHE_SECONDS (60 by default; the tests set 0: every read goes to the table)."""
    from django.conf import settings

    return getattr(settings, "REFERENCE_CACHE_SECONDS", 60)


def adjustments_of_year(year: int) -> dict[date, str]:
    from .models import CalendarAdjustment

    hit = _year_cache.get(year)
    now = monotonic()
    if hit is None or now - hit[0] >= cache_seconds():
        rows = dict(CalendarAdjustment.objects.filter(date__year=year).values_list("date", "kind"))
        hit = _year_cache[year] = (now, rows)
    return hit[1]


def forget_adjustments(**kwargs) -> None:
    """Signal receiver: an adjustment changed here, so every year is read again."""
    _year_cache.clear()


class WorkingCalendar:
    """Working-day arithmetic with the adjustments loaded once per year needed.

    Create one per computation (or per request): an admin's edit to the
    adjustments is seen by the next calendar, on every host.
    """

    def __init__(self):
        self._adjustments: dict[int, dict[date, str]] = {}

    def _adjustments_for(self, year: int) -> dict[date, str]:
        if year not in self._adjustments:
            self._adjustments[year] = adjustments_of_year(year)
        return self._adjustments[year]

    def is_working_day(self, day: date) -> bool:
        kind = self._adjustments_for(day.year).get(day)
        if kind == "working_day":
            return True
        if kind == "day_off":
            return False
        return day.weekday() < 5 and day not in _public_holidays(day.year)

    def add_working_days(self, start: date, n: int) -> date:
        """n > 0: the n-th working day after ``start``; n < 0: before it;
        n == 0: ``start`` if it is a working day, else the next one."""
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        day = start
        if remaining == 0:
            while not self.is_working_day(day):
                day += timedelta(days=1)
            return day
        for _ in range(MAX_SPAN_DAYS):
            day += timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
                if remaining == 0:
                    return day
        raise ValueError("working-day span too long")

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if end < start)."""
        if end == start:
            return 0
        sign = 1 if end > start else -1
        lo, hi = (start, end) if sign > 0 else (end, start)
        count = sum(1 for i in range(1, (hi - lo).days + 1) if self.is_working_day(lo + timedelta(days=i)))
        return sign * count

    def due_at(self, start: datetime, n: int) -> datetime:
        """End of the working day (17:00, Hà Nội time) n working days after ``start``'s local date."""
        local_day = start.astimezone(LOCAL).date()
        return datetime.combine(self.add_working_days(local_day, n), END_OF_DAY, tzinfo=LOCAL)

    def morning_of(self, day: date) -> datetime:
        return datetime.combine(day, START_OF_DAY, tzinfo=LOCAL)


def is_working_day(day: date) -> bool:
    return WorkingCalendar().is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    return WorkingCalendar().add_working_days(start, n)


def working_days_between(start: date, end: date) -> int:
    return WorkingCalendar().working_days_between(start, end)


def warn_if_next_year_unannounced(*, today: date | None = None) -> bool:
    """In December, tell the administrators once if next year's official day swaps are not recorded.

    The government announces them each year (Tết, 30/4–1/5, 2/9 …); the deadlines of January would
    otherwise be counted on a calendar without them.
    """
    from django.db.models import Q
    from django.utils.translation import gettext as _

    from nominations.models import Role, User

    from .models import CalendarAdjustment
    from .notify import notify

    today = today or date.today()
    if today.month != 12 or CalendarAdjustment.objects.filter(date__year=today.year + 1).exists():
        return False
    admins = User.objects.filter(Q(is_superuser=True) | Q(groups__name=Role.ADMIN), is_active=True).distinct()
    year = today.year + 1
    notify(
        recipients=list(admins),
        kind="calendar_missing",
        title=_("Chưa có lịch hoán đổi ngày làm việc năm %(year)s") % {"year": year},
        body=_(
            "Chưa ghi nhận ngày nghỉ bù, ngày làm việc bù nào cho năm %(year)s. Khi Chính phủ, Bộ Nội vụ thông báo "
            "lịch nghỉ Tết và các ngày lễ, hãy nhập vào mục Điều chỉnh lịch làm việc để hạn xử lý được tính đúng."
        )
        % {"year": year},
        url="/admin/workflows/calendaradjustment/",
        key=f"calendar-missing:{year}",
    )
    return True
