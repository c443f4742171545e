"""A citizen's application for the Huy chương TNXP vẻ vang, over HTTP, from the public form to the
President's decision, with the 15/10/15 working-day clocks computed here by hand.

The calendar of April–May 2026: Hùng Kings' day is observed on Monday 27/04, 30/04 and 01/05 are
holidays. Filed Monday 20/04, the commune's 15 working days run 21–24/04 (4), 28–29/04 (6),
04–08/05 (11), 11–14/05 (15): due Thursday 14/05. Returned on Thursday 23/04 after 3 working days
(21, 22, 23), resubmitted on Monday 04/05: 12 days left, 05–08/05 (4), 11–15/05 (9), 18–20/05 (12):
due Wednesday 20/05. Posted Tuesday 05/05 for 10 working days: 06–08/05 (3), 11–15/05 (8), 18–19/05
(10): until Tuesday 19/05. Sent up Wednesday 20/05, the province's 15: 21–22/05 (2), 25–29/05 (7),
01–05/06 (12), 08–10/06 (15): Wednesday 10/06.
"""

from contextlib import contextmanager
from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from nominations.models import AuditEvent, CitizenApplication, Nomination, PostingComment, ServiceRecord
from tests.conftest import pdf_file
from tests.factories import UserFactory
from tests.web.api.test_api_lifecycle import token_client, transition
from web.public.forms import started_token

VOTE = {"votes_for": 20, "votes_against": 0, "members_present": 21, "members_total": 21}
S = CitizenApplication.Status


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


_capture = None


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks):
    """Each step's after-commit work (the applicant's e-mail) runs when the step ends."""
    global _capture
    _capture = django_capture_on_commit_callbacks


@contextmanager
def at(day: date | None, hour: int = 9):
    """On that day (None: today), with the step's after-commit work run at its end."""
    if day is None:
        with _capture(execute=True):
            yield
        return
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, hour))
    with time_machine.travel(moment, tick=False), _capture(execute=True):
        yield


def png_file(name="ban-khai.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


def form_data(commune, **over):
    data = {
        "commune": commune.pk,
        "applicant_name": "Nguyễn Văn Thành",
        "applicant_identity": "034048001234",
        "relationship": "",
        "phone": "0912345678",
        "email": "thanh@example.vn",
        "address": "Thôn Đông, xã Hồng Việt",
        "volunteer_name": "Nguyễn Văn Thành",
        "volunteer_birth_year": "1950",
        "volunteer_identity": "034048001234",
        "achievements": "Tham gia mở đường Trường Sơn, Đội TNXP 305.",
        "force_1": "Đội TNXP 305, Tổng đội TNXP tỉnh Thái Bình",
        "from_1": "01/03/1968",
        "to_1": "30/06/1969",
        "force_2": "Đội TNXP 25",
        "from_2": "01/09/1969",
        "to_2": "15/12/1970",
        "declaration": pdf_file("ban-khai.pdf"),
        "proof": pdf_file("giay-xac-nhan.pdf"),
    }
    data.update(over)
    return data


def apply(client, commune, **over):
    response = client.post("/cong-khai/huy-chuong-tnxp/nop-ho-so/", form_data(commune, **over))
    assert response.status_code == 200, response.content.decode()[:3000]
    return response.context["application"]


def track(client, code, identity):
    return client.get("/cong-khai/huy-chuong-tnxp/tra-cuu/", {"code": code, "identity_number": identity})


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(demo):
    from nominations.models import Unit

    commune = Unit.objects.get(code="XA_HONG_VIET")
    other = Unit.objects.get(code="XA_HUNGHA")
    other_clerk = UserFactory(username="vanthu_hungha", unit=other, roles=["unit_clerk"])
    return {"commune": commune, "other_clerk": other_clerk, **demo}


def test_an_application_from_the_public_form_to_the_presidents_decision(people):
    commune, clerk, chairman = people["commune"], people["donvi_xa"], people["chutich_xa"]
    public = Client()
    with at(date(2026, 4, 20)):
        a = apply(public, commune)
        b = apply(
            public,
            commune,
            applicant_name="Lê Thị Hoa",
            applicant_identity="034175005555",
            relationship="Con gái",
            email="hoa@example.vn",
            volunteer_name="Lê Văn Hùng",
            volunteer_birth_year="1948",
            volunteer_identity="",
            posthumous="on",
            death_note="Hy sinh ngày 12/08/1968 tại Quảng Bình; Bằng Tổ quốc ghi công số 1234.",
            martyr=pdf_file("bang-to-quoc-ghi-cong.pdf"),
        )
        c = apply(
            public,
            commune,
            applicant_name="Phạm Văn Cảnh",
            applicant_identity="034049006666",
            email="canh@example.vn",
            volunteer_name="Phạm Văn Cảnh",
            force_2="",
            from_2="",
            to_2="",
            to_1="30/09/1968",
        )
    assert a.commune_due_on == date(2026, 5, 14)
    assert a.code in mails_to("thanh@example.vn")[0].body
    # The commune's clerk hears of the new case.
    assert any(a.code in m.subject or a.code in m.body for m in mails_to("donvi_xa@demo.tdkt.local"))
    # The posthumous case without the martyr's papers is refused with a message, nothing saved.
    with at(date(2026, 4, 20)):
        before = CitizenApplication.objects.count()
        bad = public.post(
            "/cong-khai/huy-chuong-tnxp/nop-ho-so/",
            form_data(
                commune,
                applicant_identity="034175005556",
                posthumous="on",
                relationship="Con",
                death_note="x",
            ),
        )
    assert bad.status_code == 400 and "Bằng Tổ quốc ghi công" in bad.content.decode()
    assert CitizenApplication.objects.count() == before

    # Tracking: the right pair shows the case; a wrong code or a wrong identity is the same 404.
    shown = track(public, a.code, "034048001234")
    assert shown.status_code == 200 and "Đã tiếp nhận" in shown.content.decode()
    wrong_id, wrong_code = track(public, a.code, "034048009999"), track(public, "ZZZZZZZZZZ", "034048001234")
    assert wrong_id.status_code == wrong_code.status_code == 404
    assert wrong_id.content.decode().count("track-not-found") == wrong_code.content.decode().count(
        "track-not-found"
    )
    assert b.code not in shown.content.decode() and "Lê Văn Hùng" not in shown.content.decode()

    # Thursday 23/04: returned for a missing proof; the clock stops after 3 working days.
    staff = login(clerk)
    with at(date(2026, 4, 23)):
        r = staff.post(
            f"/huy-chuong-tnxp/{a.pk}/",
            {"action": "return", "reason": "Bổ sung quyết định điều động vào Đội TNXP 25."},
        )
        assert r.status_code == 302
    a.refresh_from_db()
    assert (a.status, a.days_used, a.commune_due_on) == (S.RETURNED, 3, None)
    assert "Bổ sung quyết định điều động" in mails_to("thanh@example.vn")[-1].body
    seen = track(public, a.code, "034048001234").content.decode()
    assert "Bổ sung quyết định điều động" in seen and "resubmit-form" in seen

    # Monday 04/05: the applicant sends it with the code; 12 working days left.
    with at(date(2026, 5, 4)):
        r = public.post(
            "/cong-khai/huy-chuong-tnxp/bo-sung/",
            {
                "code": a.code,
                "identity_number": "034048001234",
                "note": "",
                "proof": pdf_file("qd-dieu-dong.pdf"),
            },
        )
        assert r.status_code == 200, r.content.decode()[:2000]
    a.refresh_from_db()
    assert (a.status, a.commune_due_on) == (S.RESUBMITTED, date(2026, 5, 20))

    # Tuesday 05/05: complete; the three posted for 10 working days.
    with at(date(2026, 5, 5)):
        for app in (a, b, c):
            assert staff.post(f"/huy-chuong-tnxp/{app.pk}/", {"action": "accept"}).status_code == 302
        assert (
            staff.post("/huy-chuong-tnxp/", {"action": "post", "ids": [a.pk, b.pk, c.pk]}).status_code == 302
        )
    a.refresh_from_db()
    assert a.status == S.POSTED and a.posting.closes_on == date(2026, 5, 19)
    with at(date(2026, 5, 8)):
        page = public.get("/cong-khai/huy-chuong-tnxp/niem-yet/")
        assert "Lê Văn Hùng" in page.content.decode()
        assert "034048001234" not in page.content.decode()  # no identity number on the public list
        r = public.post(
            "/cong-khai/huy-chuong-tnxp/niem-yet/",
            {
                "posting": a.posting_id,
                "name": "Trần Văn Dũng",
                "contact": "",
                "body": "Xác nhận ông Thành cùng đội.",
                "started": started_token(),
            },
        )
        assert r.status_code == 302
    assert PostingComment.objects.filter(posting=a.posting).count() == 1

    # The meeting cannot be held while the list is posted; on Wednesday 20/05 it is, once for all three.
    minutes = pdf_file("bien-ban-hop-xet.pdf")
    meeting = {
        "held_on": "19/05/2026",
        "members_total": 9,
        "members_present": 8,
        "attendees": "",
        "minutes": minutes,
    }
    with at(date(2026, 5, 19), 16):
        early = staff.post("/huy-chuong-tnxp/hop-xet/", {**meeting, "ids": [a.pk, b.pk, c.pk]})
        assert early.status_code == 200 and "hết thời gian niêm yết" in early.content.decode()
    with at(date(2026, 5, 20)):
        meeting.update(held_on="20/05/2026", minutes=pdf_file("bien-ban-hop-xet.pdf"))
        assert (
            staff.post("/huy-chuong-tnxp/hop-xet/", {**meeting, "ids": [a.pk, b.pk, c.pk]}).status_code == 302
        )
    a.refresh_from_db()
    assert a.status == S.REVIEWED and a.meeting.applications.count() == 3

    # The clerk cannot sign the letter; the Chairman sends A and B up in one letter and refuses C.
    with at(date(2026, 5, 20), 15):
        assert staff.get("/huy-chuong-tnxp/trinh-tinh/").status_code == 404
        head = login(chairman)
        letter = {
            "number": "15/TTr-UBND",
            "signed_on": "20/05/2026",
            "letter": pdf_file("to-trinh-xa.pdf"),
            f"decision_{a.pk}": "send",
            f"decision_{b.pk}": "send",
            f"decision_{c.pk}": "refuse",
            f"reason_{c.pk}": "",
        }
        missing = head.post("/huy-chuong-tnxp/trinh-tinh/", letter)
        assert missing.status_code == 200 and "Ghi lý do không đề nghị cho hồ sơ" in missing.content.decode()
        letter.update(
            {
                f"reason_{c.pk}": "Thời gian tham gia TNXP tập trung 6 tháng, chưa đủ 24 tháng.",
                "letter": pdf_file("to-trinh-xa.pdf"),
            }
        )
        assert head.post("/huy-chuong-tnxp/trinh-tinh/", letter).status_code == 302
    for app in (a, b, c):
        app.refresh_from_db()
    assert (a.status, b.status, c.status) == (S.SENT_UP, S.SENT_UP, S.REFUSED)
    assert a.province_due_on == date(2026, 6, 10)
    assert a.nomination.status == Nomination.Status.COUNCIL_REVIEW and a.nomination.cluster_id is None
    assert b.nomination.posthumous and a.letter_id == b.letter_id
    assert ServiceRecord.objects.filter(evidence__contains=a.code).count() == 2
    refused = mails_to("canh@example.vn")[-1]
    assert "chưa đủ 24 tháng" in refused.body
    seen = track(public, c.code, "034049006666").content.decode()
    assert "chưa đủ 24 tháng" in seen

    # The province: the appraisal (the periods add up to 31 months), the Council, the proposal to the
    # Prime Minister, the central result (today: API tokens are not minted in the past).
    appraiser = token_client(people["thamdinh"])
    with at(None):
        for app in (a, b):
            transition(appraiser, app.nomination_id, "pass_appraisal")
            assert transition(token_client(people["thuky"]), app.nomination_id, "record_vote", **VOTE)[
                "status"
            ] == ("awaiting_proposal")
        leader = token_client(people["chutich"])
        proposal = leader.post(
            "/api/proposals/", {"nominations": [a.nomination_id, b.nomination_id]}, format="json"
        )
        assert proposal.status_code == 201, proposal.content
        pid = proposal.json()["id"]
        assert leader.post(f"/api/proposals/{pid}/sign/").status_code == 200
        # The văn thư numbers and issues the Chairman's letter: the two cases are forwarded.
        assert token_client(people["vanthu"]).post(f"/api/proposals/{pid}/issue/").status_code == 200
        assert Nomination.objects.get(pk=a.nomination_id).status == Nomination.Status.FORWARDED
    with at(None):
        body = {
            "decision_number": "1520/QĐ-CTN",
            "decision_date": "2026-09-10",
            "issuer": "Chủ tịch nước",
            "lines": [
                {"nomination": a.nomination_id, "result": "awarded"},
                {"nomination": b.nomination_id, "result": "awarded"},
            ],
        }
        recorded = appraiser.post(f"/api/proposals/{pid}/result/", body, format="json")
        assert recorded.status_code == 200, recorded.content
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == b.status == S.AWARDED
    seen = track(public, b.code, "034175005555").content.decode()
    assert "1520/QĐ-CTN" in seen and "Đã được tặng thưởng" in seen
    told = mails_to("hoa@example.vn")[-1]
    assert "1520/QĐ-CTN" in told.body
    actions = set(AuditEvent.objects.filter(data__application=a.code).values_list("action", flat=True))
    assert {
        "application_file",
        "application_return",
        "application_resubmit",
        "application_accept",
        "application_post",
        "application_review",
        "application_send_up",
        "application_conclude",
    } <= actions


def test_a_commune_sees_only_its_own_applications(people):
    commune = people["commune"]
    with at(date(2026, 4, 20)):
        a = apply(Client(), commune)
    other = login(people["other_clerk"])
    assert other.get(f"/huy-chuong-tnxp/{a.pk}/").status_code == 404
    assert other.post(f"/huy-chuong-tnxp/{a.pk}/", {"action": "accept"}).status_code == 404
    assert a.code not in other.get("/huy-chuong-tnxp/").content.decode()
    # The province sees nothing before it is sent up.
    assert login(people["thamdinh"]).get(f"/huy-chuong-tnxp/{a.pk}/").status_code == 404
    assert login(people["donvi_xa"]).get(f"/huy-chuong-tnxp/{a.pk}/").status_code == 200


def test_a_burst_against_the_public_form_is_throttled(people):
    client = Client()
    codes = []
    for i in range(8):
        response = client.post(
            "/cong-khai/huy-chuong-tnxp/nop-ho-so/",
            form_data(people["commune"], applicant_identity=f"0340480099{i:02d}"),
        )
        codes.append(response.status_code)
    assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}
    assert CitizenApplication.objects.filter(applicant_identity__startswith="0340480099").count() == 5


def test_an_upload_that_lies_about_its_type_is_refused(people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    lying = SimpleUploadedFile(
        "ban-khai.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf"
    )
    response = Client().post(
        "/cong-khai/huy-chuong-tnxp/nop-ho-so/", form_data(people["commune"], declaration=lying)
    )
    assert response.status_code == 400
    assert "Định dạng tệp không được chấp nhận" in response.content.decode()
    assert not CitizenApplication.objects.filter(applicant_identity="034048001234").exists()


def api_filing(commune, identity="034048007777"):
    import json

    return {
        "commune": commune.pk,
        "applicant_name": "Đặng Văn Khoa",
        "applicant_identity": identity,
        "phone": "0987654321",
        "address": "Xã Hồng Việt",
        "volunteer_name": "Đặng Văn Khoa",
        "volunteer_birth_year": 1949,
        "achievements": "Đội TNXP 305.",
        "periods": json.dumps(
            [{"force": "Đội TNXP 305", "started_on": "1967-01-01", "ended_on": "1969-06-30"}]
        ),
        "declaration": pdf_file("ban-khai.pdf"),
        "proof": [pdf_file("xac-nhan.pdf")],
    }


def test_the_api_files_tracks_and_keeps_scope(people):
    from rest_framework.test import APIClient

    public = APIClient()
    with at(date(2026, 4, 20)):
        created = public.post("/api/public/applications/", api_filing(people["commune"]), format="multipart")
    assert created.status_code == 201, created.content
    code = created.json()["code"]
    url = f"/api/public/applications/{code}/"
    mine = public.get(url, {"identity_number": "034048007777"})
    assert mine.status_code == 200 and mine.json()["status"] == "filed"
    assert mine.json()["commune_due_on"] == "2026-05-14"
    # A wrong identity number and a wrong code answer alike: 404, no hint.
    wrong_id = public.get(url, {"identity_number": "034048007778"})
    wrong_code = public.get("/api/public/applications/ZZZZZZZZZZ/", {"identity_number": "034048007777"})
    assert wrong_id.status_code == wrong_code.status_code == 404
    assert wrong_id.json() == wrong_code.json()
    # A lying upload over the API: refused as JSON with the field.
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = api_filing(people["commune"], identity="034048007779")
    body["declaration"] = SimpleUploadedFile("ban-khai.pdf", b"<html>not a pdf</html>")
    lying = public.post("/api/public/applications/", body, format="multipart")
    assert lying.status_code == 400 and lying.json()["code"] and "files" in lying.json()["fields"]

    application = CitizenApplication.objects.get(code=code)
    clerk = token_client(people["donvi_xa"])
    listed = clerk.get("/api/applications/", {"status": "filed"})
    assert listed.status_code == 200
    rows = listed.json()["results"] if isinstance(listed.json(), dict) else listed.json()
    row = next(r for r in rows if r["code"] == code)
    assert row["available_actions"] == ["accept", "return_for_documents"]
    # Another commune's clerk and the province see nothing of it, and cannot act: 404.
    other = token_client(people["other_clerk"])
    assert other.get(f"/api/applications/{application.pk}/").status_code == 404
    assert other.post(f"/api/applications/{application.pk}/transitions/accept/").status_code == 404
    province = token_client(people["thamdinh"])
    assert province.get(f"/api/applications/{application.pk}/").status_code == 404
    # The Chairman may refuse but not check completeness.
    head = token_client(people["chutich_xa"])
    assert head.post(f"/api/applications/{application.pk}/transitions/accept/").status_code == 403
    with at(date(2026, 4, 21)):
        returned = clerk.post(
            f"/api/applications/{application.pk}/transitions/return_for_documents/",
            {"reason": "Bổ sung giấy xác nhận."},
            format="json",
        )
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    assert (
        public.get(url, {"identity_number": "034048007777"}).json()["missing_items"]
        == "Bổ sung giấy xác nhận."
    )


def test_the_communes_limit_is_reminded_then_overdue_then_escalated_once_each(people):
    from workflows.application_sweep import sweep_applications
    from workflows.models import Notification

    with at(date(2026, 4, 20)):
        a = apply(Client(), people["commune"])
    assert a.commune_due_on == date(2026, 5, 14)
    clerk, chairman = people["donvi_xa"], people["chutich_xa"]

    def notices(user):
        return list(Notification.objects.filter(recipient=user, kind="application_deadline").order_by("id"))

    # Two working days before Thursday 14/05 is Tuesday 12/05; nothing before.
    assert sweep_applications(today=date(2026, 5, 11))["application_reminders"] == 0
    assert sweep_applications(today=date(2026, 5, 12))["application_reminders"] == 1
    assert sweep_applications(today=date(2026, 5, 13))["application_reminders"] == 0  # once
    assert [n.title.startswith("Sắp đến hạn") for n in notices(clerk)] == [True]
    # Overdue the day after; the Chairman hears too. Escalated three working days after (19/05).
    assert sweep_applications(today=date(2026, 5, 15))["application_overdue"] == 1
    assert len(notices(chairman)) == 1
    assert sweep_applications(today=date(2026, 5, 18))["application_escalations"] == 0
    assert sweep_applications(today=date(2026, 5, 19))["application_escalations"] == 1
    assert sweep_applications(today=date(2026, 5, 20)) == {
        "application_reminders": 0,
        "application_overdue": 0,
        "application_escalations": 0,
    }


def test_the_demo_has_twenty_applications_along_the_path_and_prints_two_codes(demo_seed, db):
    import re

    from nominations.models import ApplicationPosting

    assert CitizenApplication.objects.count() == 20
    statuses = set(CitizenApplication.objects.values_list("status", flat=True))
    assert {S.FILED, S.RETURNED, S.POSTED, S.SENT_UP, S.REFUSED, S.AWARDED} <= statuses
    assert CitizenApplication.objects.values("commune").distinct().count() >= 4
    # The returned-and-resubmitted case is on today's posted list, with a citizen's comment.
    posted = ApplicationPosting.objects.filter(opens_on=timezone.localdate()).get()
    assert posted.comments.count() == 1
    assert AuditEvent.objects.filter(
        action="application_resubmit",
        data__application__in=list(posted.applications.values_list("code", flat=True)),
    ).exists()
    # The President's decision recorded for some of the cases sent up.
    assert (
        CitizenApplication.objects.filter(status=S.AWARDED, result_note__contains="1520/QĐ-CTN").count() == 2
    )
    # make demo prints two applicants' codes with their identity numbers.
    printed = re.findall(r"^\s+([A-Z2-9]{10})\s+(\d{12})\s", demo_seed, flags=re.M)
    assert len(printed) == 2
    for code, identity in printed:
        assert CitizenApplication.objects.filter(code=code, applicant_identity=identity).exists()
