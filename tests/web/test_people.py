"""People and collectives as records: found by name without accents or by identity number, each
with every award (and its decision), initiative, grade, service period and dossier; scoped."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from nominations import people
from nominations.models import AssessmentGrade, AwardRecord, Initiative, NomineeKind, Role, ServiceRecord
from tests.factories import AwardTypeFactory, NominationFactory, UserFactory
from tests.web.api.test_api_lifecycle import token_client
from tests.web.test_end_to_end import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttles():
    """The token endpoint's throttle counts logins across tests: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()


CID = "034185000123"
OTHER = "001190000777"
LAN = people.person_id(CID)


@pytest.fixture
def lan(world):
    """Nguyễn Thị Lan of Sở GD&ĐT: two titles imported, one decided here, an initiative, grades, a dossier."""
    ldtt = AwardTypeFactory(code="LDTT", name="Lao động tiên tiến")
    common = {
        "nominee_kind": NomineeKind.INDIVIDUAL,
        "nominee_name": "Nguyễn Thị Lan",
        "nominee_citizen_id": CID,
    }
    AwardRecord.objects.create(
        **common,
        unit=world.so_gd,
        award_type=ldtt,
        year=2023,
        decision_number="15/QĐ-SGDĐT",
        decision_date=date(2023, 12, 20),
        issuer="Sở GD&ĐT",
    )
    AwardRecord.objects.create(
        **common,
        unit=world.so_gd,
        award_type=ldtt,
        year=2024,
        decision_number="9/QĐ-SGDĐT",
        decision_date=date(2024, 12, 18),
        issuer="Sở GD&ĐT",
    )
    AwardRecord.objects.create(**common, unit=world.so_gd, award_type=world.award, year=2025,
                               decision_number="311/QĐ-UBND", issuer="UBND tỉnh")  # fmt: skip
    Initiative.objects.create(title="Dạy học STEM cho học sinh vùng khó", level="province", year=2024,
                              owner_name="Nguyễn Thị Lan", owner_citizen_id=CID, unit=world.so_gd)  # fmt: skip
    AssessmentGrade.objects.create(nominee_name="Nguyễn Thị Lan", nominee_citizen_id=CID, unit=world.so_gd,
                                   year=2025, grade=AssessmentGrade.Grade.EXCELLENT)  # fmt: skip
    ServiceRecord.objects.create(nominee_name="Nguyễn Thị Lan", nominee_citizen_id=CID, force="Đội TNXP 12",
                                 started_on=date(2001, 3, 1), ended_on=date(2004, 3, 1))  # fmt: skip
    dossier = NominationFactory(unit=world.so_gd, award_type=world.cstd, created_by=world.clerk, **common)
    # Someone else with a similar name, in another unit.
    AwardRecord.objects.create(nominee_kind=NomineeKind.INDIVIDUAL, nominee_name="Nguyễn Thị Lan Anh",
                               nominee_citizen_id="001190000777", unit=world.so_yte, award_type=ldtt, year=2024)  # fmt: skip
    # A collective award of the unit.
    AwardRecord.objects.create(nominee_kind=NomineeKind.COLLECTIVE, nominee_name=world.so_gd.name,
                               unit=world.so_gd, award_type=world.award, year=2025, decision_number="400/QĐ-UBND")  # fmt: skip
    return dossier


def test_the_api_finds_a_person_by_name_without_accents_or_by_identity_number(world, lan):
    agency = token_client(world.appraiser)
    found = agency.get("/api/people/", {"q": "nguyen thi lan"}).json()
    ids = [p["id"] for p in found]
    assert LAN in ids and people.person_id(OTHER) in ids
    assert all(CID not in p["id"] for p in found)  # the number never appears in an id
    lan_row = next(p for p in found if p["id"] == LAN)
    assert lan_row["name"] == "Nguyễn Thị Lan" and lan_row["citizen_id_masked"] == "********0123"
    assert [p["id"] for p in agency.get("/api/people/", {"q": CID}).json()] == [LAN]
    # Collectives by unit name.
    assert f"dv{world.so_gd.pk}" in [p["id"] for p in agency.get("/api/people/", {"q": "giao duc"}).json()]


def test_a_profile_holds_every_award_with_its_decision_initiatives_and_dossiers(world, lan):
    profile = token_client(world.appraiser).get(f"/api/people/{LAN}/").json()
    assert profile["kind"] == "person" and profile["name"] == "Nguyễn Thị Lan"
    awards = [(a["year"], a["award_name"], a["decision_number"], a["source"]) for a in profile["awards"]]
    assert awards == [
        (2025, world.award.name, "311/QĐ-UBND", "imported"),
        (2024, "Lao động tiên tiến", "9/QĐ-SGDĐT", "imported"),
        (2023, "Lao động tiên tiến", "15/QĐ-SGDĐT", "imported"),
    ]
    assert [i["title"] for i in profile["initiatives"]] == ["Dạy học STEM cho học sinh vùng khó"]
    assert [(g["year"], g["grade"]) for g in profile["grades"]] == [(2025, "hoan_thanh_xuat_sac")]
    assert profile["service_periods"][0]["months"] == 36
    assert [(d["id"], d["status"]) for d in profile["dossiers"]] == [(lan.pk, "draft")]
    collective = token_client(world.appraiser).get(f"/api/people/dv{world.so_gd.pk}/").json()
    assert collective["kind"] == "collective" and [a["decision_number"] for a in collective["awards"]] == [
        "400/QĐ-UBND"
    ]


def test_scope_a_unit_sees_its_own_people_the_agency_everyone_others_404(world, lan):
    assert token_client(world.clerk).get(f"/api/people/{LAN}/").status_code == 200
    assert token_client(world.clerk).get(f"/api/people/dv{world.so_gd.pk}/").status_code == 200
    # Another unit: not its person, not its collective; its search does not find her.
    other = token_client(world.clerk2)
    assert other.get(f"/api/people/{LAN}/").status_code == 404
    assert other.get(f"/api/people/dv{world.so_gd.pk}/").status_code == 404
    assert LAN not in [p["id"] for p in other.get("/api/people/", {"q": "nguyen thi lan"}).json()]
    # Roles outside the Standing agency and the units: 404, list and profile alike.
    for who in (world.reviewer, world.leader):
        client = token_client(who)
        assert client.get(f"/api/people/{LAN}/").status_code == 404
        assert client.get("/api/people/", {"q": "lan"}).status_code == 404
    head = UserFactory(username="truongban2", roles=[Role.AGENCY_HEAD])
    assert token_client(head).get(f"/api/people/{LAN}/").status_code == 200
    # A forged or altered id opens nothing.
    forged = LAN[:-3] + ("AAA" if not LAN.endswith("AAA") else "BBB")
    assert token_client(world.appraiser).get(f"/api/people/{forged}/").status_code == 404
    assert token_client(world.appraiser).get(f"/api/people/{CID}/").status_code == 404
    assert APIClient().get(f"/api/people/{LAN}/").status_code == 401


def test_the_profile_page_is_reached_from_search_and_from_the_dossier(client, world, lan):
    login(client, world.clerk)
    dossier = client.get(reverse("nominations:detail", args=[lan.pk])).content.decode()
    url = reverse("people:profile", args=[LAN])
    assert f'href="{url}"' in dossier
    results = client.get(reverse("people:search"), {"q": "NGUYEN thi LAN"}).content.decode()
    assert f'href="{url}"' in results and people.person_id(OTHER) not in results  # another unit's
    page = client.get(url).content.decode()
    for text in ("15/QĐ-SGDĐT", "9/QĐ-SGDĐT", "311/QĐ-UBND", "Dạy học STEM", "Hoàn thành xuất sắc nhiệm vụ",
                 "Đội TNXP 12", world.cstd.name, "20/12/2023"):  # fmt: skip
        assert text in page, text
    assert CID not in page  # the number is shown masked
    login(client, world.clerk2)
    assert client.get(url).status_code == 404


def test_the_schema_lists_the_people_and_notifications_endpoints(world):
    schema = token_client(world.appraiser).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/people/" in schema["paths"] and "/api/people/{id}/" in schema["paths"]
    assert "/api/notifications/" in schema["paths"]
    detail = schema["components"]["schemas"]["Nomination"]["properties"]
    assert {"appraisal", "vote"} <= set(detail)
