"""Benchmark: one deadline sweep over N open tasks of which D are due.

Builds the data in a throwaway database (``test_<name>`` of DATABASE_URL),
runs the sweep twice (the second run must find nothing new) and prints the
figures. Not a test: it asserts nothing about time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt \\
        .venv/bin/python benchmarks/bench_sweep.py --open 100000 --due 1000
"""

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=100_000, help="open tasks")
    parser.add_argument("--due", type=int, default=1_000, help="of which due (overdue)")
    parser.add_argument(
        "--movements", type=int, default=0, help="movements whose participants' plans are open (not yet due)"
    )
    parser.add_argument("--participants", type=int, default=2_000, help="participating units per movement")
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.getLogger("django-q").setLevel(logging.WARNING)  # one line per enqueued e-mail otherwise
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        run(args.open, args.due, args.movements, args.participants)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(n_open: int, n_due: int, n_movements: int = 0, n_participants: int = 0):
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone
    from viewflow.workflow.models import Process, Task

    from nominations.models import AwardType, Nomination, Role, Unit, User
    from workflows.flows import NominationFlow
    from workflows.models import DeadlineEvent, Notification, TaskDeadline
    from workflows.sweep import sweep_deadlines

    t0 = time.perf_counter()
    now = timezone.now()
    unit = Unit.objects.create(code="BENCH", name="Đơn vị đo hiệu năng", kind="department")
    award = AwardType.objects.create(code="BENCH", name="Bằng khen", level="province", reward_coefficient=1)
    clerk = User.objects.create(username="bench_clerk", unit=unit)
    for i in range(3):
        user = User.objects.create(username=f"bench_appraiser_{i}", email=f"a{i}@bench.test")
        user.groups.add(Group.objects.get_or_create(name=Role.APPRAISER)[0])
    head = User.objects.create(username="bench_head", email="head@bench.test")
    head.groups.add(Group.objects.get_or_create(name=Role.AGENCY_HEAD)[0])

    batch = 5_000
    with transaction.atomic():
        for start in range(0, n_open, batch):
            size = min(batch, n_open - start)
            noms = Nomination.objects.bulk_create(
                [
                    Nomination(
                        unit=unit,
                        award_type=award,
                        year=2026,
                        nominee_name=f"Nguyễn Văn {start + i}",
                        nominee_name_search=f"nguyen van {start + i}",
                        achievements="—",
                        status=Nomination.Status.COUNCIL_REVIEW,
                        created_by=clerk,
                    )
                    for i in range(size)
                ]
            )
            procs = Process.objects.bulk_create(
                [Process(flow_class=NominationFlow, status="NEW") for _ in range(size)]
            )
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO workflows_nominationprocess (process_ptr_id, nomination_id) VALUES (%s, %s)",
                    [(p.pk, n.pk) for p, n in zip(procs, noms, strict=True)],
                )
            tasks = Task.objects.bulk_create(
                [
                    Task(process=p, flow_task=NominationFlow.appraisal, flow_task_type="HUMAN", status="NEW")
                    for p in procs
                ]
            )
            deadlines = []
            for i, (task, nom) in enumerate(zip(tasks, noms, strict=True)):
                due = start + i < n_due
                due_at = now - timedelta(hours=1) if due else now + timedelta(days=30)
                deadlines.append(
                    TaskDeadline(
                        task=task,
                        nomination=nom,
                        stage="appraisal",
                        working_days=10,
                        started_at=now - timedelta(days=14),
                        due_at=due_at,
                        remind_at=due_at - timedelta(days=2),
                        escalate_at=due_at + timedelta(days=3),
                    )
                )
            TaskDeadline.objects.bulk_create(deadlines)
    n_requests = open_requests(now, n_movements, n_participants) if n_movements else 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    build = time.perf_counter() - t0

    t1 = time.perf_counter()
    counts = sweep_deadlines(now=now)
    first = time.perf_counter() - t1
    t2 = time.perf_counter()
    again = sweep_deadlines(now=now)
    second = time.perf_counter() - t2

    print(f"database            : {connection.vendor}")
    print(f"open tasks          : {n_open}")
    print(f"due (overdue) tasks : {n_due}")
    print(f"open requests       : {n_requests} ({n_movements} movements x {n_participants} units, none due)")
    print(f"data built in       : {build:.1f} s")
    print(f"sweep #1            : {first:.2f} s  events={counts}")
    print(f"  per due task      : {first / max(n_due, 1) * 1000:.2f} ms")
    print(f"sweep #2 (no-op)    : {second:.3f} s  events={again}")
    print(f"deadline events     : {DeadlineEvent.objects.count()}")
    print(f"notifications       : {Notification.objects.count()}")


def open_requests(now, n_movements: int, n_participants: int) -> int:
    """Movements launched to their participants, each plan open and due in a month: the sweep's
    request source has that many open deadlines, none of them due."""
    from django.db import transaction

    from nominations.models import Movement, MovementRequest, Unit
    from workflows.models import RequestDeadline

    with transaction.atomic():
        units = Unit.objects.bulk_create(
            [
                Unit(code=f"BENCH_P{i}", name=f"Đơn vị tham gia {i}", kind="commune")
                for i in range(n_participants)
            ]
        )
        for m in range(n_movements):
            movement = Movement.objects.create(name=f"Phong trào {m}", status="launched")
            requests = MovementRequest.objects.bulk_create(
                [
                    MovementRequest(
                        movement=movement, unit=u, kind="plan", due_date=(now + timedelta(days=30)).date()
                    )
                    for u in units
                ],
                batch_size=2_000,
            )
            RequestDeadline.objects.bulk_create(
                [
                    RequestDeadline(
                        request=r,
                        unit_id=r.unit_id,
                        stage="movement_plan",
                        started_at=now,
                        due_at=now + timedelta(days=30),
                        remind_at=now + timedelta(days=28),
                        escalate_at=now + timedelta(days=33),
                    )
                    for r in requests
                ],
                batch_size=2_000,
            )
    return n_movements * n_participants


if __name__ == "__main__":
    main()
