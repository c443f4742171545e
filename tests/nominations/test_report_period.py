"""The reporting period (1/12–30/11) and its neighbours; the SVG chart helper."""

from datetime import date

import pytest

from nominations.exceptions import InvalidInput
from nominations.reports import Period, current_reporting_year, first_half, parse_period, reporting_year


def test_the_reporting_year_runs_from_1_december_to_30_november():
    p = reporting_year(2026)
    assert (p.start, p.end, p.kind) == (date(2025, 12, 1), date(2026, 11, 30), "reporting_year")
    assert p.label == "Từ ngày 01/12/2025 đến ngày 30/11/2026"
    assert current_reporting_year(date(2026, 11, 30)) == p
    assert current_reporting_year(date(2026, 12, 1)) == reporting_year(2027)


def test_the_year_before_keeps_the_dates_and_29_february_becomes_28():
    assert reporting_year(2026).previous_year() == reporting_year(2025)
    assert Period(date(2024, 2, 29), date(2024, 6, 30)).previous_year() == Period(
        date(2023, 2, 28), date(2023, 6, 30)
    )
    assert first_half(2026).kind == "first_half" and first_half(2026).end == date(2026, 6, 30)


@pytest.mark.parametrize(
    "start,end,message",
    [
        ("2026-02-30", "2026-03-01", "không hợp lệ"),
        ("2026-12-01", "2026-11-30", "sau ngày bắt đầu"),
        ("2010-01-01", "2026-01-01", "tối đa 5 năm"),
        ("", "2026-01-01", "cả ngày bắt đầu và ngày kết thúc"),
        ("2026-01-01", None, "cả ngày bắt đầu và ngày kết thúc"),
    ],
)
def test_bad_periods_are_told_in_vietnamese(start, end, message):
    with pytest.raises(InvalidInput) as caught:
        parse_period(start, end)
    assert message in str(caught.value.message)


def test_no_dates_means_the_current_reporting_year():
    assert parse_period(None, None).kind == "reporting_year"


def test_the_chart_helper_escapes_text_and_formats_numbers():
    from web.charts import bar_chart, line_chart

    svg = bar_chart(title="<b>Khen thưởng</b>", categories=["A&B"], series=[("2026", [12345])])
    assert svg.startswith("<svg") and "&lt;b&gt;Khen thưởng&lt;/b&gt;" in svg and "<b>" not in svg
    assert "A&amp;B" in svg and "12.345" in svg
    empty = line_chart(title="Trống", categories=[], series=[("Nộp", [])])
    assert empty.startswith("<svg") and "</svg>" in empty
