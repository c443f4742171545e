from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nominations.backup import BackupError, restore


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống và thư mục tệp (rồi chạy verify_audit)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--database-url", required=True, help="CSDL đích, trống (PostgreSQL) hoặc tệp SQLite mới"
        )
        parser.add_argument("--media-root", default=settings.MEDIA_ROOT)
        parser.add_argument("--anchor-file", default=settings.AUDIT_ANCHOR_FILE)

    def handle(self, *args, **options):
        try:
            manifest = restore(
                Path(options["archive"]),
                database_url=options["database_url"],
                media_root=Path(options["media_root"]),
                anchor_file=Path(options["anchor_file"]),
            )
        except BackupError as exc:
            raise CommandError(f"Khôi phục không thành công: {exc}") from exc
        self.stdout.write(
            f"Đã khôi phục: {manifest['audit_events']} dòng nhật ký, {len(manifest['documents'])} tệp hồ sơ "
            "(đã đối chiếu SHA-256)."
        )
