"""Signing a decision: one transaction, gap-free numbers, a PAdES-signed PDF."""

import logging
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from nominations.exceptions import ActionError, InvalidState
from nominations.models import AwardRecord, BaseSalary, Decision, DecisionCounter, Nomination
from nominations.publishing.signing import verify_pdf
from nominations.services import decision_create_draft
from tests.conftest import attach_required
from tests.factories import NominationFactory, UserFactory
from tests.pdf import pdf_text
from workflows import actions
from workflows.actions import sign_decision

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(autouse=True)
def signing_dir(settings, tmp_path_factory):
    settings.DECISION_SIGNING_DEMO_DIR = str(tmp_path_factory.getbasetemp() / "signing")


def at_signature(world, **kwargs):
    n = NominationFactory(unit=world.so_gd, award_type=world.award, created_by=world.clerk, **kwargs)
    attach_required(n, world.clerk)
    for user, action, params in [
        (world.clerk, "submit", {}),
        (world.reviewer, "approve_cluster", {}),
        (world.appraiser, "pass_appraisal", {}),
        (
            world.secretary,
            "record_vote",
            {"votes_for": 20, "votes_against": 0, "members_present": 21, "members_total": 25},
        ),
    ]:
        actions.perform(user=user, nomination_id=n.pk, action=action, **params)
    n.refresh_from_db()
    return n


@pytest.fixture
def base_salary(db):
    return BaseSalary.objects.create(amount=2_340_000, effective_from="2024-07-01")


@pytest.mark.django_db
def test_signing_awards_every_nomination_with_one_number_and_a_valid_signature(world, base_salary, caplog):
    world.leader.position = "Chủ tịch UBND tỉnh"
    world.leader.save()
    a = at_signature(world, nominee_name="Nguyễn Văn An")
    b = at_signature(
        world, nominee_name="Hộ ông Trần Văn Bảy", nominee_kind="household", household_address="Xã Vũ Hội"
    )
    draft = decision_create_draft(actor=world.leader, nomination_ids=[a.pk, b.pk])
    # By hand: Bằng khen coefficient 1.0 × 2.340.000 = 2.340.000; household × 1.5 = 3.510.000.
    assert sorted(draft.lines.values_list("amount", flat=True)) == [2_340_000, 3_510_000]
    assert draft.total_amount == 5_850_000

    with caplog.at_level(logging.WARNING):
        decision = sign_decision(user=world.leader, decision_id=draft.pk)
    assert decision.number == "1/QĐ-UBND" and decision.status == "signed"
    # Nothing for the console: fontTools warned "FFTM NOT subset" for each font at every signature.
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fontTools")] == []
    assert set(Nomination.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True)) == {"awarded"}
    assert AwardRecord.objects.filter(decision=decision).count() == 2
    assert actions.open_task(a.pk) is None

    data = decision.pdf.read()
    assert len(decision.sha256) == 64
    result = verify_pdf(data)
    # Issue 18: the leader's own certificate first, then the organisation's (no issuance by the văn thư here).
    assert result.valid and result.signer == world.leader.get_full_name()
    assert [s.organisation_signature for s in result.signatures] == [False, True]
    tampered = bytearray(data)
    tampered[400] ^= 1
    assert not verify_pdf(bytes(tampered)).valid

    text = pdf_text(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 1/QĐ-UBND" in text and "QUYẾT ĐỊNH" in text and "Hộ ông Trần Văn Bảy" in text
    assert "5.850.000" in text
    # Article 1 counts the awardees by kind, not "2 tập thể, cá nhân, hộ gia đình".
    assert "cho 1 cá nhân và 1 hộ gia đình (có danh sách kèm theo)" in text


@pytest.mark.django_db
def test_a_nomination_returned_a_moment_ago_fails_the_whole_decision(world, base_salary):
    a, b = at_signature(world, nominee_name="Một"), at_signature(world, nominee_name="Hai")
    draft = decision_create_draft(actor=world.leader, nomination_ids=[a.pk, b.pk])
    actions.perform(
        user=world.leader, nomination_id=b.pk, action="return_for_changes", comment="Xem lại thành tích"
    )
    with pytest.raises(InvalidState) as err:
        sign_decision(user=world.leader, decision_id=draft.pk)
    assert "Hai" in str(err.value.message) and "chưa được ký" in str(err.value.message)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.number == ""
    assert Nomination.objects.get(pk=a.pk).status == "awaiting_signature"
    assert not AwardRecord.objects.exists()
    assert not DecisionCounter.objects.filter(last__gt=0).exists()
    # The next signed decision still gets number 1: no gap.
    fresh = decision_create_draft(actor=world.leader, nomination_ids=[a.pk])
    assert sign_decision(user=world.leader, decision_id=fresh.pk).number == "1/QĐ-UBND"


@pytest.mark.django_db
def test_only_the_named_leader_signs(world, base_salary):
    vice = UserFactory(username="phochutich", position="Phó Chủ tịch UBND tỉnh", roles=["leader"])
    a = at_signature(world)
    draft = decision_create_draft(actor=world.leader, nomination_ids=[a.pk], signer=vice)
    with pytest.raises(ActionError):
        sign_decision(user=world.leader, decision_id=draft.pk)
    with pytest.raises(ActionError):
        sign_decision(user=world.secretary, decision_id=draft.pk)
    assert sign_decision(user=vice, decision_id=draft.pk).signer_title == "Phó Chủ tịch UBND tỉnh"


@pytest.mark.django_db
def test_first_page_renders_to_png_for_a_look(world, base_salary):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    a = at_signature(world, nominee_name="Nguyễn Thị Hồng Nhung")
    decision = sign_decision(
        user=world.leader, decision_id=decision_create_draft(actor=world.leader, nomination_ids=[a.pk]).pk
    )
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "quyet-dinh.pdf"
    pdf.write_bytes(decision.pdf.read())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(ARTIFACTS / "quyet-dinh")],
        check=True,
    )
    pages = sorted(ARTIFACTS.glob("quyet-dinh-*.png"))
    assert pages and pages[0].stat().st_size > 5000


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_leaders_signing_at_once_get_distinct_gap_free_numbers(world, base_salary):
    vice = UserFactory(username="phochutich", position="Phó Chủ tịch UBND tỉnh", roles=["leader"])
    drafts = []
    for leader in (world.leader, vice):
        n = at_signature(world)
        drafts.append((leader, decision_create_draft(actor=leader, nomination_ids=[n.pk])))
    barrier = threading.Barrier(2)
    numbers = []

    def run(leader, draft):
        try:
            barrier.wait()
            numbers.append(sign_decision(user=leader, decision_id=draft.pk).number)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(numbers) == ["1/QĐ-UBND", "2/QĐ-UBND"]
    assert sorted(
        int(re.match(r"\d+", n).group()) for n in Decision.objects.values_list("number", flat=True)
    ) == [1, 2]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.parametrize("round_", range(4))
def test_signing_while_another_leader_returns_one_of_its_dossiers_ends_in_one_outcome(
    world, base_salary, round_
):
    """One lock discipline for the door and the signature: no deadlock, no 500; one of the two wins and
    the other is told the dossier changed (issue 16, defect 2)."""
    vice = UserFactory(username="phochutich", position="Phó Chủ tịch UBND tỉnh", roles=["leader"])
    nominations = [at_signature(world, nominee_name=f"Người số {i}") for i in range(5)]
    draft = decision_create_draft(actor=world.leader, nomination_ids=[n.pk for n in nominations])
    target = nominations[round_ % 5]
    barrier = threading.Barrier(2)
    outcomes = {}

    def sign():
        try:
            barrier.wait()
            outcomes["sign"] = sign_decision(user=world.leader, decision_id=draft.pk)
        except Exception as exc:  # noqa: BLE001 - the test records whatever happens
            outcomes["sign"] = exc
        finally:
            connections.close_all()

    def send_back():
        try:
            barrier.wait()
            outcomes["return"] = actions.perform(
                user=vice, nomination_id=target.pk, action="return_to_council", comment="Xem xét lại."
            )
        except Exception as exc:  # noqa: BLE001
            outcomes["return"] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign), threading.Thread(target=send_back)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    failures = [v for v in outcomes.values() if isinstance(v, Exception)]
    assert len(outcomes) == 2 and len(failures) == 1, outcomes
    assert isinstance(failures[0], ActionError), repr(failures[0])
    target.refresh_from_db()
    if isinstance(outcomes["sign"], Exception):
        assert target.status == "council_vote"
        assert Decision.objects.get(pk=draft.pk).status == "draft"
    else:
        assert target.status == "awarded"


def test_article_one_counts_the_awardees_by_kind():
    from types import SimpleNamespace

    from nominations.publishing.decision_pdf import recipients_phrase

    def lines(*kinds):
        return [SimpleNamespace(nomination=SimpleNamespace(nominee_kind=k)) for k in kinds]

    assert recipients_phrase(lines("individual", "collective", "individual")) == "2 cá nhân và 1 tập thể"
    assert recipients_phrase(lines("collective")) == "1 tập thể"
    assert (
        recipients_phrase(lines("household", "individual", "collective", "collective"))
        == "1 cá nhân, 2 tập thể và 1 hộ gia đình"
    )
