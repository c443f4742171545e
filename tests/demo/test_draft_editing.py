"""Drafting a decision before the signature, read as the signer reads it: in the preview PDF.

The leader (or the Standing agency preparing the draft) removes and adds legal bases, cites the
proposing letter, rewords Article 1's achievement, takes a line out and discards a draft. Each
change is an audit event; the preview prints it; the document signed and issued prints what was
previewed. The texts are compared with expected texts kept in tests/documents/expected/ that were
read and checked by hand (``UPDATE_EXPECTED=1`` writes them again: read every changed line).
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from nominations import selectors
from nominations.models import AuditEvent, Decision, DecisionLine, Nomination
from tests.demo.test_document_texts import api, check, stored
from tests.documents.pdftext import page_texts

pytestmark = pytest.mark.django_db

ADDED = (
    "Căn cứ Quyết định số 15/2025/QĐ-UBND ngày 20 tháng 8 năm 2025 của Ủy ban nhân dân tỉnh ban hành "
    "Quy chế công tác thi đua, khen thưởng;"
)
REASON = "đã có thành tích xuất sắc trong công tác phòng, chống thiên tai năm 2026"


def screen(demo, username) -> Client:
    client = Client()
    client.force_login(demo[username])
    return client


def _waiting(n):
    ids = list(
        Nomination.objects.filter(status="awaiting_signature", award_type__code="BANG_KHEN_TINH")
        .order_by("pk")
        .values_list("pk", flat=True)[:n]
    )
    assert len(ids) == n
    return ids


def _draft(demo, ids) -> Decision:
    made = api(demo, "chutich").post("/api/decisions/", {"nominations": ids}, format="json")
    assert made.status_code == 201, made.content
    return Decision.objects.get(pk=made.json()["id"])


def letter_day() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=6)


def _edit(client, decision, **changes):
    bases = [b for b in decision.legal_bases if not b.startswith("Căn cứ Luật Tổ chức chính quyền")]
    data = {
        "legal_bases": "\n".join([*bases[:-1], ADDED, bases[-1]]),
        "proposal_letter_by": "Giám đốc Sở Nội vụ",
        "proposal_letter_number": "125/TTr-SNV",
        "proposal_letter_date": f"{letter_day():%d/%m/%Y}",
        "article1_reason": REASON,
        **changes,
    }
    return client.post(f"/ho-so/quyet-dinh/{decision.pk}/sua-du-thao/", data)


def test_the_edited_draft_is_previewed_and_signed_as_edited(demo):
    decision = _draft(demo, _waiting(3))
    leader = screen(demo, "chutich")
    page = leader.get(f"/ho-so/quyet-dinh/{decision.pk}/")
    assert page.status_code == 200
    assert "Chỉnh sửa dự thảo trước khi ký" in page.content.decode()
    # The form starts from what prints: the proposer of the default "Theo đề nghị" line.
    assert 'value="Giám đốc Sở Nội vụ"' in page.content.decode()

    response = _edit(leader, decision)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(action="decision_draft_edit").latest("pk")
    assert event.actor == demo["chutich"]
    assert event.data["bases_added"] == [ADDED]
    (removed_basis,) = event.data["bases_removed"]
    assert removed_basis.startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert event.data["proposal_letter"] == (
        f"Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 125/TTr-SNV ngày {letter_day():%d/%m/%Y}."
    )
    assert event.data["article1_reason"]["after"] == REASON

    second = decision.lines.get(position=2)
    removed = leader.post(
        f"/ho-so/quyet-dinh/{decision.pk}/bo-dong/{second.pk}/", {"reason": "Chờ bổ sung xác nhận."}
    )
    assert removed.status_code == 302
    assert list(decision.lines.order_by("position").values_list("position", flat=True)) == [1, 2]
    dropped = AuditEvent.objects.filter(action="decision_line_remove").latest("pk")
    assert dropped.nomination_id == second.nomination_id and dropped.comment == "Chờ bổ sung xác nhận."
    # Its dossier waits for the signature again, on no draft.
    back = Nomination.objects.get(pk=second.nomination_id)
    assert back.status == "awaiting_signature"
    assert selectors.awaiting_signature(user=demo["chutich"]).filter(pk=back.pk).exists()
    assert not DecisionLine.objects.filter(nomination=back, decision=decision).exists()
    decision.refresh_from_db()
    assert decision.total_amount == sum(decision.lines.values_list("amount", flat=True))

    preview = leader.get(f"/ho-so/quyet-dinh/{decision.pk}/xem-truoc.pdf")
    assert preview.status_code == 200
    values = {"ngay_tt": f"{letter_day():%d/%m/%Y}"}
    previewed = check("provincial-decision-edited-preview", preview.content, values)

    assert (
        api(demo, "chutich").post(f"/api/decisions/{decision.pk}/sign/").json()["status"] == "leader_signed"
    )
    assert api(demo, "vanthu").post(f"/api/decisions/{decision.pk}/issue/").status_code == 200
    decision.refresh_from_db()
    issued = check("provincial-decision-edited-issued", stored(decision), {**values, "so": decision.number})
    # What is signed is what was previewed: the bases, the letter and Article 1, word for word.
    start, end = "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN", "Điều 2."
    assert (
        issued[issued.index(start) : issued.index(end)]
        == previewed[previewed.index(start) : previewed.index(end)]
    )
    assert "Căn cứ Luật Tổ chức chính quyền địa phương" not in issued
    assert ADDED in issued and REASON in issued


def test_a_letter_without_its_date_is_refused_and_nothing_is_lost(demo):
    decision = _draft(demo, _waiting(2))
    before = list(decision.legal_bases)
    response = _edit(screen(demo, "chutich"), decision, proposal_letter_date="")
    assert response.status_code == 200
    assert "Ghi ngày của tờ trình đề nghị." in response.content.decode()
    # The typed text is still in the form; the stored draft is untouched.
    assert "125/TTr-SNV" in response.content.decode()
    decision.refresh_from_db()
    assert decision.legal_bases == before and not decision.proposal_letter_number
    assert not AuditEvent.objects.filter(action="decision_draft_edit").exists()


def test_empty_bases_restore_the_dated_defaults(demo):
    decision = _draft(demo, _waiting(2))
    defaults = list(decision.legal_bases)
    client = screen(demo, "chutich")
    assert _edit(client, decision).status_code == 302
    decision.refresh_from_db()
    assert decision.legal_bases_edited and ADDED in decision.legal_bases
    assert _edit(client, decision, legal_bases="").status_code == 302
    decision.refresh_from_db()
    assert decision.legal_bases == defaults and not decision.legal_bases_edited


def test_the_standing_agency_edits_for_the_leader_a_unit_does_not(demo):
    decision = _draft(demo, _waiting(2))
    assert _edit(screen(demo, "thamdinh"), decision).status_code == 302
    assert AuditEvent.objects.filter(action="decision_draft_edit").latest("pk").actor == demo["thamdinh"]
    # A unit's clerk does not even see the province's draft; the văn thư sees it but may not edit.
    assert _edit(screen(demo, "donvi_sogd"), decision).status_code in (403, 404)
    assert _edit(screen(demo, "vanthu"), decision).status_code in (403, 404)


def test_a_signed_draft_is_no_longer_editable(demo):
    decision = _draft(demo, _waiting(2))
    assert (
        api(demo, "chutich").post(f"/api/decisions/{decision.pk}/sign/").json()["status"] == "leader_signed"
    )
    client = screen(demo, "chutich")
    assert (
        "Chỉnh sửa dự thảo trước khi ký"
        not in client.get(f"/ho-so/quyet-dinh/{decision.pk}/").content.decode()
    )
    assert _edit(client, decision).status_code == 403


def test_the_last_line_is_not_removed_and_a_draft_is_discarded(demo):
    ids = _waiting(1)
    decision = _draft(demo, ids)
    client = screen(demo, "chutich")
    line = decision.lines.get()
    response = client.post(
        f"/ho-so/quyet-dinh/{decision.pk}/bo-dong/{line.pk}/", {"reason": "x"}, follow=True
    )
    assert "hãy hủy dự thảo thay vì bỏ dòng" in response.content.decode()
    assert decision.lines.count() == 1

    unconfirmed = client.post(f"/ho-so/quyet-dinh/{decision.pk}/huy-du-thao/", {"reason": "Lập lại."})
    assert unconfirmed.status_code == 302 and Decision.objects.filter(pk=decision.pk).exists()
    discarded = client.post(
        f"/ho-so/quyet-dinh/{decision.pk}/huy-du-thao/", {"reason": "Lập lại theo đợt.", "confirmed": "on"}
    )
    assert discarded.status_code == 302
    assert not Decision.objects.filter(pk=decision.pk).exists()
    event = AuditEvent.objects.filter(action="decision_draft_discard").latest("pk")
    assert event.data["nominations"] == ids and event.comment == "Lập lại theo đợt."
    assert selectors.awaiting_signature(user=demo["chutich"]).filter(pk=ids[0]).exists()


def test_the_preview_of_a_normal_decision_keeps_its_signature_on_the_first_page(demo):
    """Four bases, the proposing letter cited, one movement: articles, Nơi nhận and the signature
    on page 1, the annex from page 2 (a signature page alone is what an office sends back)."""
    decision = _draft(demo, _waiting(3))
    assert _edit(screen(demo, "chutich"), decision).status_code == 302
    preview = screen(demo, "chutich").get(f"/ho-so/quyet-dinh/{decision.pk}/xem-truoc.pdf")
    pages = page_texts(preview.content)
    assert "Nơi nhận" in pages[0] and "CHỦ TỊCH (Dự thảo) Đoàn Minh Quang" in pages[0]
    assert pages[1].startswith("DANH SÁCH")
