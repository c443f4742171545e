"""The API's smaller promises (issue 31, item 7): refused bodies answer in the API's own error
shape; the achievements summary is bounded as on the form; search ignores invisible characters on
both sides; the audit data names a decision's id and number one way."""

import json

import pytest
from django.core.cache import cache
from django.test import Client

from nominations.models import ACHIEVEMENTS_MAX_LENGTH, AuditEvent, Decision, Nomination
from tests.factories import NominationFactory
from tests.web.api.test_api_lifecycle import token_client

pytestmark = pytest.mark.django_db
SHAPE = {"code", "detail", "fields"}


@pytest.fixture(autouse=True)
def _clear():
    cache.clear()


def _body(**overrides):
    return {
        "nominee_kind": "individual",
        "nominee_name": "Trần Thị Thu Hà",
        "nominee_gender": "female",
        "nominee_birth_year": 1985,
        "nominee_position": "Giáo viên",
        "award_type": "BANG_KHEN_TINH",
        "route": "annual",
        "movement": None,
        "year": 2026,
        "achievements": "Giáo viên dạy giỏi.",
        **overrides,
    }


def test_an_oversized_json_body_answers_the_apis_error_shape(world):
    client = token_client(world.clerk)
    response = client.post(
        "/api/nominations/", json.dumps(_body(achievements="x" * 3_000_000)), content_type="application/json"
    )
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert set(response.json()) == SHAPE and response.json()["code"] == "too_large"


@pytest.mark.parametrize("path", ["/api/nominations/", "/api/auth/token/"])
def test_more_than_a_thousand_form_fields_answer_the_apis_error_shape(world, path):
    client = token_client(world.clerk)
    form = "&".join(f"f{i}=1" for i in range(1500))
    response = client.post(path, form, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert set(response.json()) == SHAPE and response.json()["code"] == "too_many_fields"


def test_the_screens_keep_their_own_400_page(world):
    client = Client()
    client.force_login(world.clerk)
    response = client.post(
        "/ho-so/", "&".join(f"f{i}=1" for i in range(1500)), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400 and not response["Content-Type"].startswith("application/json")


def test_achievements_are_bounded_on_the_api_as_on_the_form(world):
    client = token_client(world.clerk)
    response = client.post("/api/nominations/", _body(achievements="x" * 1_000_000), format="json")
    assert response.status_code == 400, response.status_code
    assert set(response.json()) == SHAPE and "achievements" in response.json()["fields"]
    assert Nomination.objects.count() == 0
    right = client.post("/api/nominations/", _body(achievements="x" * ACHIEVEMENTS_MAX_LENGTH), format="json")
    assert right.status_code == 201, right.content[:300]


def test_invisible_characters_defeat_no_search(world):
    hidden = NominationFactory(unit=world.so_gd, nominee_name="Ng\u200buyễn Văn\u00ad Bình\ufeff")
    plain = NominationFactory(unit=world.so_gd, nominee_name="Lê Thị Hoa")
    client = token_client(world.clerk)
    for query, expected in [
        ("nguyen van binh", hidden.pk),
        ("Lê\u200b Thị\u200d Hoa", plain.pk),
        ("hoa\u2060", plain.pk),
    ]:
        results = client.get("/api/nominations/", {"search": query}).json()["results"]
        assert [r["id"] for r in results] == [expected], query


def test_audit_data_names_a_decision_by_id_and_by_number_one_way(world):
    from datetime import date

    from nominations.models import BaseSalary
    from nominations.services import decision_create_draft
    from tests.workflows.test_sign_decision import at_signature
    from workflows.actions import sign_decision

    BaseSalary.objects.create(amount=2_340_000, effective_from=date(2024, 7, 1))
    world.leader.position = "Chủ tịch UBND tỉnh"
    world.leader.save()
    n = at_signature(world, nominee_name="Nguyễn Văn Ký")
    draft = decision_create_draft(actor=world.leader, nomination_ids=[n.pk])
    sign_decision(user=world.leader, decision_id=draft.pk)
    decisions = {d.pk: d.number for d in Decision.objects.all()}
    seen = 0
    for event in AuditEvent.objects.all():
        assert "decision" not in event.data and "proposal" not in event.data, (event.action, event.data)
        if "decision_id" in event.data:
            seen += 1
            assert event.data["decision_id"] in decisions, event.data
            if "decision_number" in event.data:
                assert event.data["decision_number"] == decisions[event.data["decision_id"]], event.data
    assert seen >= 3  # the draft, the signature, the dossier's own "sign"
