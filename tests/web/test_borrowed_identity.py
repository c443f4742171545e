"""A borrowed identity: an identity number already known under another name is said before saving,
the rules do not credit that person's decisions, and an edit's audit names each field old → new."""

import pytest
from django.urls import reverse

from nominations.models import AuditEvent, AwardRecord, Nomination, NomineeKind
from nominations.policy.eligibility import History
from tests.factories import NominationFactory
from tests.web.api.test_api_lifecycle import token_client
from tests.web.test_end_to_end import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttles():
    """The token endpoint's throttle counts logins across tests: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()


CID = "034185000123"


@pytest.fixture
def lan(world):
    for year in (2023, 2024, 2025):
        AwardRecord.objects.create(
            nominee_kind=NomineeKind.INDIVIDUAL, nominee_name="Nguyễn Thị Lan", nominee_citizen_id=CID,
            unit=world.so_yte, award_type=world.award, year=year, decision_number=f"{year}/QĐ-UBND",
        )  # fmt: skip


def form(**extra):
    return {
        "award_type": "", "route": "annual", "year": 2026, "nominee_kind": "individual",
        "nominee_name": "Trần Văn Khoa", "nominee_gender": "male", "nominee_birth_year": 1980,
        "nominee_position": "Giáo viên", "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
        "nominee_citizen_id": CID, **extra,
    }  # fmt: skip


def test_the_form_says_whose_number_it_is_before_saving_and_the_clerk_must_confirm(client, world, lan):
    login(client, world.clerk)
    response = client.post(reverse("nominations:create"), form(award_type=world.award.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Số CCCD này đang gắn với Nguyễn Thị Lan" in html
    assert 'name="confirm_identity"' in html and "Trần Văn Khoa" in html  # what was typed is kept
    assert not Nomination.objects.filter(nominee_name="Trần Văn Khoa").exists()
    response = client.post(
        reverse("nominations:create"), form(award_type=world.award.pk, confirm_identity="on")
    )
    assert response.status_code == 302
    n = Nomination.objects.get(nominee_name="Trần Văn Khoa")
    created = AuditEvent.objects.get(nomination=n, action="create")
    assert created.data["identity_confirmed_despite"] == ["Nguyễn Thị Lan"]
    # The dossier says it too, and the rules credit none of her three decisions.
    page = client.get(reverse("nominations:detail", args=[n.pk])).content.decode()
    assert 'id="borrowed-identity"' in page and "Nguyễn Thị Lan" in page
    assert History(n).records == []
    # Her own dossier (same number, same name, accents aside) is credited with all three.
    mine = NominationFactory(
        unit=world.so_yte,
        award_type=world.award,
        created_by=world.clerk2,
        nominee_name="NGUYEN THI LAN",
        nominee_citizen_id=CID,
    )
    assert [r.year for r in History(mine).records] == [2023, 2024, 2025]


def test_the_api_refuses_a_borrowed_number_unless_confirmed(world, lan):
    api = token_client(world.clerk)
    body = {**form(award_type=world.award.code), "movement": None}
    refused = api.post("/api/nominations/", body, format="json")
    assert refused.status_code == 400
    assert "Số CCCD này đang gắn với Nguyễn Thị Lan" in refused.json()["detail"]
    assert "nominee_citizen_id" in refused.json()["fields"]
    accepted = api.post("/api/nominations/", {**body, "confirm_identity": True}, format="json")
    assert accepted.status_code == 201, accepted.content


def test_an_edit_is_audited_field_by_field_old_to_new(client, world, draft):
    login(client, world.clerk)
    edit = {
        "award_type": draft.award_type_id, "route": draft.route, "year": draft.year,
        "nominee_kind": draft.nominee_kind, "nominee_name": "Phạm Thị Ngọc Ánh",
        "nominee_gender": draft.nominee_gender or "female", "nominee_birth_year": draft.nominee_birth_year or 1985,
        "nominee_position": "Tổ trưởng chuyên môn", "achievements": draft.achievements,
        "nominee_citizen_id": "001185000999",
    }  # fmt: skip
    old_name, old_position = draft.nominee_name, draft.nominee_position
    response = client.post(reverse("nominations:edit", args=[draft.pk]), edit)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.filter(nomination=draft, action="update").latest("id")
    changed = event.data["changed"]
    assert changed["nominee_name"] == [old_name, "Phạm Thị Ngọc Ánh"]
    assert changed["nominee_position"] == [old_position, "Tổ trưởng chuyên môn"]
    assert changed["nominee_citizen_id"] == ["", "********0999"]  # personal data masked in the log
    assert "award_type" not in changed and "year" not in changed  # only what changed
    page = client.get(reverse("nominations:detail", args=[draft.pk])).content.decode()
    assert f"<del>{old_name}</del> → <ins>Phạm Thị Ngọc Ánh</ins>" in page
    history = token_client(world.clerk).get(f"/api/nominations/{draft.pk}/history/").json()
    update = next(e for e in history if e["action"] == "update")
    assert {"field": "nominee_name", "label": "họ tên / tên tập thể", "old": old_name,
            "new": "Phạm Thị Ngọc Ánh"} in update["changes"]  # fmt: skip
