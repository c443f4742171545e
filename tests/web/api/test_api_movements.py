"""The emulation year over HTTP: a movement launched, plans received, returned and chased through the
sweep, a final review's reports, registrations accepted and returned, a nomination for the movement
named by its decision, and form 0601 counting the movement. Every figure is counted by hand below.

The calendar of December 2026 has no holiday: 07/12 is a Monday.
- plan due 15/12 (Tue) → due 15/12 17:00; reminder two working days before: 11/12 (Fri) 08:00;
  escalation three working days after: 18/12 (Fri) 17:00.
"""

import logging
from datetime import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from nominations.models import BaseSalary, Movement, MovementRequest, Registration, RegistrationRule
from nominations.policy.lifecycle import MOVEMENT, MOVEMENT_REQUEST, REGISTRATION
from nominations.services import decision_create_draft
from tests.conftest import pdf_file
from tests.factories import AwardTypeFactory
from tests.pdf import pdf_text
from tests.workflows.test_sign_decision import at_signature
from workflows.actions import sign_decision
from workflows.calendar import LOCAL
from workflows.models import DeadlineEvent, Notification, RequestDeadline
from workflows.sweep import sweep_deadlines

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Chuyển đổi số trong cơ quan nhà nước tỉnh giai đoạn 2026–2027"


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def local(y, m, d, h):
    return datetime(y, m, d, h, tzinfo=LOCAL)


def form_0601(client):
    data = ok(client.get("/api/reports/forms/0601/", {"from": "2026-01-01", "to": "2026-12-31"}))
    return {row["code"]: row["values"]["1"] for row in data["rows"]}


def test_the_lifecycle_tables_and_the_models_agree():
    for model, table in ((Movement, MOVEMENT), (MovementRequest, MOVEMENT_REQUEST)):
        fsm = {
            (t.name, t.source, t.target) for t in model._meta.get_field("status").get_all_transitions(model)
        }
        assert fsm == {(e.action, e.source, e.target) for e in table.edges}
    fsm = {
        (t.name, t.source, t.target)
        for t in Registration._meta.get_field("status").get_all_transitions(Registration)
    }
    assert fsm == {(e.action, e.source, e.target) for e in REGISTRATION.edges}


def test_a_movement_from_launch_to_its_final_review(world):
    BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")
    agency, head = client_for(world.appraiser), client_for(world.head)
    gd, yte = client_for(world.clerk), client_for(world.clerk2)
    before = form_0601(head)

    # The Standing agency drafts it: three participating units, plans due 15/12.
    body = {
        "name": NAME,
        "kind": "thematic",
        "launch_level": "province",
        "scope": "sector",
        "starts_on": "01/03/2026",
        "ends_on": "28/02/2028",
        "document_number": "15/KH-UBND",
        "document_date": "02/03/2026",
        "document_signer": "Nguyễn Văn Chủ",
        "targets": "100% hồ sơ công việc xử lý trên môi trường mạng.",
        "criteria": ["Hồ sơ trực tuyến", "Chữ ký số"],
        "participant_units": [world.so_gd.pk, world.so_yte.pk, world.so_tc.pk],
        "plan_due": "15/12/2026",
        "report_figures": [{"code": "models", "label": "Số mô hình chuyển đổi số"}],
    }
    assert gd.post("/api/movements/", body, format="json").status_code == 403  # a unit does not launch
    movement = ok(agency.post("/api/movements/", body, format="json"), 201)
    assert movement["status"] == "draft" and movement["participants"] == 0
    assert form_0601(head) == before  # a draft was not launched: not counted

    launched = ok(agency.post(f"/api/movements/{movement['id']}/launch/"))
    assert launched["status"] == "launched" and launched["participants"] == 3
    # Each participating unit's clerk is told (three units, one clerk each).
    assert Notification.objects.filter(kind="movement_launched").count() == 3
    assert Notification.objects.filter(kind="movement_launched", recipient=world.clerk_vp).count() == 0
    # Launched twice: refused, nothing opened twice.
    assert agency.post(f"/api/movements/{movement['id']}/launch/").status_code == 409
    assert MovementRequest.objects.count() == 3

    # Scope: a unit sees its own request; another unit's answers 404; the Standing agency sees all.
    mine = ok(gd.get("/api/movement-requests/", {"unit": world.so_gd.pk}))["results"]
    assert [(r["unit"], r["kind"], r["status"], r["due_date"]) for r in mine] == [
        (world.so_gd.pk, "plan", "open", "2026-12-15")
    ]
    assert ok(gd.get("/api/movement-requests/", {"unit": world.so_yte.pk}))["results"] == []
    plans = {r["unit"]: r["id"] for r in ok(agency.get("/api/movement-requests/"))["results"]}
    assert len(plans) == 3
    assert gd.get(f"/api/movement-requests/{plans[world.so_yte.pk]}/").status_code == 404
    assert gd.post(f"/api/movement-requests/{plans[world.so_yte.pk]}/submit/").status_code == 404
    assert client_for(world.clerk_vp).get(f"/api/movements/{movement['id']}/").status_code == 404

    # The deadline of each plan: 15/12 17:00, reminder 11/12 08:00, escalation 18/12 17:00.
    deadline = RequestDeadline.objects.get(request_id=plans[world.so_tc.pk])
    assert deadline.stage == "movement_plan"
    assert (deadline.due_at, deadline.remind_at, deadline.escalate_at) == (
        local(2026, 12, 15, 17),
        local(2026, 12, 11, 8),
        local(2026, 12, 18, 17),
    )

    # Sở GD&ĐT's plan: sent without a file → 400 in Vietnamese; then sent and accepted.
    error = ok(
        gd.post(f"/api/movement-requests/{plans[world.so_gd.pk]}/submit/", {}, format="multipart"), 400
    )
    assert error["code"] == "invalid" and "đính kèm" in error["detail"]
    sent = ok(
        gd.post(
            f"/api/movement-requests/{plans[world.so_gd.pk]}/submit/",
            {"file": pdf_file("ke-hoach.pdf")},
            format="multipart",
        )
    )
    assert sent["status"] == "submitted"
    assert (
        Notification.objects.filter(kind="movement_request_submitted", recipient=world.appraiser).count() == 1
    )
    assert gd.post(f"/api/movement-requests/{plans[world.so_gd.pk]}/accept/").status_code == 403
    assert ok(agency.post(f"/api/movement-requests/{plans[world.so_gd.pk]}/accept/", {"comment": ""}))[
        "status"
    ] == ("accepted")

    # Sở Y tế's plan: returned with a comment (none: 400), sent again, accepted.
    ok(
        yte.post(
            f"/api/movement-requests/{plans[world.so_yte.pk]}/submit/",
            {"file": pdf_file("kh.pdf")},
            format="multipart",
        )
    )
    refused = agency.post(
        f"/api/movement-requests/{plans[world.so_yte.pk]}/return/", {"comment": ""}, format="json"
    )
    assert refused.status_code == 400
    returned = ok(
        agency.post(
            f"/api/movement-requests/{plans[world.so_yte.pk]}/return/",
            {"comment": "Kế hoạch chưa có chỉ tiêu cụ thể."},
            format="json",
        )
    )
    assert returned["status"] == "returned" and returned["times_returned"] == 1
    assert Notification.objects.get(kind="movement_request_returned", recipient=world.clerk2)
    correction = RequestDeadline.objects.get(request_id=plans[world.so_yte.pk], closed_at__isnull=True)
    assert correction.stage == "movement_returned" and correction.working_days == 5
    ok(
        yte.post(
            f"/api/movement-requests/{plans[world.so_yte.pk]}/submit/",
            {"file": pdf_file("kh-2.pdf")},
            format="multipart",
        )
    )
    ok(agency.post(f"/api/movement-requests/{plans[world.so_yte.pk]}/accept/"))

    # Sở Tài chính sends nothing: reminded on 11/12, overdue on 16/12, escalated on 19/12 — once each.
    assert RequestDeadline.objects.filter(closed_at__isnull=True).count() == 1
    assert sweep_deadlines(now=local(2026, 12, 10, 9))["reminder"] == 0
    assert sweep_deadlines(now=local(2026, 12, 11, 9))["reminder"] == 1
    reminder = Notification.objects.get(kind="deadline_reminder")
    assert reminder.recipient == world.clerk_tc and "15/12/2026" in reminder.body
    assert sweep_deadlines(now=local(2026, 12, 16, 9))["overdue"] == 1
    assert set(
        Notification.objects.filter(kind="deadline_overdue").values_list("recipient__username", flat=True)
    ) == {
        world.clerk_tc.username,
        world.head.username,
    }
    counts = sweep_deadlines(now=local(2026, 12, 19, 9))
    assert (counts["reminder"], counts["overdue"], counts["escalation"]) == (0, 0, 1)
    assert Notification.objects.get(kind="deadline_escalation").recipient == world.head
    assert sweep_deadlines(now=local(2026, 12, 21, 9)) == {"reminder": 0, "overdue": 0, "escalation": 0}
    assert DeadlineEvent.objects.filter(request_deadline__request_id=plans[world.so_tc.pk]).count() == 3

    # The final review: every participant asked for its report, with the movement's figure.
    milestone = ok(
        agency.post(
            f"/api/movements/{movement['id']}/milestones/",
            {"kind": "tong_ket", "date": "2026-12-20", "report_due": "2026-12-25"},
            format="json",
        ),
        201,
    )
    reports = {
        r["unit"]: r
        for r in ok(agency.get("/api/movement-requests/", {"movement": movement["id"]}))["results"]
        if r["kind"] == "report"
    }
    assert len(reports) == 3 and {r["milestone"] for r in reports.values()} == {milestone["id"]}
    assert {r["due_date"] for r in reports.values()} == {"2026-12-25"}
    report = reports[world.so_gd.pk]["id"]
    missing = ok(
        gd.post(f"/api/movement-requests/{report}/submit/", {"file": pdf_file("bc.pdf")}, format="multipart"),
        400,
    )
    assert "models" in missing["detail"]
    ok(
        gd.post(
            f"/api/movement-requests/{report}/submit/",
            {"file": pdf_file("bc.pdf"), "figures": '{"models": 4}'},
            format="multipart",
        )
    )
    ok(agency.post(f"/api/movement-requests/{report}/return/", {"comment": "Số mô hình chưa khớp phụ lục."}))
    again = ok(
        gd.post(f"/api/movement-requests/{report}/submit/", {"figures": '{"models": 5}'}, format="multipart")
    )
    assert (
        again["status"] == "submitted" and again["figures"] == {"models": 5} and again["times_returned"] == 1
    )
    assert ok(agency.post(f"/api/movement-requests/{report}/accept/"))["status"] == "accepted"

    # Registrations for 2026 (the province's rule: by 31/3, a warning only).
    RegistrationRule.objects.create(due_month=3, due_day=31, required=False, valid_from="2024-01-01")
    AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", nominee_kinds=["individual"], level="grassroots")
    AwardTypeFactory(code="TAP_THE_LDTT", name="Tập thể lao động tiên tiến", nominee_kinds=["collective"])
    registration = ok(
        gd.post(
            "/api/registrations/",
            {
                "year": 2026,
                "titles": ["TAP_THE_LDTT"],
                "people": [
                    {"name": "Nguyễn Văn An", "identity_number": "", "title": "BANG_KHEN_TINH"},
                    {"name": "Lê Thị Bích", "identity_number": "034185001234", "title": "LDTT"},
                ],
            },
            format="json",
        ),
        201,
    )
    assert registration["status"] == "draft" and registration["due_date"] == "2026-03-31"
    assert len(registration["people"]) == 2 and registration["titles"] == ["TAP_THE_LDTT"]
    bad = gd.post(
        "/api/registrations/", {"year": 2026, "people": [{"name": "X", "title": "KHONG_CO"}]}, format="json"
    )
    assert bad.status_code == 400 and "danh mục" in bad.json()["detail"]
    assert yte.get(f"/api/registrations/{registration['id']}/").status_code == 404
    ok(gd.post(f"/api/registrations/{registration['id']}/submit/"))
    accepted = ok(agency.post(f"/api/registrations/{registration['id']}/accept/"))
    assert accepted["status"] == "accepted" and accepted["late"] is True  # sent in December, due 31/3
    other = ok(
        yte.post(
            "/api/registrations/",
            {"year": 2026, "people": [{"name": "Phạm Thu", "title": "LDTT"}]},
            format="json",
        ),
        201,
    )
    ok(yte.post(f"/api/registrations/{other['id']}/submit/"))
    assert agency.post(f"/api/registrations/{other['id']}/return/", {}, format="json").status_code == 400
    back = ok(
        agency.post(f"/api/registrations/{other['id']}/return/", {"comment": "Thiếu CCCD."}, format="json")
    )
    assert back["status"] == "returned" and back["comment"] == "Thiếu CCCD."
    assert {r["unit"] for r in ok(gd.get("/api/registrations/"))["results"]} == {world.so_gd.pk}

    # A nomination for the movement: it carries it, shows its nominee registered, and its decision names it.
    a = at_signature(world, nominee_name="Nguyễn Văn An", movement_id=movement["id"])
    b = at_signature(world, nominee_name="Trần Văn Khang", movement_id=movement["id"])
    detail = ok(gd.get(f"/api/nominations/{a.pk}/"))
    assert detail["movement"] == movement["id"] and detail["registered"] is True
    assert ok(gd.get(f"/api/nominations/{b.pk}/"))["registered"] is False
    rules = ok(gd.get(f"/api/nominations/{b.pk}/eligibility/"))
    warning = next(r for r in rules if r["code"] == "registration")
    assert warning["passed"] is True and warning["warning"] is True  # a warning, never a refusal
    assert "Không có tên trong đăng ký thi đua năm 2026" in warning["message"]
    draft = decision_create_draft(actor=world.leader, nomination_ids=[a.pk])
    logging.disable(logging.WARNING)
    try:
        decision = sign_decision(user=world.leader, decision_id=draft.pk)
    finally:
        logging.disable(logging.NOTSET)
    text = " ".join(pdf_text(decision.pdf.read()).split())
    assert NAME in text

    # Form 0601 counts it: one more movement, launched at the province's level (column 3), scope
    # the province (row 03), two years (01/03/2026–28/02/2028: 24 months, row 08), thematic (row 11).
    after = form_0601(head)
    delta = {code: after[code] - before[code] for code in after}
    assert {code: n for code, n in delta.items() if n} == {"01": 1, "03": 1, "08": 1, "11": 1}

    # The screens: what is asked of Sở Tài chính (its plan overdue, its report to send), as XLSX too;
    # the final review's page lists the participants' states and the nominations for the movement.
    with time_machine.travel(local(2026, 12, 21, 9), tick=False):
        tc_screen, agency_screen = Client(), Client()
        tc_screen.force_login(world.clerk_tc)
        agency_screen.force_login(world.appraiser)
        html = tc_screen.get("/phong-trao/cua-don-vi/").content.decode()
        assert NAME in html and "Quá hạn" in html and "Còn 2 việc phải gửi." in html
        sheet = tc_screen.get("/phong-trao/cua-don-vi/", {"format": "xlsx"})
        assert sheet.status_code == 200 and sheet["Content-Type"].startswith("application/vnd.openxmlformats")
        html = agency_screen.get(f"/phong-trao/{movement['id']}/").content.decode()
        assert "Nguyễn Văn An" in html and "Trần Văn Khang" in html
        assert "đã nhận 2, đã tiếp nhận 2, bị trả lại 0, <strong>quá hạn 1</strong>" in html
        assert tc_screen.get(f"/phong-trao/yeu-cau/{plans[world.so_gd.pk]}/").status_code == 404


def test_the_public_site_shows_recognised_examples_only(world):
    from nominations.models import AdvancedExample

    AdvancedExample.objects.create(
        kind="individual", name="Nguyễn Thị Thu Hằng", unit=world.so_gd, story="Dạy giỏi.", status="accepted"
    )
    AdvancedExample.objects.create(kind="collective", name="Đội Chưa Duyệt", unit=world.so_yte, story="…")
    html = Client().get("/cong-khai/dien-hinh-tien-tien/").content.decode()
    assert "Nguyễn Thị Thu Hằng" in html and "Sở Giáo dục và Đào tạo" in html
    assert "Đội Chưa Duyệt" not in html


def test_registration_people_from_a_vietnamese_spreadsheet_twice_add_nothing_the_second_time(world):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", nominee_kinds=["individual"], level="grassroots")
    book = Workbook()
    sheet = book.active
    sheet.append(["Họ và tên", "Số CCCD", "Danh hiệu"])
    sheet.append(["Lê Thị Bích", "034185001234", "Lao động tiên tiến"])
    sheet.append(["Ngô Văn Cường", "", "LDTT"])
    sheet.append(["", "034185009999", "LDTT"])  # no name: an error on row 4
    sheet.append(["Đinh Thị Dung", "12345", "LDTT"])  # not 12 digits: an error on row 5
    buffer = io.BytesIO()
    book.save(buffer)

    def upload():
        return SimpleUploadedFile("dang-ky.xlsx", buffer.getvalue())

    gd = client_for(world.clerk)
    first = ok(gd.post("/api/registrations/import/", {"year": 2026, "file": upload()}, format="multipart"))
    assert (first["created"], first["unchanged"]) == (2, 0)
    assert [(e["row"], e["column"]) for e in first["errors"]] == [(4, "Họ và tên"), (5, "Số CCCD")]
    second = ok(gd.post("/api/registrations/import/", {"year": 2026, "file": upload()}, format="multipart"))
    assert (second["created"], second["unchanged"]) == (0, 2)
    registration = Registration.objects.get(unit=world.so_gd, year=2026)
    assert registration.entries.count() == 2 and registration.status == "draft"
    assert (
        client_for(world.appraiser)
        .post("/api/registrations/import/", {"year": 2026, "file": upload()}, format="multipart")
        .status_code
        == 403
    )
