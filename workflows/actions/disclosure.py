"""Opening a public comment window: at least 10 working days on the official calendar."""

from django.utils import timezone

from nominations import services

from ..calendar import WorkingCalendar

MIN_WORKING_DAYS = 10  # Decree 98/2023 Art. 46(2)


def open_disclosure(*, nomination, actor, working_days: int = MIN_WORKING_DAYS, ip=None):
    days = max(int(working_days), MIN_WORKING_DAYS)
    opens_on = timezone.localdate()
    closes_on = WorkingCalendar().add_working_days(opens_on, days)
    return services.disclosure_create(
        nomination=nomination, actor=actor, opens_on=opens_on, closes_on=closes_on, ip=ip
    )
