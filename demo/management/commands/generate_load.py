"""Load data at national scale: N nominations with their processes, tasks, deadlines, history and audit chain.

    nice -n 10 python manage.py generate_load --nominations 1000000

PostgreSQL only. Seeds the demo province first when the catalog is empty (its users act in the
queues), then adds units (communes, enterprises, departments, organisations) with their clerks
and cluster memberships for 2017–2026, and writes the nominations in creation order with COPY:
each one's viewflow process and tasks, the open task's deadline (some overdue), the audit events
of every transition (a valid hash chain continuing the existing one), the award history of the
awarded, and a few signed decisions. Figures, not tests: see ``manage.py benchmark``.
"""

import io
import random
import time
from datetime import UTC, date, datetime, timedelta
from functools import cache

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from nominations.models import (
    AuditEvent,
    AwardType,
    Cluster,
    ClusterMembership,
    Decision,
    Nomination,
    Role,
    Unit,
    User,
)
from nominations.models.audit import audit_key
from nominations.policy.lifecycle import CLUSTER, NOMINATION, VOTE
from nominations.policy.stages import STAGE_BY_KEY, STAGE_BY_STATUS
from nominations.text import normalize_search
from nominations.vocabulary import Path
from workflows.calendar import WorkingCalendar
from workflows.deadlines import ESCALATE_AFTER, REMIND_BEFORE, sla_working_days

S = Nomination.Status
YEARS = list(range(2017, 2027))
FLOW = "workflows/flows.NominationFlow"
CHUNK = 20_000

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Mai",
    "Tạ",
]
MIDDLE = [
    "Văn",
    "Thị",
    "Minh",
    "Quang",
    "Thu",
    "Ngọc",
    "Đức",
    "Thanh",
    "Hữu",
    "Xuân",
    "Hồng",
    "Kim",
    "Bảo",
    "Gia",
    "Anh",
]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Ngọc",
    "Phong",
    "Phúc",
    "Phương",
    "Quân",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Thành",
    "Trang",
    "Trung",
    "Tuấn",
    "Tùng",
    "Vân",
    "Việt",
    "Yến",
]
COLLECTIVE = ["Phòng", "Tổ", "Ban", "Trường", "Trạm", "Đội", "Khoa", "Chi bộ"]
COLLECTIVE_OF = ["Hành chính", "Kế toán", "Kỹ thuật", "Tổng hợp", "Nghiệp vụ", "Tiểu học", "Y tế", "Sản xuất"]

# What each stage's completing action is, and the status it leaves (the next stage decides).
ACTION_AT = {
    "cluster_review": "approve_cluster",
    "appraisal": "pass_appraisal",
    "council_vote": "record_vote",
    "signature": "sign",
    "unit_vote": "record_vote",
    "unit_signature": "sign",
    "proposal": "forward",
    "central_result": "record_result",
}


def _copy(cursor, table: str, columns: list[str], rows: list[tuple]) -> None:
    """COPY rows (tuples of str/None/int) into a table: tabs and backslashes never occur in our text."""
    if not rows:
        return
    buf = io.StringIO()
    write = buf.write
    for row in rows:
        write("\t".join("\\N" if v is None else str(v) for v in row))
        write("\n")
    buf.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buf)


def _next_ids(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def _setval(cursor, table: str, column: str = "id") -> None:
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
        f"(SELECT COALESCE(MAX({column}), 1) FROM {table}))"
    )


def _ts(value: datetime) -> str:
    return value.isoformat()


class Command(BaseCommand):
    help = "Tạo dữ liệu tải quy mô toàn quốc (PostgreSQL) / Generate national-scale load data (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--nominations", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=15)
        parser.add_argument("--units", type=int, default=None, help="new units (default N/500, at least 40)")

    def handle(self, *args, nominations: int, seed: int, units: int | None, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "generate_load chỉ chạy trên PostgreSQL (đặt DATABASE_URL). / "
                "generate_load needs PostgreSQL (set DATABASE_URL)."
            )
        t0 = time.perf_counter()
        if not AwardType.objects.exists():
            call_command("seed_demo", stdout=io.StringIO())
        self.rng = random.Random(seed)
        self.now = timezone.now().replace(microsecond=0)
        self.key = audit_key()
        self.calendar = WorkingCalendar()
        n_units = units if units is not None else max(40, nominations // 500)
        with transaction.atomic():
            self.reference(n_units)
        self.stdout.write(f"reference data: {time.perf_counter() - t0:.1f} s ({n_units} new units)")
        counts = self.nominations(nominations)
        t1 = time.perf_counter()
        with connection.cursor() as cursor:
            # A live system's tables have been vacuumed by autovacuum (visibility map set, so index-only
            # scans stay index-only); a server configured without it (CI's) must not make the figures
            # of a fresh load differ from a live one. VACUUM cannot run inside a transaction.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        self.stdout.write(f"vacuum, analyze: {time.perf_counter() - t1:.1f} s")
        summary = ", ".join(f"{k}={v}" for k, v in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"{nominations} hồ sơ / nominations in {time.perf_counter() - t0:.1f} s: {summary}"
            )
        )

    # --- reference data ------------------------------------------------------

    def reference(self, n_units: int) -> None:
        rng = self.rng
        self.awards = []
        for award in AwardType.objects.prefetch_related("authorities"):
            authority = max(award.authorities.all(), key=lambda a: a.pk, default=None)
            path = authority.path if authority is not None else Path.PROVINCE
            vote = bool(getattr(authority, "vote_required", True))
            weight = {Path.UNIT: 6, Path.PROVINCE: 3, Path.UPWARD: 1}[path]
            self.awards.append((award, path, vote, weight))
        self.award_weights = [a[3] for a in self.awards]

        def users(role):
            return list(User.objects.filter(groups__name=role).order_by("pk"))

        self.stage_users = {
            "cluster_review": users(Role.CLUSTER_REVIEWER),
            "appraisal": users(Role.APPRAISER),
            "council_vote": users(Role.COUNCIL_SECRETARY),
            "signature": users(Role.LEADER),
            "proposal": users(Role.LEADER),
            "central_result": users(Role.APPRAISER),
        }
        # Clusters for every year, copied from the latest year's set; the same reviewers.
        latest = max(Cluster.objects.values_list("year", flat=True))
        template = list(Cluster.objects.filter(year=latest).prefetch_related("reviewers"))
        for year in YEARS:
            have = set(Cluster.objects.filter(year=year).values_list("code", flat=True))
            for c in template:
                if c.code in have:
                    continue
                copy = Cluster.objects.create(kind=c.kind, code=c.code, name=c.name, year=year)
                copy.reviewers.set(c.reviewers.all())
        self.clusters = {(c.year, c.code): c.pk for c in Cluster.objects.all()}
        codes = sorted({c.code for c in template})
        cum = [c for c in codes if c.startswith("CUM")] or codes
        khoi = [c for c in codes if not c.startswith("CUM")] or codes

        start = Unit.objects.filter(code__startswith="LOAD-").count()
        kinds = [
            (Unit.Kind.COMMUNE, 50, "Xã"),
            (Unit.Kind.ENTERPRISE, 20, "Công ty"),
            (Unit.Kind.DEPARTMENT, 15, "Phòng"),
            (Unit.Kind.ORGANISATION, 15, "Hội"),
        ]
        new_units = []
        for i in range(start, start + n_units):
            kind, _w, prefix = rng.choices(kinds, weights=[k[1] for k in kinds])[0]
            name = f"{prefix} {rng.choice(GIVEN)} {rng.choice(GIVEN)} {i + 1}"
            new_units.append(
                Unit(code=f"LOAD-{i + 1:06d}", name=name, name_search=normalize_search(name), kind=kind)
            )
        Unit.objects.bulk_create(new_units)
        clerk_group = Group.objects.get_or_create(name=Role.UNIT_CLERK)[0]
        head_group = Group.objects.get_or_create(name=Role.UNIT_HEAD)[0]
        all_units = list(Unit.objects.filter(valid_to__isnull=True).exclude(kind=Unit.Kind.PROVINCE))
        existing_clerks = {u.unit_id: u for u in User.objects.filter(groups__name=Role.UNIT_CLERK)}
        existing_heads = {u.unit_id: u for u in User.objects.filter(groups__name=Role.UNIT_HEAD)}
        new_users = []
        for unit in all_units:
            for role, have in (("clerk", existing_clerks), ("head", existing_heads)):
                if unit.pk not in have:
                    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                    new_users.append(
                        User(
                            username=f"load_{role}_{unit.pk}",
                            full_name=name,
                            unit=unit,
                            password="!",  # unusable
                            position=role,
                        )
                    )
        User.objects.bulk_create(new_users)
        through = User.groups.through
        through.objects.bulk_create(
            [
                through(user_id=u.pk, group_id=(clerk_group if u.position == "clerk" else head_group).pk)
                for u in User.objects.filter(username__in=[u.username for u in new_users])
            ]
        )
        clerks = {u.unit_id: u for u in User.objects.filter(groups__name=Role.UNIT_CLERK)}
        heads = {u.unit_id: u for u in User.objects.filter(groups__name=Role.UNIT_HEAD)}
        memberships = set(ClusterMembership.objects.values_list("unit_id", "year"))
        rows = []
        self.units = []
        for unit in all_units:
            if unit.pk not in clerks or unit.pk not in heads:
                continue
            group = cum if unit.kind in (Unit.Kind.COMMUNE, Unit.Kind.DISTRICT) else khoi
            code = group[unit.pk % len(group)]
            for year in YEARS:
                if (unit.pk, year) not in memberships:
                    rows.append(
                        ClusterMembership(unit_id=unit.pk, year=year, cluster_id=self.clusters[(year, code)])
                    )
            self.units.append((unit.pk, code, clerks[unit.pk], heads[unit.pk]))
        ClusterMembership.objects.bulk_create(rows)
        # The cluster of a unit in a year, as the submission resolved it.
        self.unit_cluster = {
            (m.unit_id, m.year): m.cluster_id
            for m in ClusterMembership.objects.only("unit_id", "year", "cluster_id")
        }

    # --- nominations -----------------------------------------------------------

    @cache  # noqa: B019 — one command run, a handful of (day, n) pairs
    def _due(self, day: date, n: int):
        cal = self.calendar
        due = datetime.combine(cal.add_working_days(day, n), datetime.min.time()).replace(hour=10, tzinfo=UTC)
        remind = datetime.combine(
            cal.add_working_days(due.date(), -REMIND_BEFORE), datetime.min.time()
        ).replace(hour=1, tzinfo=UTC)
        escalate = datetime.combine(
            cal.add_working_days(due.date(), ESCALATE_AFTER), datetime.min.time()
        ).replace(hour=10, tzinfo=UTC)
        return due, remind, escalate

    @cache  # noqa: B019
    def _sla(self, stage: str, route: str, award_id: int) -> int:
        award = next(a[0] for a in self.awards if a[0].pk == award_id)
        return sla_working_days(stage=stage, route=route, award_type=award)

    def _times(self, n: int) -> list[datetime]:
        """Creation moments over 2017–2026, growing a little each year, sorted (creation order)."""
        rng = self.rng
        weights = [1.0 + 0.08 * i for i in range(len(YEARS))]
        moments = []
        end_2026 = (self.now - datetime(2026, 1, 1, tzinfo=UTC)).total_seconds() - 86400 * 3
        for year in rng.choices(YEARS, weights=weights, k=n):
            span = end_2026 if year == 2026 else 365 * 86400 - 86400 * 60
            moments.append(datetime(year, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.random() * span))
        moments.sort()
        return moments

    def nominations(self, n: int) -> dict:
        moments = self._times(n)
        counts = {"tasks": 0, "open": 0, "overdue": 0, "audit": 0, "awarded": 0}
        with connection.cursor() as cursor:
            ids = {
                t: _next_ids(cursor, t)
                for t in (
                    "nominations_nomination",
                    "viewflow_process",
                    "viewflow_task",
                    "nominations_auditevent",
                    "nominations_awardrecord",
                )
            }
            prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or "0" * 64
        decisions = self._decisions()
        t0 = time.perf_counter()
        for start in range(0, n, CHUNK):
            with transaction.atomic(), connection.cursor() as cursor:
                prev = self._chunk(cursor, moments[start : start + CHUNK], ids, prev, decisions, counts)
            done = min(n, start + CHUNK)
            rate = done / max(time.perf_counter() - t0, 1e-9)
            self.stdout.write(f"  {done:>9} / {n}  ({rate:,.0f}/s)")
        with connection.cursor() as cursor:
            for table in ids:
                _setval(cursor, table)
        return counts

    def _decisions(self) -> dict:
        """One signed provincial decision per year (the load's award history cites them)."""
        found = {}
        leader = (self.stage_users["signature"] or [None])[0]
        creator = leader or User.objects.filter(is_superuser=True).first()
        today = timezone.localdate()
        for year in YEARS:
            # The 20th of December, or today for the current year: no decision dated in the future.
            signed_on = min(date(year, 12, 20), today)
            number = f"{9000 + year % 100}/QĐ-UBND"
            decision = Decision.objects.filter(number=number, year=year).first()
            if decision is None:
                decision = Decision(
                    year=year,
                    sequence=9000 + year % 100,
                    number=number,
                    title=f"Về việc khen thưởng năm {year} (dữ liệu tải)",
                    signer=leader,
                    signer_title="Chủ tịch UBND tỉnh",
                    decision_date=signed_on,
                    signed_at=datetime(signed_on.year, signed_on.month, signed_on.day, 3, tzinfo=UTC),
                    created_by=creator,
                )
                # A historical row written as the live system left it (no transition to fire).
                Decision.objects.bulk_create([decision])
                Decision.objects.filter(pk=decision.pk).update(status=Decision.Status.SIGNED)
            found[year] = decision
        return found

    def _chunk(self, cursor, moments, ids, prev, decisions, counts) -> str:
        rng = self.rng
        key = self.key
        hash_of = AuditEvent.hash_of
        now = self.now
        noms, procs, nprocs, tasks, deadlines, audits, records = [], [], [], [], [], [], []
        for created in moments:
            award, path, vote, _w = rng.choices(self.awards, weights=self.award_weights)[0]
            unit_id, _code, clerk, head = rng.choice(self.units)
            route = award.routes[0] if (not award.routes or rng.random() < 0.85) else rng.choice(award.routes)
            route = route or "annual"
            kinds = award.nominee_kinds or ["individual"]
            kind = kinds[0] if rng.random() < 0.8 else rng.choice(kinds)
            if kind == "individual":
                name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                gender = "female" if " Thị " in name or rng.random() < 0.4 else "male"
                birth = rng.randint(1960, 2000)
            else:
                name = f"{rng.choice(COLLECTIVE)} {rng.choice(COLLECTIVE_OF)} {rng.randint(1, 99)}"
                gender, birth = "", None
            year = created.year
            cluster_id = self.unit_cluster.get((unit_id, year)) if path != Path.UNIT else None
            # The route of the lifecycle table (every generated provincial dossier passes a cluster).
            stages = [
                STAGE_BY_STATUS[status].key
                for status in NOMINATION.route(path, **{VOTE: vote, CLUSTER: True})
                if status in STAGE_BY_STATUS
            ]
            # The fate: finished in past years; this year, spread over every stage.
            r = rng.random()
            if year < 2026:
                fate = "awarded" if r < 0.85 else ("rejected" if r < 0.95 else "withdrawn")
            else:
                fate = (
                    "awarded" if r < 0.28 else "rejected" if r < 0.32 else "withdrawn" if r < 0.35
                    else "draft" if r < 0.40 else "returned" if r < 0.45 else "open"
                )  # fmt: skip
            nom_id = ids["nominations_nomination"]
            ids["nominations_nomination"] += 1
            t = created
            events = []  # (at, actor, action, from, to)
            status = S.DRAFT
            submitted = None
            returned_from = ""
            open_stage = None
            done_stages = []
            if fate in ("awarded", "rejected", "open", "returned"):
                t += timedelta(hours=rng.uniform(2, 96))
                submitted = t
                first = STAGE_BY_KEY[stages[0]].status
                events.append((t, clerk, "submit", S.DRAFT, first))
                status = first
                if fate == "awarded":
                    stop = len(stages)
                elif fate == "rejected":
                    stop = rng.randrange(len(stages))
                else:
                    stop = rng.randrange(len(stages))
                for i, stage in enumerate(stages[:stop]):
                    actor = head if stage.startswith("unit") else rng.choice(self.stage_users[stage])
                    t += timedelta(hours=rng.uniform(4, 24 * 12))
                    after = STAGE_BY_KEY[stages[i + 1]].status if i + 1 < len(stages) else S.AWARDED
                    events.append((t, actor, ACTION_AT[stage], status, after))
                    done_stages.append((stage, actor, t))
                    status = after
                if fate == "rejected":
                    stage = stages[stop]
                    actor = head if stage.startswith("unit") else rng.choice(self.stage_users[stage])
                    t += timedelta(hours=rng.uniform(4, 24 * 12))
                    action = "record_result" if stage == "central_result" else "reject"
                    events.append((t, actor, action, status, S.REJECTED))
                    done_stages.append((stage, actor, t))
                    status = S.REJECTED
                elif fate in ("open", "returned"):
                    open_stage = stages[stop]
                    if fate == "returned" and open_stage not in ("unit_vote", "central_result", "proposal"):
                        actor = (
                            head
                            if open_stage.startswith("unit")
                            else rng.choice(self.stage_users[open_stage])
                        )
                        t += timedelta(hours=rng.uniform(4, 24 * 12))
                        events.append((t, actor, "return_for_changes", status, S.RETURNED))
                        done_stages.append((open_stage, actor, t))
                        returned_from = status
                        status = S.RETURNED
                        open_stage = "revise"
            elif fate == "withdrawn":
                t += timedelta(hours=rng.uniform(2, 96))
                events.append((t, clerk, "withdraw", S.DRAFT, S.WITHDRAWN))
                status = S.WITHDRAWN
            if events and (open_stage or events[-1][0] > now - timedelta(hours=1)):
                # Nothing happens in the future, and an open task opened within the last weeks
                # (some already overdue): fit the history between creation and then.
                end = max(created + timedelta(minutes=5), now - timedelta(hours=rng.uniform(1, 24 * 25)))
                span = max((events[-1][0] - created).total_seconds(), 1)
                scale = (end - created).total_seconds() / span
                if not open_stage:
                    scale = min(1.0, scale)

                def squeeze(at, created=created, scale=scale):
                    return created + timedelta(seconds=round((at - created).total_seconds() * scale))

                events = [(squeeze(e[0]), *e[1:]) for e in events]
                done_stages = [(st, actor, squeeze(at)) for st, actor, at in done_stages]
                submitted = events[0][0] if submitted else None
            changed = events[-1][0] if events else created
            noms.append(
                (
                    nom_id, route, year, kind, name, normalize_search(name), gender, birth, "", "", "",
                    "Hoàn thành xuất sắc nhiệm vụ được giao.", "f", "f", "f", status, returned_from,
                    1 if submitted else 0, _ts(created), _ts(changed), _ts(submitted) if submitted else None,
                    _ts(changed), award.pk, None, cluster_id, clerk.pk, None, unit_id, path,
                    "direct_worker" if kind == "individual" else "", "", "f", "f", "t" if vote else "f",
                )
            )  # fmt: skip
            if submitted is not None:
                proc_id = ids["viewflow_process"]
                ids["viewflow_process"] += 1
                final = open_stage is None
                procs.append(
                    (
                        proc_id,
                        FLOW,
                        "DONE" if final else "NEW",
                        _ts(submitted),
                        _ts(changed) if final else None,
                        "{}",
                    )
                )
                nprocs.append((proc_id, nom_id))
                tid = ids["viewflow_task"]
                tasks.append((tid, f"{FLOW}.start", "START", "DONE", _ts(submitted), _ts(submitted), _ts(submitted), "start", None, None, proc_id, None, "{}"))  # fmt: skip
                tid += 1
                opened = submitted
                for stage, actor, finished in done_stages:
                    perm = f"workflows.{STAGE_BY_KEY[stage].permission}"
                    tasks.append((tid, f"{FLOW}.{stage}", "HUMAN", "DONE", _ts(opened), _ts(finished), _ts(finished), "start", perm, actor.pk, proc_id, _ts(finished), "{}"))  # fmt: skip
                    tid += 1
                    opened = finished
                if final:
                    tasks.append((tid, f"{FLOW}.end", "END", "DONE", _ts(changed), _ts(changed), _ts(changed), "start", None, None, proc_id, None, "{}"))  # fmt: skip
                    tid += 1
                else:
                    perm = f"workflows.{STAGE_BY_KEY[open_stage].permission}"
                    owner = None
                    if rng.random() < 0.3:
                        owner = (
                            clerk
                            if open_stage in ("revise", "unit_vote")
                            else head
                            if open_stage == "unit_signature"
                            else rng.choice(self.stage_users[open_stage])
                        )
                    task_status = "ASSIGNED" if owner else "NEW"
                    tasks.append((tid, f"{FLOW}.{open_stage}", "HUMAN", task_status, _ts(changed), None, None, "start", perm, owner.pk if owner else None, proc_id, _ts(changed) if owner else None, "{}"))  # fmt: skip
                    days = self._sla(open_stage, route, award.pk)
                    due, remind, escalate = self._due(changed.date(), days)
                    deadlines.append(
                        (
                            tid,
                            open_stage,
                            days,
                            _ts(changed),
                            _ts(due),
                            _ts(remind),
                            _ts(escalate),
                            None,
                            nom_id,
                            owner.pk if owner else None,
                            unit_id,
                        )
                    )
                    counts["open"] += 1
                    counts["overdue"] += due < now
                    tid += 1
                counts["tasks"] += tid - ids["viewflow_task"]
                ids["viewflow_task"] = tid
            for at, actor, action, from_status, to_status in events:
                aid = ids["nominations_auditevent"]
                ids["nominations_auditevent"] += 1
                actor_name = actor.full_name or actor.username
                h = hash_of(
                    prev_hash=prev, nomination_id=nom_id, actor_id=actor.pk, actor_name=actor_name,
                    action=action, from_status=from_status, to_status=to_status, comment="", ip=None,
                    data={}, at=at, key=key,
                )  # fmt: skip
                audits.append((aid, actor_name, action, from_status, to_status, "", None, "{}", _ts(at), prev, h, actor.pk, nom_id, 1))  # fmt: skip
                prev = h
            if status == S.AWARDED:
                rid = ids["nominations_awardrecord"]
                ids["nominations_awardrecord"] += 1
                decision = decisions[year] if path == Path.PROVINCE else None
                number = (
                    decision.number
                    if decision
                    else f"{rng.randint(1, 2000)}/QĐ-{'TTg' if path == Path.UPWARD else 'UBND'}"
                )
                records.append(
                    (
                        rid, kind, name, normalize_search(name), "", birth, route, year, number,
                        (decision.decision_date if decision else changed.date()).isoformat(), "f", _ts(changed),
                        award.pk, nom_id, unit_id, "", decision.pk if decision else None, "",
                    )
                )  # fmt: skip
                counts["awarded"] += 1
        counts["audit"] += len(audits)
        _copy(cursor, "nominations_nomination", NOM_COLUMNS, noms)
        _copy(
            cursor, "viewflow_process", ["id", "flow_class", "status", "created", "finished", "data"], procs
        )
        _copy(cursor, "workflows_nominationprocess", ["process_ptr_id", "nomination_id"], nprocs)
        _copy(cursor, "viewflow_task", TASK_COLUMNS, tasks)
        _copy(cursor, "workflows_taskdeadline", DEADLINE_COLUMNS, deadlines)
        _copy(cursor, "nominations_auditevent", AUDIT_COLUMNS, audits)
        _copy(cursor, "nominations_awardrecord", RECORD_COLUMNS, records)
        return prev


NOM_COLUMNS = [
    "id", "route", "year", "nominee_kind", "nominee_name", "nominee_name_search", "nominee_gender",
    "nominee_birth_year", "nominee_position", "nominee_citizen_id", "household_address", "achievements",
    "under_discipline", "under_inspection", "has_open_complaint", "status", "returned_from", "version",
    "created_at", "updated_at", "submitted_at", "status_changed_at", "award_type_id", "batch_id", "cluster_id",
    "created_by_id", "movement_id", "unit_id", "path",
    "awardee_class", "ethnic_group", "is_enterprise", "posthumous", "vote_required",
]  # fmt: skip
TASK_COLUMNS = [
    "id", "flow_task", "flow_task_type", "status", "created", "started", "finished", "token",
    "owner_permission", "owner_id", "process_id", "assigned", "data",
]  # fmt: skip
DEADLINE_COLUMNS = [
    "task_id", "stage", "working_days", "started_at", "due_at", "remind_at", "escalate_at", "closed_at",
    "nomination_id", "owner_id", "unit_id",
]  # fmt: skip
AUDIT_COLUMNS = [
    "id", "actor_name", "action", "from_status", "to_status", "comment", "ip", "data", "at", "prev_hash",
    "hash", "actor_id", "nomination_id", "hash_version",
]  # fmt: skip
RECORD_COLUMNS = [
    "id", "nominee_kind", "nominee_name", "nominee_name_search", "nominee_citizen_id", "nominee_birth_year",
    "route", "year", "decision_number", "decision_date", "revoked", "created_at", "award_type_id",
    "nomination_id", "unit_id", "revoked_reason", "decision_id", "issuer",
]  # fmt: skip
