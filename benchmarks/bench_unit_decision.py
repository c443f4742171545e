"""Benchmark: a unit head signs ONE decision of N annual titles (Lao động tiên tiến).

Builds a unit with its clerk and head in a throwaway database (``test_<name>``
of DATABASE_URL), prepares N titles through the real services and the door
(one letter, submitted at once), then times the head's draft and signature
and counts the SQL statements the signature issued. Not a test: it asserts
nothing about time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt \\
        .venv/bin/python benchmarks/bench_unit_decision.py --titles 500
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--titles", type=int, default=500, help="titles in the one decision")
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.getLogger("django-q").setLevel(logging.WARNING)
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run(args.titles)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(n: int):
    from datetime import date
    from decimal import Decimal

    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from demo.ca import signing_material
    from nominations import services
    from nominations.models import (
        AwardAuthority,
        AwardType,
        BaseSalary,
        Nomination,
        Role,
        SigningMethod,
        Unit,
        User,
    )
    from workflows import actions

    signing_material()
    BaseSalary.objects.create(amount=2_340_000, effective_from=date(2024, 7, 1))
    unit = Unit.objects.create(
        code="BENCH_SO", name="Sở Đo hiệu năng", kind="department", register_code="SĐHN"
    )
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
    head = User.objects.create(username="bench_head", unit=unit, position="Giám đốc Sở Đo hiệu năng")
    head.groups.add(Group.objects.get_or_create(name=Role.UNIT_HEAD)[0])
    SigningMethod.objects.create(user=head, kind=SigningMethod.Kind.DEMO)  # the head's own (demo) key

    t0 = time.perf_counter()
    batch = services.batch_create(actor=clerk, title="Đề nghị công nhận Lao động tiên tiến", year=2026)
    for kind in ("to_trinh", "bien_ban"):
        pdf = SimpleUploadedFile(f"{kind}.pdf", b"%PDF-1.4\n%%EOF\n")
        services.batch_document_add(batch=batch, actor=clerk, kind=kind, uploaded=pdf)
    for i in range(n):
        services.batch_add_nomination(
            batch=batch,
            actor=clerk,
            award_type=award,
            route="annual",
            nominee_kind="individual",
            nominee_name=f"Nguyễn Văn {i}",
            nominee_gender="male",
            nominee_birth_year=1980,
            nominee_position="Chuyên viên",
            achievements="Hoàn thành tốt nhiệm vụ.",
        )
    prepared = time.perf_counter()
    submitted = actions.submit_batch(user=clerk, batch_id=batch.pk)
    t_submit = time.perf_counter()
    decision = services.decision_create_draft(actor=head, nomination_ids=[x.pk for x in submitted])
    t_draft = time.perf_counter()
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(1)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        signed = actions.sign_decision(user=head, decision_id=decision.pk)
    t_sign = time.perf_counter()
    awarded = Nomination.objects.filter(batch=batch, status="awarded").count()

    print(f"database                 {connection.vendor}")
    print(f"titles                   {n} (awarded: {awarded}, decision {signed.number})")
    print(f"clerk prepares (service) {prepared - t0:8.2f} s")
    print(f"letter submitted at once {t_submit - prepared:8.2f} s")
    print(f"head's draft             {t_draft - t_submit:8.2f} s")
    print(
        f"head signs the decision  {t_sign - t_draft:8.2f} s  ({len(statements)} SQL statements, "
        f"{len(statements) / n:.1f} per title)"
    )


if __name__ == "__main__":
    main()
