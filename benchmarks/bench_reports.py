"""Benchmark: the annual statistical forms, the summary and the processing times over whatever
data the PostgreSQL database of DATABASE_URL holds (``manage.py generate_load`` fills one with
1,000,000 nominations). Read-only. Prints each report's time, then the query plan
(EXPLAIN ANALYZE) of the slowest SQL statement of the slowest report. Not a test: it asserts
nothing about time (the target is ≤ 5 s each).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench \\
        .venv/bin/python benchmarks/bench_reports.py [--year 2026] [--username truongban] [--repeat 2]
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--year", type=int, help="reporting year (1/12 of the year before to 30/11); default: latest"
    )
    parser.add_argument("--username", help="measure in this user's scope (default: the whole province)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each report; the best is printed")
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.getLogger("django-q").setLevel(logging.WARNING)
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("DATABASE_URL must name a PostgreSQL database.")
    run(args)


def run(args):
    from django.db import connection

    from demo.management.commands.benchmark import measure_reports
    from nominations.models import Decision, DecisionLine, Nomination, User
    from workflows.models import TaskDeadline

    user = User.objects.get(username=args.username) if args.username else None
    print(
        f"rows: nominations {Nomination.objects.count():,}, decision lines {DecisionLine.objects.count():,}, "
        f"decisions {Decision.objects.count():,}, task deadlines {TaskDeadline.objects.count():,}"
    )
    figures = measure_reports(args.repeat, args.year, user)
    print(
        f"database: {connection.settings_dict['NAME']}  period: {figures['period']}  scope: {args.username or 'tỉnh'}"
    )
    for row in figures["rows"]:
        print(f"{row['report']:<28} {row['seconds']:7.3f} s  ({row['queries']} SQL)")
    slowest = figures["slowest"]
    if slowest:
        print(
            f"\nslowest: {slowest['report']}; its slowest statement ({slowest['statement_seconds']:.3f} s):"
        )
        print(slowest["sql"][:2000])
        print("\n".join(slowest["plan"]))


if __name__ == "__main__":
    main()
