"""Seed the demo province (idempotent): a second run changes nothing and says so."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from nominations import demo_data as D
from nominations.demo_signing import seed_signing
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
    Unit,
    User,
)


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
        for code, name, kind, parent in D.SUCCESSOR_UNITS:
            units[code] = self.upsert(
                Unit,
                {"code": code},
                {"name": name, "kind": kind, "parent": units.get(parent), "valid_from": D.MERGER_DATE},
            )
        # The merger is planned (successor links) but not executed: the demo's
        # flows keep running on the Thái Bình units; an admin runs the merge.
        for old, new in D.SUCCESSORS.items():
            self.upsert(Unit, {"code": old}, {"successor": units[new]})
        return {u.code: u for u in Unit.objects.all()}

    def clusters(self, units):
        clusters = {}
        for year in D.CLUSTER_YEARS:
            for code, kind, name, head, deputy, members in D.CLUSTERS:
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
                user.set_password(D.DEMO_PASSWORD)
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
            for code in reviewed:
                for year in D.CLUSTER_YEARS:
                    cluster = clusters[(code, year)]
                    if not cluster.reviewers.filter(pk=user.pk).exists():
                        cluster.reviewers.add(user)
                        self.changed += 1
        admin = User.objects.filter(username="admin").first()
        if admin is None:
            admin = User(username="admin", full_name="Quản trị hệ thống", is_staff=True, is_superuser=True)
            admin.set_password(D.DEMO_PASSWORD)
            admin.save()
            self.changed += 1

    def history(self, units, awards):
        records = {}
        for name, _gender, birth, cid, unit, awards_held in D.HISTORY:
            for code, year, number in awards_held:
                records[(name, code, year)] = self.upsert(
                    AwardRecord,
                    {"nominee_citizen_id": cid, "award_type": awards[code], "year": year},
                    {
                        "nominee_kind": "individual",
                        "nominee_name": name,
                        "nominee_birth_year": birth,
                        "unit": units[unit],
                        "decision_number": number,
                    },
                )
        for name, unit, awards_held in D.COLLECTIVE_HISTORY:
            for code, year, number in awards_held:
                self.upsert(
                    AwardRecord,
                    {"nominee_name": name, "award_type": awards[code], "year": year},
                    {"nominee_kind": "collective", "unit": units[unit], "decision_number": number},
                )
        for name, cid, birth, unit, years in D.GRADES:
            for year, grade in years:
                self.upsert(
                    AssessmentGrade,
                    {"nominee_citizen_id": cid, "year": year},
                    {"nominee_name": name, "nominee_birth_year": birth, "unit": units[unit], "grade": grade},
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
                    "unit": units[unit],
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
                    "household_address": "Thôn Phú Lương, xã Đông Hợp, huyện Đông Hưng",
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
    help = "Tạo dữ liệu mẫu tỉnh Thái Bình năm 2025–2026 và các tài khoản demo (chạy lại không thay đổi gì)."

    def handle(self, *args, **options):
        refuse_in_production()
        seeder = Seeder(self.stdout)
        with transaction.atomic():
            units = seeder.units()
            clusters = seeder.clusters(units)
            awards = seeder.catalog()
            movements = seeder.movements()
            seeder.accounts(units, clusters)
            seeder.history(units, awards)
        # The demo's own certificate authority and signer, for signing decisions.
        from nominations.publishing.signing import signing_material

        signing_material()
        from workflows import demo_paths

        seeder.changed += demo_paths.authorities(awards)
        units = {u.code: u for u in Unit.objects.all()}
        # Outside the atomic block: the workflow door opens its own transactions.
        seeder.nominations(units, awards, movements)
        users = {u.username: u for u in User.objects.filter(username__in=[a[0] for a in D.ACCOUNTS])}
        seeder.changed += demo_paths.unit_titles(users, awards)
        seeder.changed += demo_paths.upward(users, awards)
        seeder.changed += seed_signing()  # the văn thư, organisations' keys, issuance by the văn thư

        if seeder.changed:
            self.stdout.write(self.style.SUCCESS(f"Đã tạo/cập nhật {seeder.changed} mục dữ liệu mẫu."))
        else:
            self.stdout.write("Dữ liệu mẫu đã có sẵn, không thay đổi gì.")
        self.print_accounts()

    def print_accounts(self):
        self.stdout.write(f"\nTài khoản demo (mật khẩu chung: {D.DEMO_PASSWORD}):")
        self.stdout.write(f"  {'tên đăng nhập':<16} {'vai trò':<26} đơn vị / phạm vi")
        labels = dict(Role.choices)
        for username, _full_name, _position, role, unit, reviewed in D.ACCOUNTS:
            scope = Unit.objects.get(code=unit).name
            if reviewed:
                scope = ", ".join(
                    sorted(set(Cluster.objects.filter(code__in=reviewed).values_list("name", flat=True)))
                )
            self.stdout.write(f"  {username:<16} {str(labels.get(role, role)):<26} {scope}")
        self.stdout.write(f"  {'admin':<16} {'Quản trị hệ thống':<26} toàn hệ thống")
