"""The working-day calendar against the announced 2025 and 2026 schedules."""

from datetime import date, datetime

import pytest
from django.core.management import call_command

from workflows.calendar import LOCAL, WorkingCalendar, add_working_days, is_working_day, working_days_between
from workflows.models import CalendarAdjustment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Tết 2025: off Saturday 25/01 to Sunday 02/02.
        (date(2025, 1, 24), 5, date(2025, 2, 7)),
        # Saturday 26/04/2025 is worked in exchange for Friday 02/05.
        (date(2025, 4, 25), 1, date(2025, 4, 26)),
        (date(2025, 4, 25), 4, date(2025, 5, 5)),
        # Hùng Kings' day Monday 07/04/2025.
        (date(2025, 4, 4), 1, date(2025, 4, 8)),
        # National Day 01–02/09/2025 (Mon–Tue).
        (date(2025, 8, 29), 1, date(2025, 9, 3)),
        # Backwards.
        (date(2025, 2, 7), -5, date(2025, 1, 24)),
        (date(2025, 5, 5), -4, date(2025, 4, 25)),
        # New Year 2026: Thursday 01/01 to Sunday 04/01 off, Saturday 10/01 worked (12729/VPCP-KGVX).
        (date(2025, 12, 31), 1, date(2026, 1, 5)),
        (date(2026, 1, 9), 1, date(2026, 1, 10)),
        (date(2026, 1, 5), -1, date(2025, 12, 31)),
        # Tết 2026: off Saturday 14/02 to Sunday 22/02.
        (date(2026, 2, 13), 1, date(2026, 2, 23)),
        # Hùng Kings' day on Sunday 26/04/2026, observed Monday 27/04; 30/4 and 1/5 Thu–Fri.
        (date(2026, 4, 24), 1, date(2026, 4, 28)),
        (date(2026, 4, 29), 1, date(2026, 5, 4)),
        # National Day 2026: Saturday 22/08 worked, Monday 31/08 to Wednesday 02/09 off.
        (date(2026, 8, 21), 1, date(2026, 8, 22)),
        (date(2026, 8, 28), 1, date(2026, 9, 3)),
        # Ngày Văn hóa Việt Nam, Tuesday 24/11/2026, a day off from 2026.
        (date(2026, 11, 23), 1, date(2026, 11, 25)),
    ],
)
def test_announced_calendars(start, n, expected):
    assert add_working_days(start, n) == expected


def test_working_saturday_and_holidays():
    assert is_working_day(date(2025, 4, 26))
    assert not is_working_day(date(2025, 5, 2))
    assert not is_working_day(date(2025, 1, 27))
    assert not is_working_day(date(2026, 11, 24))
    assert not is_working_day(date(2026, 8, 29))  # an ordinary Saturday


def test_zero_moves_to_the_next_working_day():
    assert add_working_days(date(2025, 1, 25), 0) == date(2025, 2, 3)
    assert add_working_days(date(2025, 2, 3), 0) == date(2025, 2, 3)


def test_working_days_between():
    assert working_days_between(date(2025, 1, 24), date(2025, 2, 7)) == 5
    assert working_days_between(date(2025, 2, 7), date(2025, 1, 24)) == -5


def test_an_admin_adjustment_takes_effect_at_once():
    assert add_working_days(date(2026, 12, 30), 1) == date(2026, 12, 31)
    CalendarAdjustment.objects.create(date=date(2026, 12, 31), kind="day_off", reason="Nghỉ bù thử nghiệm")
    assert add_working_days(date(2026, 12, 30), 1) == date(2027, 1, 4)


def test_due_at_is_end_of_day_local():
    due = WorkingCalendar().due_at(datetime(2025, 1, 24, 9, 30, tzinfo=LOCAL), 5)
    assert due == datetime(2025, 2, 7, 17, 0, tzinfo=LOCAL)


def test_command_prints_the_iso_date_last(capsys):
    call_command("working_days", "2025-01-24", "5")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "2025-02-07"
    call_command("working_days", "2025-04-25", "1")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "2025-04-26"
    call_command("working_days", "2025-05-05", "-4")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "2025-04-25"


def test_command_refuses_bad_input():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("working_days", "24/01/2025", "5")
    with pytest.raises(CommandError, match="số nguyên"):
        call_command("working_days", "2025-01-24", "năm")


@pytest.mark.django_db
def test_in_december_the_administrators_are_told_once_when_next_year_has_no_swaps():
    from datetime import date

    from nominations.models import User
    from workflows.calendar import warn_if_next_year_unannounced
    from workflows.models import CalendarAdjustment, Notification

    User.objects.create(username="quantri", is_superuser=True, is_staff=True)
    assert warn_if_next_year_unannounced(today=date(2026, 11, 30)) is False  # not December yet
    assert warn_if_next_year_unannounced(today=date(2026, 12, 1)) is True
    warn_if_next_year_unannounced(today=date(2026, 12, 2))  # told once
    assert Notification.objects.filter(kind="calendar_missing").count() == 1
    CalendarAdjustment.objects.create(date=date(2027, 2, 13), kind="working_day", reason="Làm bù Tết")
    assert warn_if_next_year_unannounced(today=date(2026, 12, 3)) is False


@pytest.mark.django_db
def test_the_tet_2025_swap_saturday_is_a_working_day():
    from datetime import date

    from workflows.calendar import WorkingCalendar

    calendar = WorkingCalendar()
    assert not calendar.is_working_day(date(2025, 1, 27))  # Monday, swapped off
    assert calendar.is_working_day(date(2025, 2, 8))  # Saturday, worked instead
    # Five working days after Friday 24/01/2025: 3, 4, 5, 6, 7 February.
    assert calendar.add_working_days(date(2025, 1, 24), 5) == date(2025, 2, 7)
    assert calendar.add_working_days(date(2025, 1, 24), 6) == date(2025, 2, 8)
