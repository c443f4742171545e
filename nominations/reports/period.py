"""The reporting period: TĐKT counts from 1/12 of the previous year to 30/11 (TT 02/2023/TT-BNV)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import InvalidInput
from ..policy.issuers import issuer_on, province_on
from ..policy.permissions import sees_province

# Wider spans are refused: nobody needs them, and they would only load the database.
MAX_SPAN_DAYS = 5 * 366


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        return _("Từ ngày %(start)s đến ngày %(end)s") % {
            "start": f"{self.start:%d/%m/%Y}",
            "end": f"{self.end:%d/%m/%Y}",
        }

    @property
    def kind(self) -> str:
        """Which of the usual periods this is, for the screens and the documents."""
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (12, 1, 11, 30) and (
            self.end.year == self.start.year + 1
        ):
            return "reporting_year"
        if self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 12, 31):
            return "year"
        if self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 6, 30):
            return "first_half"
        return "custom"

    @property
    def report_year(self) -> int:
        """The year a report of this period is for (the reporting year ends on 30/11)."""
        return self.end.year

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes at local midnight, for timestamp columns."""
        tz = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=tz),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=tz),
        )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def whole_months(self) -> bool:
        """From the 1st of a month to the last day of a month (a reporting year, a year, a half …)."""
        return self.start.day == 1 and (self.end + timedelta(days=1)).day == 1

    def previous_year(self) -> "Period":
        """The same period a year earlier ("cùng kỳ năm trước").

        Whole months compare with the same months (February ends on its own last day, 28 or 29);
        any other range compares with a range of as many days from the same day a year earlier
        (29/2 becomes 28/2), so that a leap day never makes one side a day longer."""
        if self.whole_months():
            after_end = self.end + timedelta(days=1)
            return Period(_year_earlier(self.start), _year_earlier(after_end) - timedelta(days=1))
        start = _year_earlier(self.start)
        return Period(start, start + (self.end - self.start))

    def as_dict(self) -> dict:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "kind": self.kind,
            "label": self.label,
        }


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def reporting_year(year: int) -> Period:
    """1/12 of the previous year to 30/11 of ``year``."""
    return Period(date(year - 1, 12, 1), date(year, 11, 30))


def first_half(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 6, 30))


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def current_reporting_year(today: date | None = None) -> Period:
    """The reporting year that contains ``today`` (from 1/12 it is next year's)."""
    today = today or timezone.localdate()
    return reporting_year(today.year + 1 if today.month == 12 else today.year)


def default_period(today: date | None = None) -> Period:
    """The period a report opens on: the reporting year ending on 30/11 of this year. From 1/12
    that is the year that has just ended, the one the office reports on in December; before, it is
    the year in progress."""
    today = today or timezone.localdate()
    return reporting_year(today.year)


def parse_period(raw_from, raw_to, *, default: Period | None = None) -> Period:
    """The period of ``?from=YYYY-MM-DD&to=YYYY-MM-DD``; a bad one is told in Vietnamese. Without
    dates: ``default``, else the screen's default (``default_period``)."""
    if not raw_from and not raw_to:
        return default or default_period()
    errors = {}
    parsed = {}
    missing = "to" if raw_from and not raw_to else "from" if raw_to and not raw_from else None
    if missing:
        message = _("Cần ghi cả ngày bắt đầu và ngày kết thúc của kỳ (hoặc để trống cả hai).")
        raise InvalidInput(message, fields={missing: message})
    for name, raw in (("from", raw_from), ("to", raw_to)):
        try:
            parsed[name] = date.fromisoformat(str(raw or "").strip())
        except ValueError:
            errors[name] = _("Ngày “%(value)s” không hợp lệ; hãy ghi theo dạng YYYY-MM-DD.") % {
                "value": raw or ""
            }
    if errors:
        raise InvalidInput(" ".join(errors.values()), fields=errors)
    start, end = parsed["from"], parsed["to"]
    if end < start:
        message = _("Ngày kết thúc phải sau ngày bắt đầu.")
        raise InvalidInput(message, fields={"to": message})
    if (end - start).days > MAX_SPAN_DAYS:
        message = _("Kỳ báo cáo dài tối đa 5 năm.")
        raise InvalidInput(message, fields={"to": message})
    return Period(start, end)


def header_for(user, period: Period, *, today: date | None = None) -> dict:
    """Who reports to whom, and the place on the date line: a unit to the province, the province up."""
    today = today or timezone.localdate()
    province = issuer_on(today)
    unit = getattr(user, "unit", None)
    if unit is not None and not sees_province(user):
        return {
            "reporting_unit": unit.name,
            "receiving_unit": _("Cơ quan Thường trực Hội đồng Thi đua – Khen thưởng tỉnh"),
            "place": province.place,
            "today": today,
        }
    return {
        "reporting_unit": getattr(province_on(today), "name", None) or province.name,
        "receiving_unit": _("Bộ Nội vụ (Ban Thi đua – Khen thưởng Trung ương)"),
        "place": province.place,
        "today": today,
    }
