from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nominations.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu, tệp hồ sơ và mốc kiểm chứng nhật ký vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="tệp đích (mặc định backup-YYYYmmdd-HHMM.tar.gz)")

    def handle(self, *args, **options):
        output = Path(options["output"] or f"backup-{timezone.localtime():%Y%m%d-%H%M}.tar.gz")
        try:
            manifest = backup(output)
        except BackupError as exc:
            raise CommandError(f"Sao lưu không thành công: {exc}") from exc
        self.stdout.write(
            f"Đã sao lưu vào {output}: {manifest['audit_events']} dòng nhật ký, "
            f"{len(manifest['documents'])} tệp hồ sơ."
        )
