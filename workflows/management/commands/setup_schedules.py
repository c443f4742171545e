from django.core.management.base import BaseCommand

from workflows.schedules import SCHEDULES, ensure_schedules


class Command(BaseCommand):
    help = "Tạo (hoặc cập nhật) các lịch chạy nền của django-q2; chạy lại không thay đổi gì."

    def handle(self, *args, **options):
        changed = ensure_schedules()
        for name in SCHEDULES:
            state = "đã tạo/cập nhật" if name in changed else "đã có, giữ nguyên"
            self.stdout.write(f"- {name}: {state}")
