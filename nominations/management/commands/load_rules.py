from django.core.management.base import BaseCommand

from nominations.policy.eligibility import ensure_default_rules


class Command(BaseCommand):
    help = "Nạp các tiêu chuẩn khen thưởng mặc định (theo Nghị định 98/2023 và 152/2025); chạy lại không trùng lặp."

    def handle(self, *args, **options):
        changed = ensure_default_rules()
        self.stdout.write(
            f"Đã tạo/cập nhật {changed} tiêu chuẩn." if changed else "Các tiêu chuẩn đã có sẵn."
        )
