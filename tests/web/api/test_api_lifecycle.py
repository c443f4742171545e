"""The REST API walks the lifecycle as the people who do the work, and keeps scope."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.conftest import docx_file, pdf_file


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


def token_client(user):
    client = APIClient()
    response = client.post(
        "/api/auth/token/", {"username": user.username, "password": "Demo@2025"}, format="json"
    )
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def transition(client, pk, name, expect=200, **body):
    response = client.post(f"/api/nominations/{pk}/transitions/{name}/", body, format="json")
    assert response.status_code == expect, response.content
    return response.json()


@pytest.mark.django_db
def test_the_api_walks_submission_return_resubmission_and_review(world):
    unit = token_client(world.clerk)
    body = {
        "nominee_kind": "individual",
        "nominee_name": "Trần Thị Thu Hà",
        "nominee_gender": "female",
        "nominee_birth_year": 1985,
        "nominee_position": "Giáo viên Trường THPT Lê Quý Đôn",
        "award_type": "BANG_KHEN_TINH",
        "route": "annual",
        "movement": None,
        "year": 2026,
        "achievements": "Giáo viên dạy giỏi cấp tỉnh hai năm liền.",
    }
    created = unit.post("/api/nominations/", body, format="json")
    assert created.status_code == 201, created.content
    nomination = created.json()
    assert nomination["status"] == "draft"
    assert nomination["status_display"] == "Đang soạn"
    assert nomination["unit"] == world.so_gd.pk
    pk = nomination["id"]

    # Submitting without documents: 400 with the list in Vietnamese.
    error = transition(unit, pk, "submit", expect=400)
    assert error["code"] == "invalid" and "Hồ sơ còn thiếu" in error["detail"]

    for kind, file in [
        ("to_trinh", pdf_file()),
        ("bao_cao_thanh_tich", docx_file()),
        ("bien_ban", pdf_file("bb.pdf")),
    ]:
        response = unit.post(
            f"/api/nominations/{pk}/documents/", {"kind": kind, "file": file}, format="multipart"
        )
        assert response.status_code == 201, response.content
    documents = unit.get(f"/api/nominations/{pk}/documents/").json()
    assert {d["kind"] for d in documents} == {"to_trinh", "bao_cao_thanh_tich", "bien_ban"}
    file_response = unit.get(documents[0]["file_url"])
    assert file_response.status_code == 200
    exact = unit.get(f"/api/nominations/{pk}/documents/{documents[0]['id']}/file")
    assert exact.status_code == 200 and b"".join(exact.streaming_content)

    assert [t["name"] for t in unit.get(f"/api/nominations/{pk}/transitions/").json()] == [
        "submit",
        "withdraw",
    ]
    assert transition(unit, pk, "submit")["status"] == "cluster_review"
    assert unit.patch(f"/api/nominations/{pk}/", {"achievements": "x"}, format="json").status_code == 409

    reviewer = token_client(world.reviewer)
    assert transition(reviewer, pk, "return_for_changes", expect=400, comment="")["fields"]["comment"]
    returned = transition(reviewer, pk, "return_for_changes", comment="Bổ sung biên bản")
    assert returned["status"] == "returned" and returned["returned_from"] == "cluster_review"

    patched = unit.patch(f"/api/nominations/{pk}/", {"achievements": "Đã bổ sung thành tích."}, format="json")
    assert patched.status_code == 200 and patched.json()["achievements"] == "Đã bổ sung thành tích."
    assert transition(unit, pk, "resubmit")["status"] == "cluster_review"
    assert transition(reviewer, pk, "approve_cluster")["status"] == "council_review"

    appraiser = token_client(world.appraiser)
    assert (
        transition(appraiser, pk, "pass_appraisal", checklist={"documents": True})["status"] == "council_vote"
    )
    secretary = token_client(world.secretary)
    error = transition(secretary, pk, "record_vote", expect=400)
    assert "votes_for" in error["fields"]
    voted = transition(
        secretary, pk, "record_vote", votes_for=20, votes_against=2, members_present=22, members_total=25
    )
    assert voted["status"] == "awaiting_signature"

    history = unit.get(f"/api/nominations/{pk}/history/").json()
    assert [e["action"] for e in history] == [
        "create",
        "document_add",
        "document_add",
        "document_add",
        "submit",
        "return_for_changes",
        "update",
        "resubmit",
        "approve_cluster",
        "pass_appraisal",
        "record_vote",
    ]
    assert history[0]["action"] == "create" and history[0]["actor"] == "donvi_sogd"
    assert {"at", "actor", "action", "from_status", "to_status", "comment"} <= set(history[0])


@pytest.mark.django_db
def test_errors_have_one_shape(world, draft):
    anonymous = APIClient()
    response = anonymous.get("/api/nominations/")
    assert response.status_code == 401
    assert set(response.json()) == {"code", "detail", "fields"}

    other_unit = token_client(world.clerk2)
    response = other_unit.get(f"/api/nominations/{draft.pk}/")
    assert response.status_code == 404 and response.json()["detail"] == "Không tìm thấy."
    assert (
        other_unit.post(f"/api/nominations/{draft.pk}/transitions/submit/", {}, format="json").status_code
        == 404
    )

    unit = token_client(world.clerk)
    transition(unit, draft.pk, "submit")
    conflict = transition(unit, draft.pk, "submit", expect=409)
    assert conflict["code"] == "invalid_state"
    sibling = token_client(world.clerk2)
    assert sibling.get(f"/api/nominations/{draft.pk}/history/").status_code == 404

    appraiser = token_client(world.appraiser)
    forbidden = transition(appraiser, draft.pk, "approve_cluster", expect=403)
    assert forbidden["code"] == "permission_denied"

    assert unit.get("/api/nominations/?year=abc").status_code == 400
    assert (
        unit.post(f"/api/nominations/{draft.pk}/transitions/nonsense/", {}, format="json").status_code == 404
    )


@pytest.mark.django_db
def test_list_filters_and_accent_insensitive_search(world, draft):
    unit = token_client(world.clerk)
    for query in ["nguyen van an", "NGUYỄN VĂN AN", "van an"]:
        results = unit.get("/api/nominations/", {"search": query}).json()["results"]
        assert [r["id"] for r in results] == [draft.pk], query
    for odd in ['"', "%", "'; DROP TABLE x; --", "a" * 10000]:
        response = unit.get("/api/nominations/", {"search": odd})
        assert response.status_code == 200
    # A NUL byte is refused as invalid input (400 with the usual shape), never a 500.
    response = unit.get("/api/nominations/", {"search": "an\x00"})
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert unit.get("/api/nominations/", {"status": "awarded"}).json()["count"] == 0
    assert unit.get("/api/nominations/", {"status": "draft", "year": 2026}).json()["count"] == 1
    assert token_client(world.clerk2).get("/api/nominations/").json()["count"] == 0


@pytest.mark.django_db
def test_bad_token_requests_are_refused_and_throttled(world, settings):
    client = APIClient()
    response = client.post("/api/auth/token/", {"username": "donvi_sogd", "password": "sai"}, format="json")
    assert response.status_code == 400
    assert "không đúng" in response.json()["detail"]
    statuses = [
        client.post("/api/auth/token/", {"username": "x", "password": "y"}, format="json").status_code
        for _ in range(25)
    ]
    assert 429 in statuses


@pytest.mark.django_db
def test_the_schema_and_docs_are_served_without_a_cdn(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/nominations/{id}/transitions/{name}/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


@pytest.mark.django_db
def test_task_queues_claim_and_release(world, draft):
    unit = token_client(world.clerk)
    transition(unit, draft.pk, "submit")
    reviewer = token_client(world.reviewer)
    queue = reviewer.get("/api/tasks/", {"queue": "queue"}).json()["results"]
    assert len(queue) == 1
    task = queue[0]
    assert task["stage"] == "cluster_review" and task["nomination"] == draft.pk
    assert task["nominee_name"] == "Nguyễn Văn An" and task["assigned_to"] is None and task["due_date"]
    assert token_client(world.other_reviewer).get("/api/tasks/", {"queue": "queue"}).json()["results"] == []
    assert token_client(world.other_reviewer).post(f"/api/tasks/{task['id']}/claim/").status_code == 404

    claimed = reviewer.post(f"/api/tasks/{task['id']}/claim/")
    assert claimed.status_code == 200 and claimed.json()["assigned_to"] == "cum_vhxh"
    assert [t["id"] for t in reviewer.get("/api/tasks/", {"queue": "inbox"}).json()["results"]] == [
        task["id"]
    ]
    second = token_client(world.reviewer2).post(f"/api/tasks/{task['id']}/claim/")
    assert second.status_code == 409
    assert reviewer.post(f"/api/tasks/{task['id']}/release/").json()["assigned_to"] is None
    assert reviewer.get("/api/tasks/", {"queue": "nonsense"}).status_code == 400
    assert reviewer.get("/api/tasks/", {"queue": "overdue"}).json()["results"] == []


@pytest.mark.django_db
def test_decisions_and_public_endpoints(world, draft, settings, demo_signing_dir):
    from nominations.models import BaseSalary

    settings.DECISION_SIGNING_DEMO_DIR = demo_signing_dir
    BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")
    unit, reviewer = token_client(world.clerk), token_client(world.reviewer)
    transition(unit, draft.pk, "submit")
    transition(reviewer, draft.pk, "approve_cluster")
    transition(token_client(world.appraiser), draft.pk, "pass_appraisal")
    transition(
        token_client(world.secretary),
        draft.pk,
        "record_vote",
        votes_for=20,
        votes_against=0,
        members_present=21,
        members_total=25,
    )
    assert unit.post("/api/decisions/", {"nominations": [draft.pk]}, format="json").status_code == 403
    leader = token_client(world.leader)
    created = leader.post("/api/decisions/", {"nominations": [draft.pk]}, format="json")
    assert created.status_code == 201, created.content
    decision = created.json()
    assert decision["status"] == "draft" and decision["total_amount"] == 2_340_000
    signed = leader.post(f"/api/decisions/{decision['id']}/sign/").json()
    assert signed["number"] == "1/QĐ-UBND" and len(signed["sha256"]) == 64 and signed["signer"] == "chutich"
    assert signed["lines"][0]["nomination"] == draft.pk
    assert leader.get(f"/api/nominations/{draft.pk}/").json()["status"] == "awarded"
    assert leader.post(f"/api/decisions/{decision['id']}/sign/").status_code == 409
    pdf = leader.get(f"/api/decisions/{decision['id']}/pdf")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")

    public = APIClient()
    awards = public.get("/api/public/awards/", {"search": "nguyen van an"}).json()["results"]
    assert awards[0]["decision_number"] == "1/QĐ-UBND" and "citizen" not in str(awards[0])
    ok = public.get(
        "/api/public/decisions/verify", {"number": "1/QĐ-UBND", "sha256": signed["sha256"]}
    ).json()
    assert ok["valid"] is True and ok["number"] == "1/QĐ-UBND" and ok["signer"]
    bad = public.get("/api/public/decisions/verify", {"number": "1/QĐ-UBND", "sha256": "0" * 64}).json()
    assert bad["valid"] is False
