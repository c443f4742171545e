"""Twenty citizens' applications for the Huy chương TNXP vẻ vang in the demo's Hưng Yên communes.

Xã Hồng Việt (its clerk ``donvi_xa`` and Chairman ``chutich_xa``) carries the whole path: a list
posted and reviewed weeks ago, the Chairman's letter sending six cases up and refusing one, the
province's proposal to the Prime Minister with the President's decision for some; a second list
posted today with a citizen's comment on it (one case returned for a missing proof and
resubmitted); two cases waiting for papers. The other communes have cases just filed online.

The past steps are dated on the working-day calendar counted back from today (the services take
the dates), so the seed needs no time travel and the audit trail stays in order.
"""

from datetime import date, datetime, time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from nominations import services
from nominations.audit import appended_at_end
from nominations.models import CitizenApplication, Decision, Unit
from workflows import actions
from workflows.actions.door import start_process
from workflows.calendar import WorkingCalendar

COMMUNE = "XA_HONG_VIET"
OTHER_COMMUNES = ["XA_HUNGHA", "XA_QUYNHPHU", "P_THAIBINH", "XA_THAITHUY"]
VOTE = {"votes_for": 20, "votes_against": 0, "members_present": 21, "members_total": 21}
PRESIDENT_DECISION = ("1520/QĐ-CTN", "Chủ tịch nước")

# (volunteer, birth year, identity, applicant, relationship, posthumous, periods as (force, from, to))
PEOPLE = [
    (
        "Nguyễn Văn Thành",
        1950,
        "034050001101",
        "",
        "",
        False,
        [("Đội TNXP 305", date(1968, 3, 1), date(1970, 12, 15))],
    ),
    (
        "Lê Văn Hùng",
        1948,
        "",
        "Lê Thị Hoa",
        "Con gái",
        True,
        [("Đội TNXP 25", date(1967, 5, 1), date(1969, 8, 12))],
    ),
    (
        "Trần Thị Mai",
        1952,
        "034152001103",
        "",
        "",
        False,
        [("Đội TNXP 23", date(1970, 1, 10), date(1972, 6, 30))],
    ),
    (
        "Phạm Văn Bình",
        1949,
        "034049001104",
        "",
        "",
        False,
        [("Đội TNXP 305", date(1967, 9, 1), date(1970, 2, 28))],
    ),
    (
        "Vũ Thị Lan",
        1951,
        "034151001105",
        "",
        "",
        False,
        [("Đội TNXP 33", date(1969, 4, 1), date(1971, 10, 1))],
    ),
    (
        "Đỗ Văn Sơn",
        1950,
        "034050001106",
        "",
        "",
        False,
        [("Đội TNXP 25", date(1968, 6, 1), date(1971, 1, 1))],
    ),
    # Refused by the commune: six months in the concentrated force.
    (
        "Hoàng Văn Tư",
        1953,
        "034053001107",
        "",
        "",
        False,
        [("Đội TNXP 41", date(1972, 3, 1), date(1972, 9, 30))],
    ),
    # Returned for a missing proof, resubmitted, posted today.
    (
        "Ngô Thị Hạnh",
        1952,
        "034152001108",
        "",
        "",
        False,
        [("Đội TNXP 23", date(1970, 2, 1), date(1972, 8, 1))],
    ),
    (
        "Bùi Văn Toàn",
        1951,
        "034051001109",
        "",
        "",
        False,
        [("Đội TNXP 33", date(1969, 1, 1), date(1971, 5, 1))],
    ),
    (
        "Đinh Thị Nga",
        1953,
        "",
        "Đinh Văn Khải",
        "Em trai",
        True,
        [("Đội TNXP 41", date(1971, 4, 1), date(1972, 12, 20))],
    ),
    # Waiting for papers.
    (
        "Mai Văn Lộc",
        1950,
        "034050001111",
        "",
        "",
        False,
        [("Đội TNXP 305", date(1968, 1, 1), date(1970, 6, 1))],
    ),
    (
        "Tạ Thị Hòa",
        1952,
        "034152001112",
        "",
        "",
        False,
        [("Đội TNXP 25", date(1970, 5, 1), date(1972, 9, 1))],
    ),
]
# Filed online in the other communes, waiting for the clerk's check.
ELSEWHERE = [
    ("Lương Văn Hải", 1949, "034049001201"),
    ("Cao Thị Thu", 1951, "034151001202"),
    ("Phan Văn Đức", 1950, "034050001203"),
    ("Trịnh Thị Yến", 1952, "034152001204"),
    ("Lý Văn Quang", 1948, "034048001205"),
    ("Kiều Thị Sen", 1953, "034153001206"),
    ("Hà Văn Tùng", 1950, "034050001207"),
    ("Quách Thị Dung", 1951, "034151001208"),
]
# The two applicants whose tracking codes ``make demo`` prints.
PRINTED = ["034050001101", "034152001108"]


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n% " + name.encode() + b"\n%%EOF\n", content_type="application/pdf"
    )


def _filing(volunteer, birth, identity, applicant, relationship, posthumous, periods) -> services.Filing:
    files = [("declaration", _pdf("ban-khai.pdf")), ("proof", _pdf("giay-xac-nhan-tnxp.pdf"))]
    if posthumous:
        files.append(("martyr", _pdf("bang-to-quoc-ghi-cong.pdf")))
    # A relative's own number where the volunteer has none (posthumous): fixed, so reseeding finds it.
    applicant_identity = identity or f"034175{birth % 100:02d}{len(volunteer):04d}"
    return services.Filing(
        applicant_name=applicant or volunteer,
        applicant_identity=applicant_identity[:12],
        relationship=relationship,
        phone="0912000" + applicant_identity[-3:],
        email="",
        address="Xã Hồng Việt, tỉnh Hưng Yên",
        volunteer_name=volunteer,
        volunteer_birth_year=birth,
        volunteer_identity=identity,
        posthumous=posthumous,
        death_note="Hy sinh khi làm nhiệm vụ mở đường tại Quảng Bình; Bằng Tổ quốc ghi công."
        if posthumous
        else "",
        achievements="Tham gia lực lượng thanh niên xung phong tập trung, làm nhiệm vụ mở đường, vận chuyển hàng hóa.",
        periods=[services.Period(force=f, started_on=a, ended_on=b) for f, a, b in periods],
        files=files,
    )


def _file(commune, filing, *, day: date, due_on: date, actor=None) -> CitizenApplication:
    application = services.application_file(
        commune=commune, filing=filing, today=day, due_on=due_on, actor=actor
    )
    moment = timezone.make_aware(datetime.combine(day, time(9)))
    CitizenApplication.objects.filter(pk=application.pk).update(filed_at=moment)
    return application


def build(users) -> int:
    if CitizenApplication.objects.filter(applicant_identity=PRINTED[0]).exists():
        return 0
    clerk, chairman = users["donvi_xa"], users["chutich_xa"]
    commune = Unit.objects.get(code=COMMUNE)
    cal = WorkingCalendar()
    today = timezone.localdate()
    filed_on = cal.add_working_days(today, -28)
    posted_on = cal.add_working_days(filed_on, 3)
    posted_until = cal.add_working_days(posted_on, 10)
    met_on = cal.add_working_days(posted_until, 1)
    due = cal.add_working_days(filed_on, 15)

    apps = []
    for person in PEOPLE:
        apps.append(
            _file(commune, _filing(*person), day=filed_on, due_on=due, actor=clerk if person[5] else None)
        )
    first, posted_now, waiting = apps[:7], apps[7:10], apps[10:]

    # The first list: complete, posted, reviewed at one meeting.
    for application in first:
        services.application_check(application=application, actor=clerk, complete=True)
    services.application_post(applications=first, actor=clerk, opens_on=posted_on, closes_on=posted_until)
    services.application_review(
        applications=first,
        actor=clerk,
        held_on=met_on,
        members_total=9,
        members_present=8,
        minutes=_pdf("bien-ban-hop-xet-tnxp.pdf"),
        attendees="Chủ tịch UBND xã chủ trì; đại diện Hội Cựu TNXP xã, Mặt trận Tổ quốc xã.",
    )
    # The Chairman's letter: six up, one refused with its reason.
    with transaction.atomic(), appended_at_end():
        result = services.application_send_up(
            actor=chairman,
            commune_id=commune.pk,
            number="27/TTr-UBND",
            signed_on=met_on,
            letter_file=_pdf("to-trinh-xa-hong-viet.pdf"),
            send=first[:6],
            refuse={first[6]: "Thời gian tham gia lực lượng TNXP tập trung 7 tháng, chưa đủ 24 tháng."},
            province_due_on=cal.add_working_days(met_on, 15),
        )
        for nomination in result.nominations:
            start_process(nomination)

    # The province: appraisal, the Council, the proposal to the Prime Minister, the President's decision for some.
    voted = []
    for nomination in result.nominations[:4]:
        actions.perform(
            user=users["thamdinh"],
            nomination_id=nomination.pk,
            action="pass_appraisal",
            checklist={"documents": True, "criteria": True},
            justification="Đã đối chiếu thời gian tham gia TNXP với ý kiến của Hội Cựu TNXP tỉnh.",
        )
        actions.perform(user=users["thuky"], nomination_id=nomination.pk, action="record_vote", **VOTE)
        voted.append(nomination)
    proposal = services.decision_create_draft(
        actor=users["chutich"], nomination_ids=[n.pk for n in voted], kind=Decision.Kind.PROPOSAL
    )
    actions.sign_decision(user=users["chutich"], decision_id=proposal.pk)
    number, issuer = PRESIDENT_DECISION
    actions.record_proposal_result(
        user=users["thamdinh"],
        proposal_id=proposal.pk,
        decision_number=number,
        decision_date=today,
        issuer=issuer,
        lines=[
            {"nomination": voted[0].pk, "result": "awarded"},
            {"nomination": voted[1].pk, "result": "awarded"},
        ],
    )

    # The second list, posted today: one case returned for a missing proof and resubmitted first.
    returned = posted_now[0]
    services.application_check(
        application=returned,
        actor=clerk,
        complete=False,
        missing="Bổ sung giấy xác nhận của Hội Cựu TNXP về thời gian ở Đội TNXP 23.",
        days_used=2,
    )
    services.application_resubmit(
        application=returned,
        files=[("proof", _pdf("xac-nhan-hoi-cuu-tnxp.pdf"))],
        note="Đã bổ sung giấy xác nhận.",
        today=cal.add_working_days(filed_on, 6),
        due_on=cal.add_working_days(cal.add_working_days(filed_on, 6), 13),
    )
    for application in posted_now:
        services.application_check(application=application, actor=clerk, complete=True)
    posting = services.application_post(
        applications=posted_now,
        actor=clerk,
        opens_on=today,
        closes_on=cal.add_working_days(today, 10),
    )
    services.posting_comment_add(
        posting=posting,
        name="Nguyễn Văn Dũng",
        contact="0912 345 678",
        body="Tôi cùng đơn vị với bà Ngô Thị Hạnh ở Đội TNXP 23, xác nhận bà tham gia đủ thời gian.",
    )
    for application in waiting:
        services.application_check(
            application=application,
            actor=clerk,
            complete=False,
            missing="Bổ sung bản sao quyết định điều động vào lực lượng TNXP.",
            days_used=1,
        )

    for i, (name, birth, identity) in enumerate(ELSEWHERE):
        other = Unit.objects.get(code=OTHER_COMMUNES[i % len(OTHER_COMMUNES)])
        person = (
            name,
            birth,
            identity,
            "",
            "",
            False,
            [("Đội TNXP 305", date(1968, 1, 1), date(1970, 9, 1))],
        )
        filing = _filing(*person)
        filing.address = other.name
        _file(other, filing, day=cal.add_working_days(today, -2), due_on=cal.add_working_days(today, 13))
    return 1


def printed_codes() -> list[CitizenApplication]:
    return list(
        CitizenApplication.objects.filter(applicant_identity__in=PRINTED).order_by("applicant_identity")
    )
