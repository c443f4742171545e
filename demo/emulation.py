"""The emulation year in the demo: the seed plan's movements with their launching documents, 2026's
yearly movement launched to the departments, their plans and six-month reports received, returned
and overdue, the final review's reports asked, 2026 registrations (some late, one returned), and a
dozen advanced examples on the public site.

Each step runs on its own day under a moved clock, through ``workflows.actions.movements`` as the
people would; the deadlines then fall as a real year would leave them, and the seed's final sweep
tells what is late. The same every run; once seeded, nothing is added again.
"""

from datetime import date, datetime, time

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nominations import services
from nominations.exceptions import ActionError
from nominations.models import AdvancedExample, AwardType, Movement, RegistrationRule, Unit, User
from workflows.actions import movements as door
from workflows.calendar import LOCAL

YEARLY = "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế – xã hội năm 2026"
# The seed plan's movements (seed/ke-hoach-29-KH-UBND-2025.txt, §II.4): their launching documents
# are illustrative (the plan names the movements, not the numbers of the documents that launched them).
DOCUMENTS = {
    "Đẩy mạnh phát triển kết cấu hạ tầng": ("112/KH-UBND", date(2021, 8, 16), date(2021, 8, 16), None),
    "Cả nước thi đua xây dựng xã hội học tập": (
        "45/KH-UBND",
        date(2023, 3, 20),
        date(2023, 3, 20),
        date(2030, 12, 31),
    ),
    "văn hóa công sở": ("87/KH-UBND", date(2019, 6, 10), date(2019, 6, 10), date(2025, 12, 31)),
    "nông thôn mới": ("61/KH-UBND", date(2021, 5, 12), date(2021, 5, 12), date(2025, 12, 31)),
    "Vì người nghèo": ("70/KH-UBND", date(2021, 6, 2), date(2021, 6, 2), date(2025, 12, 31)),
    "Chuyển đổi số": ("33/KH-UBND", date(2023, 2, 27), date(2023, 3, 1), date(2025, 12, 31)),
    "300 ngày": ("98/KH-UBND", date(2025, 3, 12), date(2025, 3, 12), date(2025, 12, 31)),
}
FIGURES = [
    {"code": "hoat_dong", "label": "Số hoạt động hưởng ứng đã tổ chức"},
    {"code": "dien_hinh", "label": "Số điển hình tiên tiến phát hiện"},
]
RETURNS = [
    "Kế hoạch chưa có chỉ tiêu cụ thể, đề nghị bổ sung.",
    "Báo cáo thiếu số liệu phụ lục, đề nghị bổ sung.",
]
EXAMPLES = [
    ("individual", "Nguyễn Thị Thu Hằng", "Giáo viên dạy giỏi, 12 năm đưa học sinh nghèo vùng biển đến lớp."),
    (
        "collective",
        "Trường THPT Bắc Duyên Hà",
        "Chuyển đổi số toàn bộ sổ điểm, học bạ; mô hình được nhân rộng.",
    ),
    ("individual", "Trần Văn Quyết", "Bác sĩ tuyến xã, khám miễn phí cho hơn 3.000 người cao tuổi."),
    (
        "collective",
        "Khoa Hồi sức tích cực, Bệnh viện Đa khoa tỉnh",
        "Cứu sống nhiều ca bệnh nặng trong đợt bão.",
    ),
    ("individual", "Phạm Văn Hùng", "Nông dân sản xuất giỏi, hiến 500 m² đất làm đường nông thôn mới."),
    ("collective", "Hợp tác xã Nông nghiệp Đông Xuân", "Liên kết tiêu thụ lúa hữu cơ cho 400 hộ."),
    ("individual", "Lê Thị Mai", "Cán bộ một cửa, 100% hồ sơ trả đúng hạn ba năm liền."),
    ("collective", "Đội Thuế liên xã Tiền Hải", "Vận động doanh nghiệp dùng hóa đơn điện tử sớm nhất tỉnh."),
    ("individual", "Đỗ Văn Thắng", "Công nhân điện lực, sáng kiến giảm tổn thất điện năng."),
    ("collective", "Chi đoàn Sở Tư pháp", "Tư vấn pháp luật miễn phí lưu động ở 40 xã."),
    ("individual", "Vũ Thị Ngọc", "Hội viên phụ nữ giúp 20 hộ thoát nghèo bền vững."),
    ("collective", "Công an xã Vũ Hội", "Mô hình camera an ninh do dân đóng góp."),
]


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LOCAL)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% van ban mau\n%%EOF\n", content_type="application/pdf")


def documents_of_the_plan() -> int:
    """The seed plan's movements get their launching documents and dates (their rows exist)."""
    changed = 0
    for movement in Movement.objects.filter(document_number=""):
        for key, (number, signed, starts, ends) in DOCUMENTS.items():
            if key.lower() in movement.name.lower():
                movement.document_number, movement.launched_on = number, signed
                movement.starts_on, movement.ends_on = starts, ends
                movement.document_signer = "Chủ tịch UBND tỉnh"
                movement.save(
                    update_fields=[
                        "document_number",
                        "launched_on",
                        "starts_on",
                        "ends_on",
                        "document_signer",
                    ]
                )
                changed += 1
    return changed


def _clerk(clerks, unit_id):
    return clerks.get(unit_id)


def build() -> int:
    """Seed the emulation year once; returns how many rows it made (0 when already there)."""
    if Movement.objects.filter(name=YEARLY).exists():
        return 0
    changed = documents_of_the_plan()
    agency = User.objects.get(username="thamdinh")
    clerks = {}
    for user in User.objects.filter(groups__name="unit_clerk", is_active=True, unit__isnull=False).order_by(
        "pk"
    ):
        clerks.setdefault(user.unit_id, user)
    RegistrationRule.objects.get_or_create(
        valid_from=date(2024, 1, 1),
        defaults={
            "due_month": 3,
            "due_day": 31,
            "required": False,
            "basis": "Luật Thi đua, khen thưởng 2022, Điều 7 (không lấy đăng ký làm căn cứ xét)",
        },
    )
    today = timezone.localdate()
    with time_machine.travel(_at(date(2026, 1, 20)), tick=False):
        movement = services.movement_create(
            actor=agency,
            name=YEARLY,
            kind=Movement.Kind.REGULAR,
            launch_level=Movement.LaunchLevel.PROVINCE,
            scope=Movement.Scope.SECTOR,
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
            document_number="12/KH-UBND",
            document_date=date(2026, 1, 19),
            document_signer="Chủ tịch UBND tỉnh",
            document_file=_pdf("ke-hoach-phat-dong-2026.pdf"),
            targets="Hoàn thành vượt mức các chỉ tiêu phát triển kinh tế – xã hội năm 2026 của tỉnh.",
            criteria=["Hoàn thành nhiệm vụ chính trị được giao", "Cải cách hành chính, chuyển đổi số"],
            participant_kind=Unit.Kind.DEPARTMENT,
            participant_units=list(
                Unit.objects.filter(pk__in=list(clerks)).exclude(kind=Unit.Kind.DEPARTMENT)
            )[:6],
            plan_due=date(2026, 2, 27),
            report_figures=FIGURES,
        )
        plans = door.launch_movement(actor=agency, movement=movement)
    changed += 1 + len(plans)
    _answer(plans, clerks, agency, sent_on=date(2026, 2, 20), decided_on=date(2026, 3, 3), today=today)
    with time_machine.travel(_at(date(2026, 7, 10)), tick=False):
        _milestone, reports = door.add_milestone(
            actor=agency, movement=movement, kind="so_ket", on=date(2026, 7, 15), report_due=date(2026, 7, 31)
        )
    changed += len(reports)
    _answer(reports, clerks, agency, sent_on=date(2026, 7, 27), decided_on=date(2026, 8, 5), today=today)
    if today >= date(2026, 12, 1):
        with time_machine.travel(_at(date(2026, 12, 1)), tick=False):
            _milestone, finals = door.add_milestone(
                actor=agency,
                movement=movement,
                kind="tong_ket",
                on=date(2026, 12, 18),
                report_due=date(2026, 12, 31),
            )
        changed += len(finals)
    changed += _registrations(clerks, agency, today)
    changed += _examples(movement)
    return changed


def _answer(requests, clerks, agency, *, sent_on, decided_on, today):
    """Most units send on time and are accepted; every sixth is returned (one of them sends it again),
    every fifth sends nothing (overdue); the rest of the pattern is fixed by the position."""
    for i, request in enumerate(requests):
        clerk = _clerk(clerks, request.unit_id)
        if clerk is None or i % 5 == 4:
            continue  # nothing sent: overdue
        if sent_on > today:
            continue
        figures = {f["code"]: 3 + i % 7 for f in FIGURES} if request.kind == "report" else {}
        try:
            with time_machine.travel(_at(sent_on, 9 + i % 6), tick=False):
                request = door.submit_request(
                    actor=clerk, request=request, file=_pdf("ke-hoach.pdf"), figures=figures
                )
            if decided_on > today:
                continue
            with time_machine.travel(_at(decided_on, 10), tick=False):
                if i % 6 == 1:
                    request = door.return_request(actor=agency, request=request, comment=RETURNS[i % 2])
                    if i % 12 == 1:
                        continue  # returned, not yet sent again
                else:
                    door.accept_request(actor=agency, request=request)
                    continue
            with time_machine.travel(_at(decided_on.replace(day=decided_on.day + 3), 9), tick=False):
                request = door.submit_request(actor=clerk, request=request, figures=figures)
                door.accept_request(actor=agency, request=request)
        except ActionError:
            continue


def _registrations(clerks, agency, today) -> int:
    """Every unit with a clerk registers for 2026: most by 31/3, every seventh in April (late), one
    returned for its missing citizen ids; a few still drafts (missing on the dashboard)."""
    ldtt = AwardType.objects.filter(code="LDTT").first()
    cstd = AwardType.objects.filter(code="CSTD_CO_SO").first()
    collective = AwardType.objects.filter(code="TAP_THE_LDTT").first()
    if ldtt is None:
        return 0
    made = 0
    for i, (unit_id, clerk) in enumerate(sorted(clerks.items())):
        if i % 11 == 10:
            continue  # never registered
        day = date(2026, 4, 8) if i % 7 == 3 else date(2026, 3, 10 + i % 15)
        people = [
            {
                "name": f"Cán bộ {n + 1} – {clerk.unit.name}",
                "identity_number": f"0341850{unit_id % 100:02d}{n:03d}",
                "title": "LDTT",
            }
            for n in range(3)
        ]
        if cstd is not None:
            people.append(
                {"name": f"Chiến sĩ – {clerk.unit.name}", "identity_number": "", "title": cstd.code}
            )
        with time_machine.travel(_at(day), tick=False):
            registration = services.registration_save(
                actor=clerk, year=2026, titles=[collective.code] if collective else [], people=people
            )
            made += 1
            if i % 13 == 12:
                continue  # a draft, not sent
            registration = door.submit_registration(actor=clerk, registration=registration)
        with time_machine.travel(_at(date(2026, 4, 15)), tick=False):
            if i % 9 == 5:
                door.return_registration(
                    actor=agency,
                    registration=registration,
                    comment="Thiếu số CCCD của cá nhân đăng ký Chiến sĩ thi đua.",
                )
            else:
                door.accept_registration(actor=agency, registration=registration)
    return made


def _examples(movement) -> int:
    units = list(Unit.objects.exclude(kind=Unit.Kind.PROVINCE).order_by("pk")[: len(EXAMPLES)])
    made = 0
    for i, (kind, name, story) in enumerate(EXAMPLES):
        AdvancedExample.objects.create(
            kind=kind,
            name=name,
            unit=units[i % len(units)],
            movement=movement if i % 3 else Movement.objects.filter(name__icontains="Chuyển đổi số").first(),
            story=story,
            award="Bằng khen của Chủ tịch UBND tỉnh" if i % 4 == 0 else "",
            status=AdvancedExample.Status.ACCEPTED,
            proposed_at=_at(date(2026, 6, 1)),
            accepted_at=_at(date(2026, 6, 20 + i % 8)),
        )
        made += 1
    return made
