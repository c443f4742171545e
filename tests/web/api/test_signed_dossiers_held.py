"""A leader's signature holds its dossiers until the văn thư issues (issue 31, item 2).

While a dossier is a line of a signed, not yet issued document, every transition on it is refused
with a clear message (recall first), over the API and by the door; a dossier is a line of at most
one live document, held by the database (a partial unique index), not by a check alone.
"""

import pytest
from django.db import IntegrityError, transaction

from nominations.models import Decision, DecisionLine, Nomination, Role
from nominations.services import decision_create_draft
from tests.factories import UserFactory
from tests.web.api.test_api_lifecycle import token_client
from tests.web.api.test_api_signatures import draft_for
from workflows import actions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _signing(settings, tmp_path):
    settings.DECISION_SIGNING_DEMO_DIR = str(tmp_path / "ca")
    settings.SIGNING_TRUST_DIR = ""
    settings.SIGNING_ALLOW_DEMO_KEYS = True


@pytest.fixture
def clerk_office(world):
    return UserFactory(username="vanthu", full_name="Lê Thị Hạnh", roles=[Role.CLERK_OFFICE])


@pytest.fixture
def office_issuance(settings):
    settings.DECISION_OFFICE_ISSUANCE = True  # the province issues by its văn thư


TRANSITIONS = [
    ("return_for_changes", {"comment": "Trả lại Hội đồng."}),
    ("reject", {"reason": "Không đủ tiêu chuẩn."}),
    ("return_for_changes", {"comment": "Trả về đơn vị.", "target": "unit"}),
]


def test_no_leader_can_move_a_dossier_of_a_signed_unissued_decision(world, clerk_office, office_issuance):
    draft, nominations = draft_for(world, n=2)
    vice = UserFactory(username="phochutich", full_name="Tạ Hữu Lộc", roles=[Role.LEADER])
    leader = token_client(world.leader)
    before = leader.get(f"/api/nominations/{nominations[0].pk}/").json()["available_actions"]
    assert "return_for_changes" in before
    assert leader.post(f"/api/decisions/{draft.pk}/sign/").json()["status"] == "leader_signed"
    accepted = 0
    for user in (world.leader, vice):
        client = token_client(user)
        for nomination in nominations:
            assert client.get(f"/api/nominations/{nomination.pk}/").json()["available_actions"] == []
            for action, body in TRANSITIONS:
                response = client.post(
                    f"/api/nominations/{nomination.pk}/transitions/{action}/", body, format="json"
                )
                accepted += response.status_code == 200
                assert response.status_code == 409, (action, response.status_code, response.content[:300])
                assert "thu hồi văn bản trước" in response.json()["detail"]
    assert accepted == 0
    assert set(
        Nomination.objects.filter(pk__in=[n.pk for n in nominations]).values_list("status", flat=True)
    ) == {"awaiting_signature"}
    # The door refuses too, whoever calls it.
    with pytest.raises(Exception, match="thu hồi văn bản trước"):
        actions.perform(
            user=world.leader, nomination_id=nominations[0].pk, action="reject", reason="Không đủ tiêu chuẩn."
        )
    # Issued, every title of it stands; recalled, the dossiers move again.
    assert token_client(clerk_office).post(f"/api/decisions/{draft.pk}/issue/").status_code == 200
    assert set(
        Nomination.objects.filter(pk__in=[n.pk for n in nominations]).values_list("status", flat=True)
    ) == {"awarded"}


def test_after_a_recall_the_dossier_can_be_returned_again(world, office_issuance):
    draft, nominations = draft_for(world)
    leader = token_client(world.leader)
    leader.post(f"/api/decisions/{draft.pk}/sign/")
    assert leader.post(f"/api/decisions/{draft.pk}/recall/").status_code == 200
    response = leader.post(
        f"/api/nominations/{nominations[0].pk}/transitions/return_for_changes/",
        {"comment": "Bổ sung."},
        format="json",
    )
    assert response.status_code == 200, response.content


def test_a_second_draft_holding_a_signed_dossier_cannot_be_signed(world, office_issuance):
    first, nominations = draft_for(world)
    vice = UserFactory(username="phochutich", position="Phó Chủ tịch UBND tỉnh", roles=[Role.LEADER])
    second = decision_create_draft(actor=vice, nomination_ids=[nominations[0].pk])
    assert token_client(world.leader).post(f"/api/decisions/{first.pk}/sign/").status_code == 200
    response = token_client(vice).post(f"/api/decisions/{second.pk}/sign/")
    assert response.status_code == 409 and Decision.objects.get(pk=second.pk).status == "draft"


def test_the_database_refuses_a_dossier_on_two_live_documents(world, office_issuance):
    first, nominations = draft_for(world)
    vice = UserFactory(username="phochutich", position="Phó Chủ tịch UBND tỉnh", roles=[Role.LEADER])
    second = decision_create_draft(actor=vice, nomination_ids=[nominations[0].pk])
    token_client(world.leader).post(f"/api/decisions/{first.pk}/sign/")
    assert DecisionLine.objects.get(decision=first).live
    # Past every check in the code: the index itself says no.
    with pytest.raises(IntegrityError), transaction.atomic():
        DecisionLine.objects.filter(decision=second).update(live=True)
