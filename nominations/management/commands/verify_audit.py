from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nominations.audit import verify_chain


class Command(BaseCommand):
    help = "Kiểm tra chuỗi băm của nhật ký: báo dòng đầu tiên bị sửa/xóa, hoặc OK kèm số dòng."

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.ok and report.reason == "truncated":
            raise CommandError(
                f"Nhật ký bị cắt bớt hoặc dựng lại: mốc kiểm chứng đã ký ghi dòng #{report.broken_id}, "
                f"nay không còn khớp ({report.count} dòng hiện có)."
            )
        if not report.ok and report.reason == "unkeyed":
            raise CommandError(
                f"Nhật ký bị cắt bớt hoặc dựng lại không có khóa: dòng #{report.broken_id} mang băm không khóa "
                f"(chỉ các dòng đến #{settings.AUDIT_PLAIN_ROWS_UNTIL}, ghi trước khi có AUDIT_KEY, được phép)."
            )
        if not report.ok:
            what = "nội dung đã bị sửa" if report.reason == "hash" else "liên kết với dòng trước bị đứt"
            raise CommandError(
                f"Nhật ký bị can thiệp tại dòng #{report.broken_id} ({what}); "
                f"{report.count} dòng trước đó hợp lệ."
            )
        self.stdout.write(f"OK: {report.count} dòng nhật ký, chuỗi băm toàn vẹn.")
