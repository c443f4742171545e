from datetime import date

from django.core.management.base import BaseCommand, CommandError

from workflows.calendar import WorkingCalendar

WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]


class Command(BaseCommand):
    help = "In ngày làm việc thứ N sau (N âm: trước) một ngày, theo lịch nghỉ lễ Việt Nam. Ví dụ: working_days 2025-01-24 5"

    def add_arguments(self, parser):
        parser.add_argument("start", help="ngày bắt đầu, dạng YYYY-MM-DD")
        parser.add_argument("count", help="số ngày làm việc (âm để đếm lùi)")

    def handle(self, *args, start, count, **options):
        try:
            day = date.fromisoformat(start)
        except ValueError as exc:
            raise CommandError(
                f"Ngày không hợp lệ: “{start}”. Dùng dạng YYYY-MM-DD, ví dụ 2025-01-24."
            ) from exc
        try:
            n = int(count)
        except ValueError as exc:
            raise CommandError(f"Số ngày làm việc phải là số nguyên: “{count}”.") from exc
        if abs(n) > 2000:
            raise CommandError("Số ngày làm việc quá lớn (tối đa 2000).")
        result = WorkingCalendar().add_working_days(day, n)
        direction = "sau" if n >= 0 else "trước"
        self.stdout.write(
            f"{abs(n)} ngày làm việc {direction} {day:%d/%m/%Y} là {WEEKDAYS[result.weekday()]} {result:%d/%m/%Y}."
        )
        self.stdout.write(result.isoformat())
