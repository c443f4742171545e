"""A council meeting is recorded once, with its minutes, and linked to every dossier it decided;
the minutes belong to the vote, not to the submission."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from nominations import services
from nominations.models import AuditEvent, AwardAuthority, CouncilMeeting, CouncilVote, Nomination
from nominations.policy import documents
from tests.conftest import pdf_file
from tests.web.api.test_api_lifecycle import token_client, transition
from tests.web.api.test_api_paths import new_nomination, paths  # noqa: F401 (fixture)
from tests.web.test_batches_by_the_hundred import person, workbook
from tests.web.test_council_meeting import at_vote

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _clear_throttles():
    cache.clear()


@pytest.fixture
def minutes_at_the_vote(paths):  # noqa: F811
    """As migration 0022 sets it: the unit council votes after submission, so the minutes are the
    vote's document, not the submission's."""
    paths.cstd_cs.required_documents = ["bao_cao_thanh_tich"]
    paths.cstd_cs.vote_documents = ["bien_ban"]
    paths.cstd_cs.save()
    return paths


def meeting(client, expect=201, **body):
    data = {
        "kind": "unit",
        "date": TODAY.isoformat(),
        "members": 21,
        "present": 20,
        "attendees": "Chủ tịch Hội đồng: Phan Minh Đức; thư ký: Lê Thị Hoa",
        "minutes": pdf_file("bien-ban-hoi-dong.pdf"),
        **body,
    }
    response = client.post("/api/meetings/", data, format="multipart")
    assert response.status_code == expect, response.content
    return response.json()


def test_one_meeting_decides_many_dossiers_and_each_vote_records_it(minutes_at_the_vote):
    world = minutes_at_the_vote
    clerk = token_client(world.clerk)
    ids = [new_nomination(clerk, "CSTD_CO_SO", name) for name in ("Hà Thị Lụa", "Đỗ Văn Kiên", "Vũ Thị Mai")]
    # Submitted without any minutes: the unit council votes at the next step.
    for pk in ids:
        assert transition(clerk, pk, "submit")["status"] == "unit_vote"

    # Without the meeting (and its minutes) the vote is refused, in Vietnamese, and nothing moves.
    refused = clerk.post(
        f"/api/nominations/{ids[0]}/transitions/record_vote/",
        {"votes_for": 20, "votes_against": 0, "members_present": 20, "members_total": 21},
        format="json",
    )
    assert refused.status_code == 400 and "Biên bản họp xét" in refused.json()["detail"]
    assert Nomination.objects.get(pk=ids[0]).status == "unit_vote"

    recorded = meeting(clerk, dossiers=ids)
    assert recorded["kind"] == "unit" and recorded["dossiers"] == sorted(ids)
    assert (recorded["members"], recorded["present"]) == (21, 20) and len(recorded["minutes_sha256"]) == 64
    assert CouncilMeeting.objects.get().documents.get().kind == "bien_ban"  # one file for three dossiers

    for pk in ids:
        n = transition(clerk, pk, "record_vote", votes_for=19, votes_against=1, meeting=recorded["id"])
        assert n["status"] == "unit_signature"
    votes = CouncilVote.objects.filter(nomination_id__in=ids)
    assert {v.meeting_id for v in votes} == {recorded["id"]}
    assert {(v.members_present, v.members_total) for v in votes} == {(20, 21)}  # the meeting's figures
    assert all(e.data["meeting"] == recorded["id"] for e in AuditEvent.objects.filter(action="record_vote"))
    assert AuditEvent.objects.filter(action="meeting_record", nomination_id__in=ids).count() == 3


def test_a_vote_at_a_meeting_cannot_contradict_it_or_borrow_another_councils(minutes_at_the_vote):
    world = minutes_at_the_vote
    clerk = token_client(world.clerk)
    pk = new_nomination(clerk, "CSTD_CO_SO", "Hà Thị Lụa")
    transition(clerk, pk, "submit")
    recorded = meeting(clerk, dossiers=[pk])
    body = transition(
        clerk,
        pk,
        "record_vote",
        expect=400,
        votes_for=19,
        votes_against=1,
        meeting=recorded["id"],
        members_present=15,
    )
    assert "khác với phiên họp đã ghi" in body["detail"]
    province = token_client(world.secretary)
    council = meeting(province, kind="province")
    body = transition(
        clerk, pk, "record_vote", expect=400, votes_for=19, votes_against=1, meeting=council["id"]
    )
    assert "không phải của Hội đồng biểu quyết hồ sơ này" in body["detail"]


def test_a_meeting_is_checked_and_scoped(minutes_at_the_vote):
    world = minutes_at_the_vote
    clerk = token_client(world.clerk)
    pk = new_nomination(clerk, "CSTD_CO_SO", "Hà Thị Lụa")
    bad = meeting(clerk, expect=400, present=10)  # 10 of 21: no quorum
    assert "2/3" in bad["detail"] and "members_present" in bad["fields"]
    future = meeting(clerk, expect=400, date="2999-01-01")
    assert "sau hôm nay" in future["detail"]
    no_minutes = clerk.post(
        "/api/meetings/",
        {"kind": "unit", "date": TODAY.isoformat(), "members": 5, "present": 5},
        format="multipart",
    )
    assert no_minutes.status_code == 400 and "minutes" in no_minutes.json()["fields"]
    # Another unit's clerk cannot link this unit's dossier; a unit clerk cannot record the Council's.
    other = token_client(world.clerk2)
    assert "không thuộc phạm vi" in meeting(other, expect=400, dossiers=[pk])["detail"]
    assert meeting(clerk, expect=403, kind="province")["code"] == "permission_denied"
    assert not CouncilMeeting.objects.exists()


def test_the_provincial_councils_meeting_is_recorded_once_on_the_secretarys_screen(client, world):
    a, b = at_vote(world, "Người một"), at_vote(world, "Người hai")
    client.force_login(world.secretary)
    data = {
        "meeting_date": TODAY.strftime("%d/%m/%Y"),
        "members_total": 25,
        "members_present": 21,
        "note": "Chủ trì: Chủ tịch Hội đồng",
        f"for-{a.pk}": 20,
        f"against-{a.pk}": 1,
        f"for-{b.pk}": 18,
        f"against-{b.pk}": 2,
        "save": "1",
        "minutes": pdf_file("bien-ban-hoi-dong-tinh.pdf"),
    }
    response = client.post(reverse("queues:meeting"), data)
    assert response.status_code == 302
    recorded = CouncilMeeting.objects.get()
    assert recorded.kind == "province" and set(recorded.nominations.all()) == {a, b}
    assert set(CouncilVote.objects.values_list("meeting_id", flat=True)) == {recorded.pk}
    assert recorded.documents.count() == 1


def test_a_unit_batch_needs_one_meeting_not_150_uploads(client, paths):  # noqa: F811
    """Lao động tiên tiến for the staff: the unit council's minutes recorded once on the batch page
    count as every entry's "Biên bản họp xét"."""
    world = paths
    world.ldtt.required_documents = ["to_trinh", "bien_ban"]
    world.ldtt.save()
    batch = services.batch_create(actor=world.clerk, title="Lao động tiên tiến năm 2026", year=2026)
    rows = [person(f"Cán bộ {i:03d}", f"0341820{i:05d}", award="Lao động tiên tiến") for i in range(12)]
    services.batch_import_nominees(batch=batch, actor=world.clerk, uploaded=workbook(rows))
    services.batch_document_add(batch=batch, actor=world.clerk, kind="to_trinh", uploaded=pdf_file())
    entries = list(batch.nominations.all())
    assert all(documents.missing_documents(n) == ["bien_ban"] for n in entries)

    client.force_login(world.clerk)
    response = client.post(
        reverse("nominations:batch_meeting", args=[batch.pk]),
        {
            "held_on": TODAY.strftime("%d/%m/%Y"),
            "members_total": 9,
            "members_present": 8,
            "attendees": "Hội đồng thi đua – khen thưởng Sở",
            "minutes": pdf_file("bien-ban.pdf"),
        },
        follow=True,
    )
    told = [str(m) for m in response.context["messages"]]
    assert any("Đã ghi phiên họp Hội đồng cơ sở" in m and "12 đối tượng" in m for m in told), told
    assert all(documents.missing_documents(n) == [] for n in entries)
    assert Nomination.objects.get(pk=entries[0].pk).documents.count() == 0  # nobody uploaded per person
    response = client.post(reverse("nominations:batch_submit", args=[batch.pk]), follow=True)
    assert "Đã nộp tờ trình với 12 đối tượng." in [str(m) for m in response.context["messages"]]
    assert set(batch.nominations.values_list("status", flat=True)) == {"unit_signature"}


def test_the_migration_moves_the_minutes_to_the_vote_where_the_unit_council_votes_later(paths):  # noqa: F811
    import importlib

    from django.apps import apps

    migration = importlib.import_module("nominations.migrations.0027_meetings_minutes_with_the_vote")
    paths.cstd_cs.required_documents = ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
    paths.cstd_cs.save()
    paths.ldtt.required_documents = ["to_trinh", "bien_ban"]
    paths.ldtt.save()
    migration.minutes_to_the_vote(apps, None)
    paths.cstd_cs.refresh_from_db(), paths.ldtt.refresh_from_db()
    assert paths.cstd_cs.required_documents == ["to_trinh", "bao_cao_thanh_tich"]
    assert paths.cstd_cs.vote_documents == ["bien_ban"]
    # No vote step (Lao động tiên tiến): the council's advice comes before submission, as before.
    assert paths.ldtt.required_documents == ["to_trinh", "bien_ban"] and paths.ldtt.vote_documents == []
    assert AwardAuthority.objects.filter(award_type=paths.cstd_cs, vote_required=True).exists()


def test_too_many_dossiers_in_one_request_is_a_json_400(world):
    api = token_client(world.secretary)
    body = {"kind": "province", "date": TODAY.isoformat(), "members": 5, "present": 5}
    response = api.post(
        "/api/meetings/",
        {**body, "minutes": pdf_file(), "dossiers": list(range(1, 1200))},
        format="multipart",
    )
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")
    assert "Quá nhiều trường" in response.json()["detail"]
