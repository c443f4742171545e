"""Paper history: the unit declares an earlier award with the scanned decision; the appraiser confirms
it (the rules then read it, with who and when) or rejects it with the reason; each is audited."""

import pytest
from django.urls import reverse

from nominations.models import AuditEvent, AwardRecord, DeclaredHistory
from nominations.policy.eligibility import History
from tests.conftest import attach_required, pdf_file
from tests.factories import AwardTypeFactory, NominationFactory
from tests.web.test_end_to_end import login
from workflows import actions

pytestmark = pytest.mark.django_db

CID = "034185000456"


@pytest.fixture
def dossier(world):
    n = NominationFactory(
        unit=world.so_gd, award_type=world.award, created_by=world.clerk,
        nominee_name="Đặng Thu Trang", nominee_citizen_id=CID,
    )  # fmt: skip
    attach_required(n, world.clerk)
    return n


def declare(client, n, award, **extra):
    data = {
        "kind": "award", "award_type": award.pk, "route": "annual", "year": 2022,
        "decision_number": "88/QĐ-UBND", "decision_date": "15/12/2022", "issuer": "UBND tỉnh Thái Bình",
        "level": "", "title": "", "evidence": pdf_file("qd-88.pdf"), **extra,
    }  # fmt: skip
    return client.post(reverse("nominations:history_declare", args=[n.pk]), data, follow=True)


def test_the_unit_declares_and_the_appraiser_confirms_then_the_rules_read_it(client, world, dossier):
    ldtt = AwardTypeFactory(code="LDTT", name="Lao động tiên tiến")
    login(client, world.clerk)
    page = declare(client, dossier, ldtt).content.decode()
    assert "chờ chuyên viên thẩm định xác nhận" in page
    declared = DeclaredHistory.objects.get(nomination=dossier)
    assert (declared.status, declared.decision_number, declared.decision_date.isoformat()) == (
        "pending", "88/QĐ-UBND", "2022-12-15",
    )  # fmt: skip
    assert History(dossier).records == []  # not history until confirmed
    # The evidence downloads for those who see the dossier, not for another unit.
    url = reverse("nominations:history_evidence", args=[dossier.pk, declared.pk])
    assert client.get(url).status_code == 200
    login(client, world.clerk2)
    assert client.get(url).status_code == 404

    actions.perform(user=world.clerk, nomination_id=dossier.pk, action="submit")
    actions.perform(user=world.reviewer, nomination_id=dossier.pk, action="approve_cluster")
    # The unit cannot confirm its own declaration.
    login(client, world.clerk)
    client.post(reverse("nominations:history_confirm", args=[dossier.pk, declared.pk]))
    declared.refresh_from_db()
    assert declared.status == "pending"
    login(client, world.appraiser)
    page = client.get(reverse("nominations:detail", args=[dossier.pk])).content.decode()
    assert "qd-88.pdf" in page and "Xác nhận" in page
    client.post(reverse("nominations:history_confirm", args=[dossier.pk, declared.pk]))
    declared.refresh_from_db()
    assert declared.status == "confirmed" and declared.reviewed_by == world.appraiser
    assert declared.reviewed_at is not None
    record = AwardRecord.objects.get(pk=declared.award_record_id)
    assert (record.nominee_citizen_id, record.year, record.decision_number) == (CID, 2022, "88/QĐ-UBND")
    assert [r.year for r in History(dossier).records] == [2022]  # the rules read it now
    page = client.get(reverse("nominations:detail", args=[dossier.pk])).content.decode()
    assert world.appraiser.get_full_name() in page and "Đã xác nhận" in page
    events = list(
        AuditEvent.objects.filter(nomination=dossier, action__startswith="history_").values_list(
            "action", "actor_id"
        )
    )
    assert events == [("history_declare", world.clerk.pk), ("history_confirm", world.appraiser.pk)]
    # Confirmed once: a second click changes nothing.
    client.post(reverse("nominations:history_confirm", args=[dossier.pk, declared.pk]))
    assert AwardRecord.objects.filter(nominee_citizen_id=CID).count() == 1


def test_a_rejection_says_why_and_credits_nothing(client, world, dossier):
    login(client, world.clerk)
    declare(client, dossier, world.award)
    declared = DeclaredHistory.objects.get(nomination=dossier)
    actions.perform(user=world.clerk, nomination_id=dossier.pk, action="submit")
    login(client, world.appraiser)
    url = reverse("nominations:history_reject", args=[dossier.pk, declared.pk])
    page = client.post(url, {"reason": ""}, follow=True).content.decode()
    assert "Phải nhập lý do" in page
    client.post(url, {"reason": "Bản chụp không có dấu, không đọc được số quyết định"})
    declared.refresh_from_db()
    assert declared.status == "rejected" and declared.reject_reason.startswith("Bản chụp không có dấu")
    assert AwardRecord.objects.filter(nominee_citizen_id=CID).count() == 0
    event = AuditEvent.objects.get(nomination=dossier, action="history_reject")
    assert event.comment.startswith("Bản chụp không có dấu") and event.actor == world.appraiser
    login(client, world.clerk)
    page = client.get(reverse("nominations:detail", args=[dossier.pk])).content.decode()
    assert "Không xác nhận" in page and "Bản chụp không có dấu" in page


def test_bad_declarations_are_refused_with_the_reason_and_nothing_saved(client, world, dossier):
    login(client, world.clerk)
    page = declare(client, dossier, world.award, decision_number="", evidence=pdf_file()).content.decode()
    assert "Chưa kê khai được" in page
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("qd.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    page = declare(client, dossier, world.award, evidence=fake).content.decode()
    assert "Chưa kê khai được" in page
    page = declare(client, dossier, world.award, kind="initiative").content.decode()
    assert "Cần ghi tên sáng kiến" in page
    assert DeclaredHistory.objects.count() == 0
    # Another unit cannot declare on this dossier.
    login(client, world.clerk2)
    assert declare(client, dossier, world.award).status_code == 404
