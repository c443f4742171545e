"""Benchmark: a unit imports a batch of N rows from the Vietnamese template, imports it again,
records its council's meeting once, and submits the letter.

Builds a unit with its clerk in a throwaway database (``test_<name>`` of DATABASE_URL), fills the
template the screen offers (``batch_template_workbook``) with N people, then times, through the same
services and door the screens use: the first import (N created), the same file again (N unchanged),
the unit council's meeting linked to every entry (its minutes count as each one's "Biên bản họp
xét"), and "Nộp tất cả". Prints the time and the SQL statements of each step (BEGIN/COMMIT not
counted). Not a test: it asserts nothing about time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt \\
        .venv/bin/python benchmarks/bench_batch_import.py --rows 1000
"""

import argparse
import io
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000, help="people in the batch's file")
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.getLogger("django-q").setLevel(logging.WARNING)
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run(args.rows)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


class Statements:
    """Counts the statements a step issues, by their first word (SELECT, INSERT, UPDATE…)."""

    def __init__(self):
        self.kinds = Counter()

    def __call__(self, execute, sql, params, many, context):
        self.kinds[sql.lstrip().split(" ", 1)[0].upper()] += 1
        return execute(sql, params, many, context)

    @property
    def total(self) -> int:
        return sum(self.kinds.values())

    def __str__(self):
        return ", ".join(f"{k} {v}" for k, v in self.kinds.most_common())


def run(n: int):
    from decimal import Decimal

    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.utils import timezone
    from openpyxl import load_workbook

    from nominations import services
    from nominations.models import AwardAuthority, AwardType, Nomination, Role, Unit, User
    from workflows import actions

    unit = Unit.objects.create(code="BENCH_SO", name="Sở Đo hiệu năng", kind="department")
    award = AwardType.objects.create(
        code="LDTT",
        name="Lao động tiên tiến",
        level="grassroots",
        nominee_kinds=["individual"],
        routes=["annual"],
        required_documents=["to_trinh", "bien_ban"],
        reward_coefficient=Decimal("0.3"),
    )
    AwardAuthority.objects.create(award_type=award, decider="unit_head", council="unit", vote_required=False)
    clerk = User.objects.create(username="bench_clerk", unit=unit)
    clerk.groups.add(Group.objects.get_or_create(name=Role.UNIT_CLERK)[0])

    # The template as the screen offers it, filled with N people the Vietnamese way.
    book = load_workbook(io.BytesIO(services.batch_template_workbook()))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for i in range(n):
        values = {
            "Đối tượng": "Cá nhân",
            "Họ tên / Tên tập thể": f"Nguyễn Văn {i:04d}",
            "Giới tính": "Nam",
            "Năm sinh": 1970 + i % 30,
            "Ngày sinh (dd/mm/yyyy)": f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1970 + i % 30}",
            "Chức vụ, đơn vị công tác": "Chuyên viên",
            "Số CCCD": f"034{i:09d}",
            "Danh hiệu, hình thức khen thưởng": "Lao động tiên tiến",
            "Hình thức xét": "Thường xuyên",
            "Tóm tắt thành tích": "Hoàn thành tốt nhiệm vụ năm 2026.",
        }
        sheet.append([values.get(h, "") for h in header])
    buffer = io.BytesIO()
    book.save(buffer)
    content = buffer.getvalue()

    def upload():
        return SimpleUploadedFile("danh-sach.xlsx", content)

    batch = services.batch_create(
        actor=clerk, title="Đề nghị công nhận Lao động tiên tiến năm 2026", year=2026
    )
    services.batch_document_add(
        batch=batch, actor=clerk, kind="to_trinh", uploaded=SimpleUploadedFile("tt.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    steps = []

    def step(label, call):
        counter = Statements()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            result = call()
        steps.append((label, time.perf_counter() - started, counter))
        return result

    first = step(
        "import (new rows)",
        lambda: services.batch_import_nominees(batch=batch, actor=clerk, uploaded=upload()),
    )
    again = step(
        "same file again", lambda: services.batch_import_nominees(batch=batch, actor=clerk, uploaded=upload())
    )
    ids = list(batch.nominations.values_list("pk", flat=True))
    step(
        "one council meeting",
        lambda: services.meeting_record(
            actor=clerk,
            kind="unit",
            held_on=timezone.localdate(),
            members_total=9,
            members_present=8,
            minutes=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%%EOF\n"),
            nominations=ids,
        ),
    )
    submitted = step("submit the letter", lambda: actions.submit_batch(user=clerk, batch_id=batch.pk))
    waiting = Nomination.objects.filter(batch=batch, status="unit_signature").count()

    print(f"database                 {connection.vendor}")
    print(f"rows in the file         {n} ({len(content) / 1024:.0f} KiB XLSX)")
    print(f"first import             created {first.created}, errors {len(first.errors)}")
    print(
        f"second import            created {again.created}, updated {again.updated}, unchanged {again.unchanged}"
    )
    print(f"submitted                {len(submitted)} (waiting for the head's signature: {waiting})")
    for label, seconds, counter in steps:
        print(
            f"{label:24} {seconds:8.2f} s  {counter.total:6d} SQL ({counter.total / n:.1f} per row)  [{counter}]"
        )
    total = sum(s for _l, s, _c in steps if _l != "same file again")
    print(f"{'import + meeting + submit':24} {total:8.2f} s")


if __name__ == "__main__":
    main()
