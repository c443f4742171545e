"""Lift the login lockout of one or more accounts at once (every address), e.g. the Chairman's."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from web import lockout


class Command(BaseCommand):
    help = "Mở khóa đăng nhập cho tài khoản bị khóa do nhập sai mật khẩu nhiều lần (mọi địa chỉ mạng)."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+")

    def handle(self, *args, usernames, **options):
        known = set(
            get_user_model().objects.filter(username__in=usernames).values_list("username", flat=True)
        )
        unknown = [name for name in usernames if name not in known]
        if unknown:
            raise CommandError(f"Không có tài khoản: {', '.join(unknown)}")
        for name in usernames:
            lockout.unlock(name)
            self.stdout.write(f"Đã mở khóa đăng nhập: {name}")
