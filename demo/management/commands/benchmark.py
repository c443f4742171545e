"""The figures of issue 15, measured on the current database (PostgreSQL), printed and written as JSON.

    nice -n 10 python manage.py benchmark [--quick] [--json FILE]

Pages (every role's queue and list, the nomination page, search): p50/p95 server time through
Django's test Client and SQL count. Completions per second through the door with 1 and 4 client
processes, statements per completion, and pgbench TPC-B in the same run with the ratio. The deadline
sweep with K events due. Signing unit decisions of 50 and 500 while an unrelated completion runs
beside it. Peak RSS of a fresh web process (every page once) and a worker (sweep + deliveries).

It writes: completions, sweep events and signed decisions stay in the database. ``--quick`` loads
10,000 nominations first when the database has fewer, and keeps every figure to a few seconds.
Figures, never assertions: nothing here fails on time.
"""

import json
import multiprocessing
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nominations.models import Nomination, Role, User

ROLE_USERS = {
    "appraiser": Role.APPRAISER,
    "cluster_reviewer": Role.CLUSTER_REVIEWER,
    "council_secretary": Role.COUNCIL_SECRETARY,
    "leader": Role.LEADER,
    "agency_head": Role.AGENCY_HEAD,
    "unit_clerk": Role.UNIT_CLERK,
    "unit_head": Role.UNIT_HEAD,
}


def _pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _user(role, **extra):
    return User.objects.filter(groups__name=role, is_active=True, **extra).order_by("pk").first()


# --- pages ----------------------------------------------------------------------------


def page_plan():
    """(name, role user, url) for every role's queue and list page, the nomination page, search."""
    users = {key: _user(role) for key, role in ROLE_USERS.items()}
    busiest_reviewer = (
        User.objects.filter(groups__name=Role.CLUSTER_REVIEWER, username="cum_huyen").first()
        or users["cluster_reviewer"]
    )
    users["cluster_reviewer"] = busiest_reviewer
    nomination = (
        Nomination.objects.exclude(status="draft").order_by("-pk").values_list("pk", flat=True).first()
    )
    plan = [
        ("appraiser queue", "appraiser", "/cong-viec/viec-cua-toi/?q=queue"),
        ("appraiser inbox", "appraiser", "/cong-viec/viec-cua-toi/?q=inbox"),
        ("appraiser overdue", "appraiser", "/cong-viec/viec-cua-toi/?q=overdue"),
        ("reviewer queue", "cluster_reviewer", "/cong-viec/viec-cua-toi/?q=queue"),
        ("reviewer inbox", "cluster_reviewer", "/cong-viec/viec-cua-toi/?q=inbox"),
        ("secretary queue", "council_secretary", "/cong-viec/viec-cua-toi/?q=queue"),
        ("leader pending signature", "leader", "/cong-viec/cho-ky/"),
        ("oversight", "agency_head", "/cong-viec/giam-sat/"),
        ("unit clerk dossiers", "unit_clerk", "/cong-viec/ho-so-don-vi/"),
        ("unit head signature", "unit_head", "/cong-viec/cho-ky/"),
        ("nomination list", "appraiser", "/ho-so/"),
        ("nomination list page 50", "appraiser", "/ho-so/?page=50"),
        ("search 'nguyen van an'", "appraiser", "/ho-so/?q=nguyen+van+an"),
        ("search unit clerk", "unit_clerk", "/ho-so/?q=tran"),
        ("nomination page", "appraiser", f"/ho-so/{nomination}/"),
        ("API task queue", "appraiser", "/api/tasks/"),
        ("API nominations", "appraiser", "/api/nominations/"),
        ("API search", "appraiser", "/api/nominations/?search=nguyen+van+an"),
    ]
    return [(name, users[role], url) for name, role, url in plan if users[role] is not None]


def measure_pages(repeat: int) -> list[dict]:
    from django.test.utils import override_settings

    with override_settings(ALLOWED_HOSTS=["*"]):
        return _measure_pages(repeat)


def _measure_pages(repeat: int) -> list[dict]:
    results = []
    clients = {}
    for name, user, url in page_plan():
        client = clients.get(user.pk)
        if client is None:
            client = clients[user.pk] = Client()
            client.force_login(user)
        client.get(url)  # warm: templates, the session, caches
        times, queries, status = [], 0, None
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as ctx:
                t = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t) * 1000)
            queries, status = len(ctx.captured_queries), response.status_code
        results.append(
            {
                "page": name,
                "url": url,
                "user": user.username,
                "status": status,
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(_pct(times, 95), 1),
                "queries": queries,
            }
        )
    return results


# --- completions through the door ------------------------------------------------------


def completion_plan(limit: int) -> list[tuple[int, str, int, dict]]:
    """Open tasks someone can complete right now: (nomination, action, user, params)."""
    from viewflow.workflow.models import Task

    from nominations.models import Cluster
    from workflows.flows import NominationFlow

    appraiser = _user(Role.APPRAISER)
    reviewers = {}
    for cluster in Cluster.objects.prefetch_related("reviewers"):
        first = min(cluster.reviewers.all(), key=lambda u: u.pk, default=None)
        if first is not None:
            reviewers[cluster.pk] = first
    stages = {
        NominationFlow.cluster_review: ("approve_cluster", {}),
        NominationFlow.appraisal: (
            "pass_appraisal",
            {"checklist": {"criteria": True, "documents": True}, "justification": "Đo hiệu năng."},
        ),
    }
    rows = (
        Task.objects.filter(flow_task__in=list(stages), status__in=["NEW", "ASSIGNED"])
        .values_list(
            "flow_task",
            "owner_id",
            "process__nominationprocess__nomination_id",
            "process__nominationprocess__nomination__cluster_id",
        )
        .order_by("-id")[: limit * 3]
    )
    plan = []
    for node, owner_id, nomination_id, cluster_id in rows:
        action, params = stages[node]
        user = reviewers.get(cluster_id) if node == NominationFlow.cluster_review else appraiser
        if user is None or (owner_id and owner_id != user.pk):
            continue
        plan.append((nomination_id, action, user.pk, params))
        if len(plan) >= limit:
            break
    return plan


def _complete_worker(items, seconds, queue, count_statements, stop=None):
    """One client: complete the planned tasks for ``seconds`` (or until ``stop``), report figures."""
    from workflows import actions

    connections.close_all()  # a forked child opens its own connection
    users = {u.pk: u for u in User.objects.filter(pk__in={i[2] for i in items})}
    statements = [0]

    def count(execute, sql, params, many, context):
        statements[0] += 1
        return execute(sql, params, many, context)

    done, errors, latencies, kinds = 0, 0, [], {}
    deadline = time.perf_counter() + seconds
    with connection.execute_wrapper(count) if count_statements else _null():
        for nomination_id, action, user_id, params in items:
            if time.perf_counter() > deadline or (stop is not None and stop.is_set()):
                break
            t = time.perf_counter()
            try:
                actions.perform(user=users[user_id], nomination_id=nomination_id, action=action, **params)
                done += 1
            except Exception as exc:  # noqa: BLE001 — a benchmark counts what failed, and goes on
                errors += 1
                kinds[f"{action}: {type(exc).__name__}"] = kinds.get(f"{action}: {type(exc).__name__}", 0) + 1
            latencies.append((time.perf_counter() - t) * 1000)
    queue.put(
        {"done": done, "errors": errors, "statements": statements[0], "latencies": latencies, "kinds": kinds}
    )
    connections.close_all()


class _null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def run_clients(plan, clients: int, seconds: float, count_statements=False) -> dict:
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    share = [plan[i::clients] for i in range(clients)]
    connections.close_all()
    procs = [
        ctx.Process(target=_complete_worker, args=(share[i], seconds, queue, count_statements))
        for i in range(clients)
    ]
    t = time.perf_counter()
    for p in procs:
        p.start()
    reports = [queue.get() for _ in procs]
    elapsed = time.perf_counter() - t
    for p in procs:
        p.join()
    done = sum(r["done"] for r in reports)
    latencies = [x for r in reports for x in r["latencies"]]
    return {
        "clients": clients,
        "completions": done,
        "errors": sum(r["errors"] for r in reports),
        "error_kinds": [k for r in reports for k in r["kinds"]],
        "seconds": round(elapsed, 2),
        "per_second": round(done / elapsed, 1) if elapsed else 0,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(_pct(latencies, 95), 1) if latencies else None,
        "statements_each": round(sum(r["statements"] for r in reports) / done, 1)
        if count_statements and done
        else None,
    }


def pgbench(seconds: int, clients: int = 4) -> dict:
    """TPC-B on a scratch database beside ours, on the same server, in the same run."""
    db = settings.DATABASES["default"]
    scratch = f"{db['NAME']}_pgbench"
    env = dict(os.environ, PGPASSWORD=db.get("PASSWORD") or "")
    base = [
        "-h",
        db.get("HOST") or "127.0.0.1",
        "-p",
        str(db.get("PORT") or 5432),
        "-U",
        db.get("USER") or "postgres",
    ]
    subprocess.run(["dropdb", "--if-exists", *base, scratch], env=env, check=False, capture_output=True)
    subprocess.run(["createdb", *base, scratch], env=env, check=True, capture_output=True)
    try:
        subprocess.run(
            ["pgbench", "-i", "-q", "-s", "4", *base, scratch], env=env, check=True, capture_output=True
        )
        out = subprocess.run(
            ["pgbench", "-c", str(clients), "-j", "2", "-T", str(seconds), *base, scratch],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        subprocess.run(["dropdb", "--if-exists", *base, scratch], env=env, check=False, capture_output=True)
    tps = next(float(line.split("=")[1].split()[0]) for line in out.splitlines() if line.startswith("tps"))
    return {"clients": clients, "seconds": seconds, "tps": round(tps, 1)}


# --- the sweep ----------------------------------------------------------------------------


def measure_sweep(events: int) -> dict:
    """Sweep at the moment when about ``events`` reminders/overdue/escalations not yet recorded fall due."""
    from workflows.sweep import sweep_deadlines

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM workflows_taskdeadline WHERE closed_at IS NULL")
        open_count = cursor.fetchone()[0]
        cursor.execute(
            """
            SELECT at FROM (
              SELECT d.remind_at AS at FROM workflows_taskdeadline d WHERE d.closed_at IS NULL AND NOT EXISTS
                (SELECT 1 FROM workflows_deadlineevent e WHERE e.deadline_id = d.task_id AND e.kind = 'reminder')
              UNION ALL
              SELECT d.due_at FROM workflows_taskdeadline d WHERE d.closed_at IS NULL AND NOT EXISTS
                (SELECT 1 FROM workflows_deadlineevent e WHERE e.deadline_id = d.task_id AND e.kind = 'overdue')
              UNION ALL
              SELECT d.escalate_at FROM workflows_taskdeadline d WHERE d.closed_at IS NULL AND NOT EXISTS
                (SELECT 1 FROM workflows_deadlineevent e WHERE e.deadline_id = d.task_id AND e.kind = 'escalation')
            ) due ORDER BY at OFFSET %s LIMIT 1
            """,
            [max(events - 1, 0)],
        )
        row = cursor.fetchone()
    now = row[0] if row else timezone.now()
    now = min(now, timezone.now())
    statements = [0]

    def count(execute, sql, params, many, context):
        statements[0] += 1
        return execute(sql, params, many, context)

    t = time.perf_counter()
    with connection.execute_wrapper(count):
        found = sweep_deadlines(now=now)
    first = time.perf_counter() - t
    t = time.perf_counter()
    again = sweep_deadlines(now=now)
    second = time.perf_counter() - t
    total = sum(found.values()) if isinstance(found, dict) else found
    return {
        "open": open_count,
        "events": total,
        "by_kind": found,
        "seconds": round(first, 2),
        "ms_per_event": round(first * 1000 / total, 2) if total else None,
        "statements_per_event": round(statements[0] / total, 1) if total else None,
        "noop_seconds": round(second, 3),
        "noop_events": again,
    }


# --- signing a decision while someone else completes a task --------------------------------


def measure_signing(titles: int, beside_plan) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nominations import services
    from nominations.models import AwardType
    from workflows import actions

    head = _user(Role.UNIT_HEAD, unit__code="SO_GDDT") or _user(Role.UNIT_HEAD)
    clerk = _user(Role.UNIT_CLERK, unit_id=head.unit_id)
    award = AwardType.objects.get(code="LDTT")
    batch = services.batch_create(actor=clerk, title=f"Đo hiệu năng: {titles} danh hiệu", year=2026)
    for kind in award.required_documents or []:
        services.batch_document_add(
            batch=batch,
            actor=clerk,
            kind=kind,
            uploaded=SimpleUploadedFile(f"{kind}.pdf", b"%PDF-1.4\n%%EOF\n"),
        )
    for i in range(titles):
        services.batch_add_nomination(
            batch=batch,
            actor=clerk,
            award_type=award,
            route="annual",
            nominee_kind="individual",
            nominee_name=f"Lê Văn Đo {i}",
            nominee_gender="male",
            nominee_birth_year=1980,
            nominee_position="Chuyên viên",
            achievements="Hoàn thành tốt nhiệm vụ.",
        )
    submitted = actions.submit_batch(user=clerk, batch_id=batch.pk)
    decision = services.decision_create_draft(actor=head, nomination_ids=[x.pk for x in submitted])

    # An unrelated reviewer completes tasks one after another while the head signs.
    ctx = multiprocessing.get_context("fork")
    queue, stop = ctx.Queue(), ctx.Event()
    connections.close_all()
    beside = ctx.Process(target=_complete_worker, args=(beside_plan, 600, queue, False, stop))
    beside.start()
    time.sleep(0.5)
    statements = [0]
    locked = {}

    def count(execute, sql, params, many, context):
        statements[0] += 1
        if "FOR UPDATE" in sql and 'FROM "nominations_decision"' in sql:
            # The transaction that locks the document (the last one, if it was rendered again),
            # until its COMMIT: what the other signers and the chain's lock can wait on.
            locked["from"] = time.perf_counter()
            transaction.on_commit(lambda: locked.__setitem__("to", time.perf_counter()))
        return execute(sql, params, many, context)

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        signer_pid = cursor.fetchone()[0]
    watched, done_watching = {}, threading.Event()
    watcher = threading.Thread(target=_lock_waits_on, args=(signer_pid, done_watching, watched))
    watcher.start()
    t = time.perf_counter()
    with connection.execute_wrapper(count):
        actions.sign_decision(user=head, decision_id=decision.pk)
    signing = time.perf_counter() - t
    time.sleep(0.3)
    done_watching.set()
    watcher.join()
    stop.set()
    report = queue.get()
    beside.join()
    latencies = report["latencies"]
    return {
        "titles": titles,
        "seconds": round(signing, 2),
        "locked_seconds": round(locked["to"] - locked["from"], 2) if "to" in locked else None,
        "statements": statements[0],
        "beside_completions": report["done"],
        "beside_max_wait_ms": round(max(latencies), 1) if latencies else None,
        "beside_p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "lock_waits_on_signer": watched.get("waits", 0),
        "longest_lock_wait_on_signer_ms": watched.get("longest_ms"),
    }


# --- annual reports -------------------------------------------------------------------------


def report_jobs(period, user=None) -> list[tuple[str, object]]:
    """The annual forms 0601–0605, the summary by every grouping, the processing times, and the
    two files an office downloads (the five forms as XLSX, the annual report as DOCX)."""
    from nominations.reports import DIMENSIONS, FORMS, build_form, summary
    from nominations.reports.narrative import report_docx
    from nominations.reports.xlsx import form_workbook
    from workflows.reports import processing_times

    header = {
        "reporting_unit": "UBND tỉnh",
        "receiving_unit": "Bộ Nội vụ",
        "place": "Hưng Yên",
        "today": period.end,
    }
    jobs = [(f"form {code}", lambda c=code: build_form(c, period, user)) for code in FORMS]
    jobs += [(f"summary by {key}", lambda k=key: summary(period, user, k)) for key in DIMENSIONS]
    jobs.append(("processing times", lambda: processing_times(period, user)))
    jobs.append(
        (
            "XLSX of the five forms",
            lambda: form_workbook([build_form(c, period, user) for c in FORMS], **header),
        )
    )
    docx_header = {k: header[k] for k in ("reporting_unit", "place", "today")}
    jobs.append(("DOCX annual report", lambda: report_docx(period, user, **docx_header)))
    return jobs


def latest_reporting_year() -> int:
    """The reporting year (1/12 of the year before to 30/11) of the latest signed decision up to today."""
    from django.db.models import Max

    from nominations.models import Decision

    today = timezone.localdate()
    last = Decision.objects.filter(status="signed", decision_date__lte=today).aggregate(
        last=Max("decision_date")
    )
    last = last["last"] or today
    return last.year + (1 if last.month == 12 else 0)


def measure_reports(repeat: int, year: int | None = None, user=None) -> dict:
    """Each report's best time of ``repeat`` runs and SQL count, and the query plan (EXPLAIN
    ANALYZE) of the slowest statement of the slowest report."""
    from nominations.reports import reporting_year

    period = reporting_year(year or latest_reporting_year())
    rows = []
    slowest = None
    for name, job in report_jobs(period, user):
        best, captured = None, None
        for _ in range(max(1, repeat)):
            # The query log is a bounded deque: after the signing's thousands of statements it is
            # full, and a capture's slice of it comes back empty (reports showed 0 SQL).
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                job()
                elapsed = time.perf_counter() - started
            if best is None or elapsed < best:
                best, captured = elapsed, list(queries.captured_queries)
        rows.append({"report": name, "seconds": round(best, 3), "queries": len(captured)})
        if slowest is None or best > slowest[1]:
            slowest = (name, best, captured)
    plan = {}
    if slowest and slowest[2]:
        statement = max(slowest[2], key=lambda q: float(q["time"]))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement["sql"])
            plan = {
                "report": slowest[0],
                "statement_seconds": float(statement["time"]),
                "sql": statement["sql"],
                "plan": [row[0] for row in cursor.fetchall()],
            }
    return {"period": period.label, "rows": rows, "slowest": plan}


def _lock_waits_on(pid: int, stop, out: dict) -> None:
    """From its own connection, every ~5 ms: which sessions wait on a lock the signer holds, and for
    how long (what a signing makes others wait, apart from sharing the CPU)."""
    since, longest, waits = {}, 0.0, 0
    try:
        with connection.cursor() as cursor:
            while not stop.is_set():
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND %s = ANY(pg_blocking_pids(pid))",
                    [pid],
                )
                blocked = {row[0] for row in cursor.fetchall()}
                now = time.perf_counter()
                for other in blocked - set(since):
                    since[other] = now
                    waits += 1
                for other in set(since) - blocked:
                    longest = max(longest, now - since.pop(other))
                time.sleep(0.005)
        now = time.perf_counter()
        for start in since.values():
            longest = max(longest, now - start)
    finally:
        connection.close()
    out.update(waits=waits, longest_ms=round(longest * 1000, 1))


# --- memory -------------------------------------------------------------------------------


def _rss_probe(kind: str) -> int:
    """Run in a fresh interpreter: a web worker renders every page once; a worker sweeps and delivers."""
    if kind == "web":
        measure_pages(1)
    else:
        import django_q.cluster  # noqa: F401 — what a qcluster worker imports

        from workflows.models import Notification
        from workflows.notify import deliver
        from workflows.sweep import sweep_deadlines

        # The mails go to memory, not to the console of the benchmark's log.
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        sweep_deadlines()
        for pk in Notification.objects.order_by("-pk").values_list("pk", flat=True)[:200]:
            deliver(pk)
    return _peak_rss_mb()


def _peak_rss_mb() -> int:
    """This process's own high-water mark (VmHWM).

    Not ``getrusage``: Linux carries ``ru_maxrss`` over ``execve`` from the process that was
    replaced, and Python spawns through vfork, so a child's ``ru_maxrss`` starts at the parent's
    peak. The benchmark's own peak (≈300 MB after signing 500) was being reported as the probe's.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def measure_rss(kind: str) -> int:
    out = subprocess.run(
        [sys.executable, "manage.py", "benchmark", "--rss-probe", kind],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout
    return int(out.strip().splitlines()[-1])


# --- the command --------------------------------------------------------------------------


class Command(BaseCommand):
    help = "Đo hiệu năng (PostgreSQL) / Measure the figures of issue 15 (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--quick", action="store_true", help="10k nominations, a few seconds per figure")
        parser.add_argument("--json", dest="json_file", default="", help="write the figures here")
        parser.add_argument("--skip", default="", help="comma list: pages,door,sweep,sign,reports,rss")
        parser.add_argument("--rss-probe", default="", help=SUPPRESS)

    def handle(self, *args, quick, json_file, skip, rss_probe, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "benchmark chỉ đo trên PostgreSQL: hãy đặt DATABASE_URL=postgres://… / "
                "benchmark measures PostgreSQL only: set DATABASE_URL=postgres://…"
            )
        if rss_probe:
            self.stdout.write(str(_rss_probe(rss_probe)))
            return
        import logging

        logging.getLogger("django-q").setLevel(logging.WARNING)
        skip = set(filter(None, skip.split(",")))
        if quick and Nomination.objects.count() < 10_000:
            call_command("generate_load", nominations=10_000, stdout=self.stdout)
        figures = {
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "postgresql": connection.cursor().connection.info.server_version,
                "platform": platform.platform(),
            },
            "when": timezone.now().isoformat(timespec="seconds"),
            "quick": quick,
            "nominations": Nomination.objects.count(),
        }
        self.out(f"nominations: {figures['nominations']:,}   cpus: {os.cpu_count()}")
        if "pages" not in skip:
            figures["pages"] = measure_pages(5 if quick else 20)
            self.table(
                ["page", "p50 ms", "p95 ms", "SQL", "HTTP"],
                [[p["page"], p["p50_ms"], p["p95_ms"], p["queries"], p["status"]] for p in figures["pages"]],
            )
        if "door" not in skip:
            seconds = 3 if quick else 10
            plan = completion_plan(400 if quick else 6000)
            one = run_clients(plan[: len(plan) // 3], 1, seconds, count_statements=True)
            four = run_clients(plan[len(plan) // 3 :], 4, seconds)
            bench = pgbench(seconds)
            figures["door"] = {
                "one": one,
                "four": four,
                "pgbench": bench,
                "ratio": round(four["per_second"] / bench["tps"], 4),
            }
            self.table(
                ["completions", "per s", "p50 ms", "p95 ms", "SQL each", "errors"],
                [
                    ["1 client", one["per_second"], one["p50_ms"], one["p95_ms"], one["statements_each"], one["errors"]],
                    ["4 clients", four["per_second"], four["p50_ms"], four["p95_ms"], "", four["errors"]],
                    ["pgbench TPC-B 4 clients (tps)", bench["tps"], "", "", "", ""],
                    ["ratio door/pgbench", figures["door"]["ratio"], "", "", "", ""],
                ],
            )  # fmt: skip
        if "sweep" not in skip:
            figures["sweep"] = [measure_sweep(k) for k in ((100,) if quick else (1000, 10_000))]
            self.table(
                ["sweep", "open", "events", "s", "ms/event", "SQL/event", "no-op s"],
                [
                    ["sweep", s["open"], s["events"], s["seconds"], s["ms_per_event"], s["statements_per_event"], s["noop_seconds"]]
                    for s in figures["sweep"]
                ],
            )  # fmt: skip
        if "sign" not in skip:
            beside = completion_plan(200)
            figures["signing"] = [measure_signing(n, beside) for n in ((50,) if quick else (50, 500))]
            self.table(
                ["signing", "s", "in transaction s", "SQL", "beside: max wait ms", "p50 ms", "completions", "lock waits on signer", "longest ms"],
                [
                    [f"{s['titles']} titles", s["seconds"], s["locked_seconds"], s["statements"], s["beside_max_wait_ms"], s["beside_p50_ms"], s["beside_completions"], s["lock_waits_on_signer"], s["longest_lock_wait_on_signer_ms"]]
                    for s in figures["signing"]
                ],
            )  # fmt: skip
        if "reports" not in skip:
            figures["reports"] = measure_reports(1 if quick else 2)
            self.out(
                f"\nannual reports, period {figures['reports']['period']} (best of {1 if quick else 2}):"
            )
            self.table(
                ["report", "s", "SQL"],
                [[r["report"], r["seconds"], r["queries"]] for r in figures["reports"]["rows"]],
            )
            slowest = figures["reports"]["slowest"]
            if slowest and options["verbosity"] > 1:
                self.out(f"\nslowest statement ({slowest['report']}, {slowest['statement_seconds']:.3f} s):")
                self.out("\n".join(slowest["plan"]))
        if "rss" not in skip:
            figures["rss_mb"] = {"web": measure_rss("web"), "worker": measure_rss("worker")}
            self.out(f"peak RSS: web {figures['rss_mb']['web']} MB, worker {figures['rss_mb']['worker']} MB")
        if json_file:
            with open(json_file, "w", encoding="utf-8") as fh:
                json.dump(figures, fh, ensure_ascii=False, indent=2, default=str)
            self.out(f"JSON: {json_file}")

    def out(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def table(self, header, rows) -> None:
        cells = [header, *[[("" if c is None else str(c)) for c in row] for row in rows]]
        widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
        self.out("")
        for n, row in enumerate(cells):
            self.out(
                "  ".join(
                    c.ljust(w) if i == 0 else c.rjust(w)
                    for i, (c, w) in enumerate(zip(row, widths, strict=True))
                )
            )
            if n == 0:
                self.out("  ".join("-" * w for w in widths))


SUPPRESS = "==SUPPRESS=="
