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

    def handle(self, *args, **options):
        try:
            manifest = restore(
                Path(options["archive"]),
                database_url=options["database_url"],
                media_root=Path(options["media_root"]),
            )
        except BackupError as exc:
            raise CommandError(f"Khôi phục không thành công: {exc}") from exc
        self.stdout.write(
            f"Đã khôi phục: {manifest['audit_events']} dòng nhật ký, {len(manifest['documents'])} tệp hồ sơ "
            "(đã đối chiếu SHA-256)."
        )
        anchor = manifest.get("backup_anchor")
        if anchor:
            self.stdout.write(
                f"Mốc kiểm chứng của bản sao lưu: đến dòng nhật ký #{anchor['last_id']} "
                f"({anchor['count']} dòng), lúc {anchor['at']}."
            )
        else:
            self.stdout.write("Bản sao lưu không có mốc kiểm chứng nhật ký.")
        self.stdout.write(
            f"Tệp mốc đang dùng ({settings.AUDIT_ANCHOR_FILE}) không bị ghi đè: verify_audit đối chiếu với nó; "
            "các dòng nhật ký ghi sau bản sao lưu (nếu có) sẽ được báo là thiếu."
        )
