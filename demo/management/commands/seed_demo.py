"""Seed the demo province (idempotent): a second run changes nothing and says so."""

import logging
from datetime import datetime, time

import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo import applications as demo_applications
from demo import data as D
from demo import emulation as demo_emulation
from demo import paths as demo_paths
from demo import year as demo_year
from demo.ca import signing_material
from demo.reports import apply_demo_report_data
from demo.signing import seed_signing
from demo.year import BLOCK_REVIEWERS, CLERK_PREFIX
from nominations.models import (
    AssessmentGrade,
    AwardRecord,
    AwardType,
    BaseSalary,
    Cluster,
    ClusterMembership,
    Initiative,
    Movement,
    MovementMilestone,
    Nomination,
    RewardCoefficient,
    Role,
    ServiceRecord,
    Unit,
    UnitMerge,
    User,
)
from workflows.sweep import sweep_deadlines


def refuse_in_production() -> None:
    """Demo accounts with a published password must never reach a real deployment."""
    module = getattr(settings, "SETTINGS_MODULE", "") or ""
    if module.endswith("production"):
        raise CommandError(
            "seed_demo không chạy với cấu hình production (tài khoản mẫu có mật khẩu công khai)."
        )


class Seeder:
    """Each step reports how many rows it created or changed."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.changed = 0

    def upsert(self, model, lookup: dict, values: dict):
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.save()
            self.changed += 1
            return obj
        dirty = [k for k, v in values.items() if getattr(obj, k) != v]
        if dirty:
            for k in dirty:
                setattr(obj, k, values[k])
            obj.save()
            self.changed += 1
        return obj

    # --- steps -------------------------------------------------------------

    def units(self):
        units = {}
        for code, name, kind, parent in D.UNITS:
            units[code] = self.upsert(
                Unit, {"code": code}, {"name": name, "kind": kind, "parent": units.get(parent)}
            )
        for code, name, kind, parent, place in D.SUCCESSOR_UNITS:
            units[code] = self.upsert(
                Unit,
                {"code": code},
                {
                    "name": name,
                    "kind": kind,
                    "parent": units.get(parent),
                    "valid_from": D.MERGER_DATE,
                    "place_name": place,
                },
            )
        return units

    def reorganise(self, units, admin):
        """1/7/2025 through the admin's own services: N:1 merges of the departments and the province,
        1:N splits of the districts into wards and communes. The Thái Bình units end on 30/6/2025
        and keep their history; nothing is deleted."""
        from nominations.services import unit_merge, unit_split

        done = set(UnitMerge.objects.values_list("predecessor__code", flat=True))
        for old, new in D.MERGES.items():
            if old not in done:
                unit_merge(
                    predecessor=units[old], successor=units[new], effective_date=D.MERGER_DATE, actor=admin
                )
                self.changed += 1
        for old, parts in D.SPLITS.items():
            if old in done:
                continue
            if len(parts) == 1:
                unit_merge(
                    predecessor=units[old],
                    successor=units[parts[0]],
                    effective_date=D.MERGER_DATE,
                    actor=admin,
                )
            else:
                unit_split(
                    predecessor=units[old],
                    parts={units[code]: [] for code in parts[1:]},
                    default=units[parts[0]],
                    effective_date=D.MERGER_DATE,
                    actor=admin,
                )
            self.changed += 1
        return {u.code: u for u in Unit.objects.all()}

    def clusters(self, units):
        clusters = {}
        for year, rows in D.CLUSTERS.items():
            for code, kind, name, head, deputy, members in rows:
                cluster = self.upsert(
                    Cluster,
                    {"code": code, "year": year},
                    {"kind": kind, "name": name, "head_unit": units[head], "deputy_unit": units[deputy]},
                )
                clusters[(code, year)] = cluster
                for member in members:
                    if not ClusterMembership.objects.filter(unit=units[member], year=year).exists():
                        ClusterMembership.objects.create(cluster=cluster, unit=units[member])
                        self.changed += 1
        return clusters

    def catalog(self):
        for code, fields in D.AWARD_TYPES.items():
            values = {
                "rule_params": {},
                "proposed_upward": False,
                "needs_public_disclosure": False,
                **fields,
                "effective_from": D.AWARD_EFFECTIVE_FROM,
                "legal_basis": D.AWARD_LEGAL_BASIS,
            }
            self.upsert(AwardType, {"code": code}, values)
        for amount, since, basis in D.BASE_SALARIES:
            self.upsert(BaseSalary, {"effective_from": since}, {"amount": amount, "legal_basis": basis})
        for code, rows in D.COEFFICIENTS.items():
            award = AwardType.objects.get(code=code)
            for since, until, individual, collective in rows:
                self.upsert(
                    RewardCoefficient,
                    {"award_type": award, "effective_from": since},
                    {
                        "effective_to": until,
                        "individual": individual,
                        "collective": collective,
                        "legal_basis": D.COEFFICIENT_BASIS,
                    },
                )
        from nominations.policy.eligibility import ensure_default_rules

        self.changed += ensure_default_rules()
        return {a.code: a for a in AwardType.objects.all()}

    def movements(self):
        result = {}
        for name, start, end, milestones in D.MOVEMENTS:
            movement = self.upsert(Movement, {"name": name}, {"start_year": start, "end_year": end})
            result[name] = movement
            for kind, year in milestones:
                if not MovementMilestone.objects.filter(movement=movement, kind=kind, year=year).exists():
                    MovementMilestone.objects.create(movement=movement, kind=kind, year=year)
                    self.changed += 1
        return result

    def accounts(self, units, clusters):
        from workflows.roles import ensure_role_groups

        ensure_role_groups()
        for username, full_name, position, role, unit, reviewed in D.ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username)
                user.password, user.password_changed_at = D.demo_password_hash(), timezone.now()
                self.changed += 1
            values = {
                "full_name": full_name,
                "position": position,
                "unit": units[unit],
                "email": f"{username}@demo.tdkt.local",
            }
            if any(getattr(user, k, None) != v for k, v in values.items()) or user.pk is None:
                for k, v in values.items():
                    setattr(user, k, v)
                user.save()
            group = Group.objects.get(name=role)
            if not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
                self.changed += 1
            for (code, _year), cluster in clusters.items():
                if code in reviewed and not cluster.reviewers.filter(pk=user.pk).exists():
                    cluster.reviewers.add(user)
                    self.changed += 1

    def admin(self):
        admin = User.objects.filter(username="admin").first()
        if admin is None:
            admin = User(username="admin", full_name="Quản trị hệ thống", is_staff=True, is_superuser=True)
            admin.password, admin.password_changed_at = D.demo_password_hash(), timezone.now()
            admin.save()
            self.changed += 1
        return admin

    def history(self, units, awards):
        """Award records, grades and initiatives under the unit of their day: a Thái Bình unit until
        2024, its Hưng Yên successor from 2025 (a year's titles are decided at its end)."""

        def unit_of(code, year):
            if year >= D.FIRST_YEAR_AFTER_MERGER:
                code = D.MERGES.get(code) or D.SPLITS.get(code, [code])[0]
            return units[code]

        def issuer(award, unit, year):
            if award.level == "grassroots":
                return unit.name
            province = "UBND_HY" if year >= D.FIRST_YEAR_AFTER_MERGER else "UBND_TB"
            return units[province].name

        records = {}
        for name, _gender, birth, cid, unit, awards_held in D.HISTORY:
            for code, year, number in awards_held:
                where = unit_of(unit, year)
                records[(name, code, year)] = self.upsert(
                    AwardRecord,
                    {"nominee_citizen_id": cid, "award_type": awards[code], "year": year},
                    {
                        "nominee_kind": "individual",
                        "nominee_name": name,
                        "nominee_birth_year": birth,
                        "unit": where,
                        "decision_number": number,
                        "issuer": issuer(awards[code], where, year),
                    },
                )
        for name, unit, awards_held in D.COLLECTIVE_HISTORY:
            for code, year, number in awards_held:
                where = unit_of(unit, year)
                self.upsert(
                    AwardRecord,
                    {"nominee_name": name, "award_type": awards[code], "year": year},
                    {
                        "nominee_kind": "collective",
                        "unit": where,
                        "decision_number": number,
                        "issuer": issuer(awards[code], where, year),
                    },
                )
        for name, cid, birth, unit, years in D.GRADES:
            for year, grade in years:
                self.upsert(
                    AssessmentGrade,
                    {"nominee_citizen_id": cid, "year": year},
                    {
                        "nominee_name": name,
                        "nominee_birth_year": birth,
                        "unit": unit_of(unit, year),
                        "grade": grade,
                    },
                )
        for name, cid, birth, force, since, until, ref in D.SERVICE_RECORDS:
            self.upsert(
                ServiceRecord,
                {"nominee_citizen_id": cid, "started_on": since},
                {
                    "nominee_name": name,
                    "nominee_birth_year": birth,
                    "force": force,
                    "ended_on": until,
                    "evidence": ref,
                },
            )
        for title, level, year, owner, cid, unit, ref, used in D.INITIATIVES:
            used_by = records.get((owner, "BANG_KHEN_TINH", 2024)) if used else None
            self.upsert(
                Initiative,
                {"title": title},
                {
                    "level": level,
                    "year": year,
                    "owner_name": owner,
                    "owner_citizen_id": cid,
                    "unit": unit_of(unit, year),
                    "recognition_ref": ref,
                    "used_by_record": used_by,
                },
            )

    def nominations(self, units, awards, movements):
        """A few dossiers at every stage, moved through the real workflow door."""
        from workflows import actions

        users = {u.username: u for u in User.objects.filter(username__in=[a[0] for a in D.ACCOUNTS])}
        vote = {"votes_for": 19, "votes_against": 2, "members_present": 21, "members_total": 23}
        plans = [
            ("donvi_sogd", "Nguyễn Thị Hồng Nhung", "CSTD_TINH", "individual", {}, []),
            ("donvi_sogd", "Lê Văn Hải", "BANG_KHEN_TINH", "individual", {}, [("donvi_sogd", "submit", {})]),
            (
                "donvi_soyte",
                "Trần Văn Đức",
                "CSTD_TINH",
                "individual",
                {},
                [
                    ("donvi_soyte", "submit", {}),
                    (
                        "cum_vhxh",
                        "return_for_changes",
                        {"comment": "Đề nghị bổ sung xác nhận sáng kiến cấp tỉnh."},
                    ),
                ],
            ),
            (
                "donvi_donghung",
                "Phạm Thị Mai Anh",
                "BANG_KHEN_TINH",
                "individual",
                {},
                [("donvi_donghung", "submit", {}), ("cum_huyen", "approve_cluster", {})],
            ),
            (
                "donvi_soyte",
                "Bệnh viện Đa khoa tỉnh Thái Bình",
                "TAP_THE_LDXS",
                "collective",
                {},
                [
                    ("donvi_soyte", "submit", {}),
                    ("cum_vhxh", "approve_cluster", {}),
                    (
                        "thamdinh",
                        "pass_appraisal",
                        {
                            "checklist": {"documents": True, "criteria": True},
                            "justification": "Bệnh viện nộp bản giấy kết quả đánh giá viên chức năm 2026; "
                            "đã đối chiếu đủ tỷ lệ.",
                        },
                    ),
                ],
            ),
            (
                "donvi_sogd",
                "Trường THPT Chuyên Thái Bình",
                "BANG_KHEN_TINH",
                "collective",
                {},
                [
                    ("donvi_sogd", "submit", {}),
                    ("cum_vhxh", "approve_cluster", {}),
                    ("thamdinh", "pass_appraisal", {"checklist": {"documents": True, "criteria": True}}),
                    ("thuky", "record_vote", vote),
                ],
            ),
            (
                "donvi_donghung",
                "Hộ ông Nguyễn Văn Tư",
                "BANG_KHEN_TINH",
                "household",
                {
                    "route": "thematic",
                    "household_address": "Thôn Phú Lương, xã Đông Hưng, tỉnh Hưng Yên",
                    "movement": movements["300 ngày chung tay xóa nhà tạm, nhà dột nát"],
                },
                [
                    ("donvi_donghung", "submit", {}),
                    ("cum_huyen", "approve_cluster", {}),
                    ("thamdinh", "pass_appraisal", {"checklist": {"documents": True, "criteria": True}}),
                    ("thuky", "record_vote", vote),
                ],
            ),
        ]
        from nominations import services
        from nominations.policy import documents as rules

        for clerk, name, award, kind, extra, steps in plans:
            actor = users[clerk]
            if Nomination.objects.filter(unit_id=actor.unit_id, nominee_name=name, year=2026).exists():
                continue
            fields = {
                "award_type": awards[award],
                "route": "annual",
                "year": 2026,
                "nominee_kind": kind,
                "nominee_name": name,
                "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2026; có sáng kiến được áp dụng hiệu quả.",
                **extra,
            }
            if kind == "individual":
                known = {h[0]: h for h in D.HISTORY}.get(name)
                gender, birth, cid = (
                    known[1:4] if known else ("female" if "Thị" in name else "male", 1980, "")
                )
                fields.update(
                    {
                        "nominee_gender": gender,
                        "nominee_birth_year": birth,
                        "nominee_citizen_id": cid,
                        "nominee_position": "Chuyên viên",
                    }
                )
            nomination = services.nomination_create(actor=actor, **fields)
            for doc_kind in rules.required_documents(nomination):
                pdf = SimpleUploadedFile(f"{doc_kind}.pdf", b"%PDF-1.4\n% ho so mau\n%%EOF\n")
                services.document_add(nomination=nomination, actor=actor, kind=doc_kind, uploaded=pdf)
            for username, action, params in steps:
                actions.perform(user=users[username], nomination_id=nomination.pk, action=action, **params)
            self.changed += 1


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: Thái Bình năm 2025 (trước 1/7), tỉnh Hưng Yên sau sắp xếp năm 2025–2026 "
        "và các tài khoản demo (chạy lại không thay đổi gì)."
    )

    def handle(self, *args, **options):
        refuse_in_production()
        # The background queue would print a line for each e-mail the seed queues.
        queue_log = logging.getLogger("django-q")
        level = queue_log.level
        queue_log.setLevel(logging.WARNING)
        try:
            self.seed()
        finally:
            queue_log.setLevel(level)

    def seed(self):
        seeder = Seeder(self.stdout)
        with transaction.atomic():
            units = seeder.units()
            awards = seeder.catalog()
            admin = seeder.admin()
            seeder.history(units, awards)
            # On its own day, as the administrator would have done it.
            with time_machine.travel(
                timezone.make_aware(datetime.combine(D.MERGER_DATE, time(8))), tick=False
            ):
                units = seeder.reorganise(units, admin)
            clusters = seeder.clusters(units)
            movements = seeder.movements()
            seeder.accounts(units, clusters)
        # The demo's own certificate authority and signer, for signing decisions.
        signing_material()
        seeder.changed += demo_paths.authorities(awards)
        units = {u.code: u for u in Unit.objects.all()}
        users = {u.username: u for u in User.objects.filter(username__in=[a[0] for a in D.ACCOUNTS])}
        # Outside the atomic block: the workflow door opens its own transactions. The year first,
        # on its own dates, then today's work: the registers and the audit trail stay in time order.
        seeder.changed += demo_year.build(users, awards, movements)
        seeder.nominations(units, awards, movements)
        seeder.changed += demo_paths.unit_titles(users, awards)
        seeder.changed += demo_paths.upward(users, awards)
        seeder.changed += demo_applications.build(users)
        # The emulation year: movements launched, plans and reports asked, registrations, examples;
        # then the sweep tells what of it is late today.
        seeder.changed += demo_emulation.build()
        sweep_deadlines()
        # What the statistical forms read: the catalog's form columns, the movements' attributes,
        # the awardee class of people whose position says it, the year's workforce figures.
        seeder.changed += sum(apply_demo_report_data(year=2026).values())
        seeder.changed += seed_signing()  # the văn thư, organisations' keys, issuance by the văn thư

        if seeder.changed:
            self.stdout.write(self.style.SUCCESS(f"Đã tạo/cập nhật {seeder.changed} mục dữ liệu mẫu."))
        else:
            self.stdout.write("Dữ liệu mẫu đã có sẵn, không thay đổi gì.")
        self.print_accounts()

    def print_tracking_codes(self):
        """Two applicants' codes, to try the public tracking page (/cong-khai/huy-chuong-tnxp/tra-cuu/)."""
        self.stdout.write("\nTra cứu hồ sơ Huy chương TNXP vẻ vang (mã tra cứu + số định danh người nộp):")
        for application in demo_applications.printed_codes():
            self.stdout.write(
                f"  {application.code}  {application.applicant_identity}  {application.applicant_name} "
                f"({application.get_status_display()})"
            )

    def print_accounts(self):
        self.print_tracking_codes()
        self.stdout.write(f"\nTài khoản demo (mật khẩu chung: {D.DEMO_PASSWORD}):")
        self.stdout.write(f"  {'tên đăng nhập':<16} {'vai trò':<26} đơn vị / phạm vi")
        labels = dict(Role.choices)
        for username, _full_name, _position, role, unit, reviewed in D.ACCOUNTS:
            scope = Unit.objects.get(code=unit).name
            if reviewed:
                latest = Cluster.objects.filter(code__in=reviewed).order_by("-year").first()
                scope = ", ".join(
                    Cluster.objects.filter(code__in=reviewed, year=latest.year).values_list("name", flat=True)
                )
            self.stdout.write(f"  {username:<16} {str(labels.get(role, role)):<26} {scope}")
        self.stdout.write(f"  {'admin':<16} {'Quản trị hệ thống':<26} toàn hệ thống")
        clerks = User.objects.filter(username__startswith=CLERK_PREFIX).count()
        self.stdout.write(
            f"  và {clerks} cán bộ TĐKT các đơn vị khác ({CLERK_PREFIX}<mã đơn vị>, ví dụ "
            f"{CLERK_PREFIX}hy_so_taichinh), trưởng các Khối "
            + ", ".join(username for username, *_rest in BLOCK_REVIEWERS.values())
            + "; cùng mật khẩu."
        )
