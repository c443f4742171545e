"""A year of the province in the demo: a few hundred dossiers moved through the real door, day by day.

Each dossier's story (prepared in some month, submitted, reviewed by its cluster, perhaps returned
once or twice, appraised, voted, signed in one of the year's two decisions, or still waiting) is a
list of dated steps. All steps of all dossiers run in date order under a moved clock (time-machine),
so deadlines, overdue work, escalations and the monthly figures are those a real year would leave;
steps that would fall after today are simply not taken yet. The same every run (a fixed seed).
Called by ``seed_demo``; it acts only through ``workflows.actions``, as people do.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nominations import services
from nominations.exceptions import ActionError
from nominations.models import Cluster, Nomination, User
from nominations.policy import documents
from workflows import actions
from workflows.calendar import WorkingCalendar

from . import data as D

YEAR = 2026
# The clerks of the units without a named demo account, and the heads of the other blocks.
CLERK_PREFIX = "td_"
BLOCK_REVIEWERS = {
    "KHOI_TONGHOP": ("cum_tonghop", "Lại Văn Toàn", "Giám đốc Sở Nội vụ"),
    "KHOI_KINHTE": ("cum_kinhte", "Cao Thị Hằng", "Giám đốc Sở Tài chính"),
    "KHOI_DANGDOANTHE": ("cum_doanthe", "Kiều Văn Lực", "Chủ tịch Ủy ban MTTQ tỉnh"),
    "KHOI_DOANHNGHIEP": ("cum_doanhnghiep", "Âu Thị Nhàn", "Giám đốc Công ty Điện lực"),
}
VOTE = {"members_total": 23, "members_present": 21}
RETURN_COMMENTS = [
    "Đề nghị bổ sung biên bản họp xét của đơn vị.",
    "Báo cáo thành tích chưa có xác nhận của thủ trưởng đơn vị.",
    "Đề nghị làm rõ số liệu thành tích năm 2026 và bổ sung minh chứng.",
    "Thiếu quyết định công nhận sáng kiến; đề nghị bổ sung.",
]
RESUBMIT_COMMENTS = ["Đã bổ sung theo ý kiến.", "Đơn vị đã hoàn thiện hồ sơ và gửi lại."]
ACHIEVEMENTS = [
    "Hoàn thành xuất sắc nhiệm vụ năm 2026; dẫn đầu phong trào chuyển đổi số của đơn vị.",
    "Có sáng kiến được áp dụng hiệu quả, tiết kiệm thời gian giải quyết thủ tục hành chính.",
    "Tích cực tham gia phong trào chung tay xóa nhà tạm, nhà dột nát trên địa bàn.",
    "Hoàn thành vượt mức các chỉ tiêu được giao; đơn vị không có cán bộ vi phạm kỷ luật.",
]
COLLECTIVE_NAMES = [
    "Phòng Tổng hợp",
    "Phòng Kế hoạch – Tài chính",
    "Văn phòng",
    "Phòng Chuyên môn nghiệp vụ",
    "Trung tâm Dịch vụ công",
]


@dataclass(order=True)
class Step:
    at: datetime
    order: int
    nomination: int = field(compare=False)
    who: str = field(compare=False)
    action: str = field(compare=False)
    params: dict = field(compare=False, default_factory=dict)


def _aware(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(8, 16), rng.randint(0, 59))))


class Year:
    """The plan of one demo year and its people."""

    def __init__(self, users: dict, awards: dict, movements: dict, count: int):
        self.rng = random.Random(YEAR)
        self.users = users
        self.awards = awards
        self.movements = list(movements.values())
        self.count = count
        self.calendar = WorkingCalendar()
        self.created: list[int] = []
        self.today = timezone.localdate()

    # --- people -------------------------------------------------------------

    def people(self) -> dict:
        """A clerk for every unit of the 2026 clusters (the named demo accounts where they exist) and
        a head for each block that has none; returns unit id -> (clerk, reviewer username)."""
        clerk_group, reviewer_group = (
            Group.objects.get(name="unit_clerk"),
            Group.objects.get(name="cluster_reviewer"),
        )
        named = {u.unit_id: u for u in User.objects.filter(groups=clerk_group).exclude(unit=None)}
        by_unit = {}
        for cluster in Cluster.objects.filter(year=YEAR).prefetch_related("members", "reviewers"):
            reviewer = cluster.reviewers.order_by("pk").first()
            if reviewer is None and cluster.code in BLOCK_REVIEWERS:
                username, full_name, position = BLOCK_REVIEWERS[cluster.code]
                reviewer = self._account(username, full_name, position, cluster.head_unit, reviewer_group)
                cluster.reviewers.add(reviewer)
            if reviewer is None:
                continue
            for i, unit in enumerate(cluster.members.order_by("code")):
                clerk = named.get(unit.pk)
                if clerk is None:
                    name, gender, _birth, _pos = D.staff(unit.code, 3)[i % 3]
                    clerk = self._account(
                        f"{CLERK_PREFIX}{unit.code.lower()}",
                        name,
                        "Cán bộ phụ trách thi đua, khen thưởng",
                        unit,
                        clerk_group,
                    )
                by_unit[unit.pk] = (clerk, reviewer)
        return by_unit

    def _account(self, username, full_name, position, unit, group) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, position=position, unit=unit)
            user.email = f"{username}@demo.tdkt.local"
            user.password, user.password_changed_at = D.demo_password_hash(), timezone.now()
            user.save()
        user.groups.add(group)
        return user

    # --- stories ------------------------------------------------------------

    def after(self, moment: datetime, low: int, high: int) -> datetime:
        """Some working days after ``moment``, in office hours."""
        day = self.calendar.add_working_days(timezone.localdate(moment), self.rng.randint(low, high))
        return _aware(day, self.rng)

    def nominee(self, unit, kind: str, index: int) -> dict:
        if kind == "collective":
            if unit.kind == "enterprise":
                return {"nominee_name": f"Phân xưởng {index % 7 + 1} – {unit.name}", "is_enterprise": True}
            return {"nominee_name": f"{self.rng.choice(COLLECTIVE_NAMES)} – {unit.name}"}
        if kind == "household":
            family = D.STAFF_FAMILY[index % len(D.STAFF_FAMILY)]
            return {
                "nominee_name": f"Hộ ông {family} Văn {D.STAFF_GIVEN['male'][index % 12]}",
                "household_address": f"Thôn {index % 9 + 1}, {unit.name}",
                "route": "thematic",
                "movement": next(m for m in self.movements if "300 ngày" in m.name),
            }
        name, gender, birth, position = D.staff(unit.code, index + 1)[index]
        # Who they are for the statistical forms: mostly people at work, some leaders.
        roll = self.rng.random()
        if unit.kind == "enterprise" and roll < 0.2:
            awardee, position = "business_owner", "Giám đốc"
        elif roll < 0.12:
            awardee, position = "department_leader", "Phó Giám đốc"
        elif roll < 0.35:
            awardee, position = "other_leader", self.rng.choice(["Trưởng phòng", "Phó Trưởng phòng"])
        else:
            awardee = "direct_worker"
        return {
            "nominee_name": name,
            "nominee_gender": gender,
            "nominee_birth_year": birth,
            "nominee_birth_date": date(birth, index % 12 + 1, index % 28 + 1),
            "nominee_position": f"{position}, {unit.name}",
            "awardee_class": awardee,
            "ethnic_group": "Tày" if index % 23 == 0 else "Kinh",
        }

    def draw_award(self) -> tuple[str, str]:
        roll = self.rng.random()
        for limit, award, kind in (
            (0.45, "BANG_KHEN_TINH", "individual"),
            (0.55, "BANG_KHEN_TINH", "collective"),
            (0.60, "BANG_KHEN_TINH", "household"),
            (0.72, "CSTD_TINH", "individual"),
            (0.90, "TAP_THE_LDXS", "collective"),
        ):
            if roll < limit:
                return award, kind
        return "BANG_KHEN_TTG", self.rng.choice(["individual", "collective"])

    def plan(self, index: int, nomination: Nomination, clerk: User, reviewer: User, start) -> list[Step]:
        """The dated steps of one dossier, decided now with the fixed seed. A few dossiers stall where
        somebody sits on them (every 15th at its cluster, every 15th but four at appraisal): the
        overdue work and the escalations of the year."""
        pk, rng = nomination.pk, self.rng
        steps = []
        fate = rng.random()
        if fate < 0.06:
            return steps  # still being prepared
        at = self.after(start, 1, 8)
        if fate < 0.09:
            return [Step(at, 0, pk, clerk.username, "withdraw", {"comment": "Đơn vị rút hồ sơ."})]
        steps.append(Step(at, 0, pk, clerk.username, "submit"))
        returns = 2 if fate > 0.97 else 1 if fate > 0.85 else 0
        for _ in range(returns):
            at = self.after(at, 1, 6)
            steps.append(
                Step(
                    at,
                    0,
                    pk,
                    reviewer.username,
                    "return_for_changes",
                    {"comment": rng.choice(RETURN_COMMENTS)},
                )
            )
            at = self.after(at, 2, 9)
            steps.append(
                Step(at, 0, pk, clerk.username, "resubmit", {"comment": rng.choice(RESUBMIT_COMMENTS)})
            )
        if index % 15 == 7:
            return steps
        at = self.after(at, 1, 7)
        steps.append(Step(at, 0, pk, reviewer.username, "approve_cluster"))
        if index % 15 == 11:
            return steps
        at = self.after(at, 2, 13)
        if fate < 0.12:
            reason = "Thành tích chưa đủ tiêu chuẩn theo quy định; không đề nghị khen thưởng."
            steps.append(Step(at, 0, pk, "thamdinh", "reject", {"comment": reason}))
            return steps
        steps.append(
            Step(
                at,
                0,
                pk,
                "thamdinh",
                "pass_appraisal",
                {
                    "checklist": {"documents": True, "criteria": True},
                    "justification": "Đã đối chiếu hồ sơ gốc và minh chứng thành tích của đơn vị.",
                },
            )
        )
        at = self.after(at, 3, 12)
        against = 0 if fate < 0.95 else 5
        steps.append(
            Step(
                at,
                0,
                pk,
                "thuky",
                "record_vote",
                {**VOTE, "votes_for": 21 - against, "votes_against": against},
            )
        )
        return steps

    # --- the year -----------------------------------------------------------

    def run(self) -> int:
        import time_machine

        people = self.people()
        units = list(people)
        steps: list[Step] = []
        first = date(YEAR, 1, 5)
        last = self.today - timedelta(days=2)
        span = max((last - first).days, 1)
        for index in range(self.count):
            unit_id = units[index % len(units)]
            clerk, reviewer = people[unit_id]
            award, kind = self.draw_award()
            # Annual dossiers crowd into the last months of the year, as they do.
            start = _aware(first + timedelta(days=round(span * (index / self.count) ** 0.5)), self.rng)
            fields = {
                "award_type": self.awards[award],
                "route": "annual",
                "year": YEAR,
                "nominee_kind": kind,
                "achievements": self.rng.choice(ACHIEVEMENTS),
                **self.nominee(clerk.unit, kind, index),
            }
            with time_machine.travel(start, tick=False):
                nomination = services.nomination_create(actor=clerk, **fields)
                for doc_kind in documents.required_documents(nomination):
                    pdf = SimpleUploadedFile(f"{doc_kind}.pdf", b"%PDF-1.4\n% ho so mau\n%%EOF\n")
                    services.document_add(nomination=nomination, actor=clerk, kind=doc_kind, uploaded=pdf)
            self.created.append(nomination.pk)
            steps += self.plan(index, nomination, clerk, reviewer, start)
        now = timezone.now()
        users = {u.username: u for u in User.objects.filter(username__in={s.who for s in steps})}
        for step in sorted(steps):
            if step.at >= now:
                continue
            with time_machine.travel(step.at, tick=False):
                try:
                    actions.perform(
                        user=users[step.who], nomination_id=step.nomination, action=step.action, **step.params
                    )
                except ActionError:
                    # An earlier step of this dossier was not taken (it falls after today): the
                    # rest of its story waits too.
                    continue
        self.sign_the_year_decisions()
        self.settle_notifications()
        # Today's deadline sweep: reminders, overdue notices and escalations for what still waits.
        from workflows.sweep import sweep_deadlines

        sweep_deadlines()
        return self.count

    def settle_notifications(self) -> None:
        """What the year told people more than a week ago has been read and its e-mail delivered then;
        the last week's stays unread, as it would be on a Monday morning."""
        from django.db.models import F

        from workflows.models import Notification

        week_ago = timezone.now() - timedelta(days=7)
        Notification.objects.filter(created_at__lt=week_ago, read_at=None).update(
            read_at=F("created_at") + timedelta(hours=4),
            emailed_at=F("created_at"),
            email_status=Notification.EmailStatus.SENT,
        )

    def sign_the_year_decisions(self) -> None:
        """The year's documents in date order: a decision on the 20th of each month from May (the
        Chairman's and the Vice-Chairman's in turn), the Chairman's proposal letters to the Prime
        Minister on 25 June and 25 September, and the central decision on the June letter recorded
        on 12 October."""
        events = [(date(YEAR, month, 20), "decision", month) for month in range(5, 12)]
        events += [(date(YEAR, 6, 25), "letter", 6), (date(YEAR, 9, 25), "letter", 9)]
        events += [(date(YEAR, 10, 12), "central", 10)]
        letters = []
        for day, kind, month in sorted(events):
            moment = _aware(day, self.rng)
            if moment >= timezone.now():
                continue
            if kind == "decision":
                self._sign(
                    moment, "chutich" if month % 2 else "phochutich", Nomination.Status.AWAITING_SIGNATURE
                )
            elif kind == "letter":
                letter = self._sign(moment, "chutich", Nomination.Status.AWAITING_PROPOSAL, proposal=True)
                if letter is not None:
                    letters.append(letter)
            elif letters:
                self._central_result(moment, letters[0])

    def _sign(self, moment, signer: str, status: str, *, proposal: bool = False):
        import time_machine

        from nominations.models import Decision

        ids = list(
            Nomination.objects.filter(status=status, status_changed_at__lt=moment, pk__in=self.created)
            .order_by("status_changed_at")
            .values_list("pk", flat=True)[:80]
        )
        if not ids:
            return None
        leader = User.objects.get(username=signer)
        kind = Decision.Kind.PROPOSAL if proposal else Decision.Kind.DECISION
        with time_machine.travel(moment, tick=False):
            draft = services.decision_create_draft(actor=leader, nomination_ids=ids, kind=kind)
            return actions.sign_decision(user=leader, decision_id=draft.pk)

    def _central_result(self, moment, letter) -> None:
        """The Prime Minister's decision on a letter: all awarded but the last line."""
        import time_machine

        lines = [{"nomination": line.nomination_id, "result": "awarded"} for line in letter.lines.all()]
        lines[-1] = {
            "nomination": lines[-1]["nomination"],
            "result": "not_awarded",
            "reason": "Thành tích chưa tiêu biểu so với các trường hợp cùng đợt.",
        }
        with time_machine.travel(moment, tick=False):
            actions.record_proposal_result(
                user=User.objects.get(username="thamdinh"),
                proposal_id=letter.pk,
                decision_number="1876/QĐ-TTg",
                decision_date=moment.date() - timedelta(days=10),
                issuer="Thủ tướng Chính phủ",
                lines=lines,
            )


def build(users, awards, movements) -> int:
    """Seed the year once; returns how many dossiers were created (0 when already there)."""
    if Nomination.objects.filter(created_by__username__startswith=CLERK_PREFIX).exists():
        return 0
    return Year(users, awards, movements, getattr(settings, "DEMO_YEAR_NOMINATIONS", 300)).run()
