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
import time
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
    from django.db.models import Max
    from django.test.utils import CaptureQueriesContext

    from nominations.models import Decision, DecisionLine, Nomination, User
    from nominations.reports import DIMENSIONS, FORMS, build_form, reporting_year, summary
    from nominations.reports.narrative import report_docx
    from nominations.reports.xlsx import form_workbook
    from workflows.models import TaskDeadline
    from workflows.reports import processing_times

    user = User.objects.get(username=args.username) if args.username else None
    year = args.year
    if year is None:
        last = Decision.objects.filter(status="signed").aggregate(last=Max("decision_date"))["last"]
        year = (last.year + (1 if last and last.month == 12 else 0)) if last else 2026
    period = reporting_year(year)
    print(
        f"database: {connection.settings_dict['NAME']}  period: {period.label}  scope: {args.username or 'tỉnh'}"
    )
    print(
        f"rows: nominations {Nomination.objects.count():,}, decision lines {DecisionLine.objects.count():,}, "
        f"decisions {Decision.objects.count():,}, task deadlines {TaskDeadline.objects.count():,}"
    )
    jobs = [(f"form {code}", lambda c=code: build_form(c, period, user)) for code in FORMS]
    jobs += [(f"summary by {key}", lambda k=key: summary(period, user, k)) for key in DIMENSIONS]
    jobs.append(("processing times", lambda: processing_times(period, user)))
    header = {
        "reporting_unit": "UBND tỉnh",
        "receiving_unit": "Bộ Nội vụ",
        "place": "Hưng Yên",
        "today": period.end,
    }
    jobs.append(
        (
            "XLSX of the five forms",
            lambda: form_workbook([build_form(c, period, user) for c in FORMS], **header),
        )
    )
    docx_header = {k: header[k] for k in ("reporting_unit", "place", "today")}
    jobs.append(("DOCX annual report", lambda: report_docx(period, user, **docx_header)))

    results = []
    for name, job in jobs:
        best = None
        captured = None
        for _ in range(max(1, args.repeat)):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                job()
                elapsed = time.perf_counter() - started
            if best is None or elapsed < best:
                best, captured = elapsed, list(queries.captured_queries)
        results.append((name, best, captured))
        print(f"{name:<28} {best:7.3f} s  ({len(captured)} SQL)")

    name, elapsed, queries = max(results, key=lambda r: r[1])
    slowest = max(queries, key=lambda q: float(q["time"]))
    print(f"\nslowest: {name} ({elapsed:.3f} s); its slowest statement ({float(slowest['time']):.3f} s):")
    print(slowest["sql"][:2000])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
        print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
