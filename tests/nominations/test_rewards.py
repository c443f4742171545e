"""Reward figures as the law writes them (issue 13: money), computed by hand:
coefficients dated per award, the base salary in force on the decision date, rounded up to 10.000 đ."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from nominations.models import BaseSalary, DecisionLine, RewardCoefficient
from nominations.policy.rewards import reward_for
from nominations.services import decision_create_draft
from tests.pdf import pdf_text
from tests.workflows.test_sign_decision import at_signature
from workflows.actions import sign_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(world):
    BaseSalary.objects.create(
        amount=2_340_000, effective_from=date(2024, 7, 1), legal_basis="Nghị định 73/2024/NĐ-CP"
    )
    BaseSalary.objects.create(
        amount=2_530_000, effective_from=date(2026, 7, 1), legal_basis="Nghị định 161/2026/NĐ-CP"
    )
    award = world.award  # Bằng khen của Chủ tịch UBND tỉnh
    RewardCoefficient.objects.create(
        award_type=award,
        individual=Decimal("1.0"),
        collective=Decimal("2.0"),
        effective_from=date(2024, 1, 1),
        effective_to=date(2025, 6, 30),
        legal_basis="Nghị định số 98/2023/NĐ-CP, Điều 71",
    )
    RewardCoefficient.objects.create(
        award_type=award,
        individual=Decimal("1.5"),
        collective=Decimal("3.0"),
        effective_from=date(2025, 7, 1),
        legal_basis="Nghị định số 152/2025/NĐ-CP, Điều 49",
    )
    return award


@pytest.mark.parametrize(
    ("kind", "day", "amount"),
    [
        ("individual", date(2026, 6, 30), 3_510_000),  # 1,5 × 2.340.000
        ("individual", date(2026, 7, 1), 3_800_000),  # 1,5 × 2.530.000 = 3.795.000, rounded up
        ("collective", date(2026, 6, 30), 7_020_000),  # 3,0 × 2.340.000
        ("collective", date(2026, 7, 1), 7_590_000),  # 3,0 × 2.530.000
        ("household", date(2026, 6, 30), 5_270_000),  # 1,5 × 1,5 × 2.340.000 = 5.265.000, rounded up
        ("individual", date(2025, 6, 10), 2_340_000),  # before 1/7/2025: 1,0 × 2.340.000
    ],
)
def test_bang_khen_amounts_by_hand(figures, kind, day, amount):
    assert reward_for(award_type=figures, nominee_kind=kind, day=day).amount == amount


def test_lao_dong_tien_tien_is_rounded_up_to_the_next_ten_thousand(world, figures):
    from tests.factories import AwardTypeFactory

    ldtt = AwardTypeFactory(code="LDTT", name="Lao động tiên tiến", level="grassroots")
    RewardCoefficient.objects.create(
        award_type=ldtt, individual=Decimal("0.3"), effective_from=date(2025, 7, 1)
    )
    assert (
        reward_for(award_type=ldtt, nominee_kind="individual", day=date(2026, 3, 1)).amount == 710_000
    )  # 702.000


def test_a_decision_is_paid_by_the_figures_of_its_own_date_and_keeps_them(world, figures, monkeypatch):
    a = at_signature(world, nominee_name="Cá nhân A")
    b = at_signature(world, nominee_name="Trường B", nominee_kind="collective")
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 6, 30))
    draft = decision_create_draft(actor=world.leader, nomination_ids=[a.pk, b.pk])
    assert sorted(draft.lines.values_list("amount", flat=True)) == [3_510_000, 7_020_000]
    # Signed the next day: the new base salary is in force on the decision date.
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 7, 1))
    signed = sign_decision(user=world.leader, decision_id=draft.pk)
    assert signed.decision_date == date(2026, 7, 1)
    assert sorted(signed.lines.values_list("amount", flat=True)) == [3_800_000, 7_590_000]
    assert signed.total_amount == 11_390_000
    assert set(signed.lines.values_list("base_salary", flat=True)) == {2_530_000}
    # Later figures never touch it: a re-print shows the amounts it was signed with.
    BaseSalary.objects.create(amount=3_000_000, effective_from=date(2027, 1, 1))
    RewardCoefficient.objects.create(
        award_type=figures,
        individual=Decimal("2.0"),
        collective=Decimal("4.0"),
        effective_from=date(2027, 1, 1),
    )
    assert sorted(DecisionLine.objects.filter(decision=signed).values_list("amount", flat=True)) == [
        3_800_000,
        7_590_000,
    ]


def test_the_date_line_pads_days_below_ten_and_only_january_and_february():
    from nominations.publishing.decision_pdf import _date_line

    assert "ngày 05 tháng 7 năm 2025" in _date_line(date(2025, 7, 5))
    assert "ngày 25 tháng 02 năm 2026" in _date_line(date(2026, 2, 25))
    assert "ngày 01 tháng 12 năm 2026" in _date_line(date(2026, 12, 1))


def test_a_dissolved_units_clerk_cannot_open_a_dossier_and_is_told_the_successor(world):
    from nominations.exceptions import InvalidState
    from nominations.services import nomination_create
    from tests.factories import UnitFactory

    successor = UnitFactory(code="XA_MOI", name="Xã Hồng Việt", kind="commune")
    world.so_gd.valid_to = date(2025, 6, 30)
    world.so_gd.successor = successor
    world.so_gd.save()
    with pytest.raises(InvalidState) as err:
        nomination_create(
            actor=world.clerk,
            award_type=world.award,
            route="annual",
            year=2026,
            nominee_kind="collective",
            nominee_name="Trường THCS A",
            achievements="x",
        )
    assert "không còn hoạt động từ ngày 30/06/2025" in str(err.value.message)
    assert "Xã Hồng Việt" in str(err.value.message)


def test_written_ballots_of_absent_members_count(world, draft):
    """23 members, 18 present; 3 absent vote in writing: 21 of 23 for is 91 % ≥ 90 % of all members."""
    from workflows import actions

    world.award.vote_threshold_percent = 90
    world.award.vote_base = "members_total"
    world.award.vote_threshold_strict = False
    world.award.save()
    for user, action in [
        (world.clerk, "submit"),
        (world.reviewer, "approve_cluster"),
        (world.appraiser, "pass_appraisal"),
    ]:
        actions.perform(user=user, nomination_id=draft.pk, action=action)
    n = actions.perform(
        user=world.secretary,
        nomination_id=draft.pk,
        action="record_vote",
        votes_for=21,
        votes_against=0,
        members_present=18,
        members_total=23,
    )
    assert n.status == "awaiting_signature"


@pytest.mark.parametrize(
    ("day", "issuer", "place", "bases", "not_bases"),
    [
        (
            date(2026, 3, 10),
            "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN",
            "Hưng Yên, ngày 10 tháng 3 năm 2026",
            [
                "số 72/2025/QH15 ngày 16 tháng 6 năm 2025",
                "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025",
                "quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn "
                "thi hành một số điều của Luật Thi đua, khen thưởng",
                "Theo đề nghị của Giám đốc Sở Nội vụ.",
            ],
            ["98/2023"],
        ),
        (
            date(2025, 6, 10),
            "ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH",
            "Thái Bình, ngày 10 tháng 6 năm 2025",
            ["Nghị định số 98/2023/NĐ-CP", "Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh."],
            ["152/2025", "72/2025/QH15"],
        ),
    ],
)
def test_the_issuer_and_the_legal_bases_follow_the_decision_date(
    world, figures, monkeypatch, tmp_path, day, issuer, place, bases, not_bases
):

    from tests.factories import UnitFactory

    UnitFactory(
        code="UBND_TB",
        name="Ủy ban nhân dân tỉnh Thái Bình",
        kind="province",
        place_name="Thái Bình",
        valid_to=date(2025, 6, 30),
    )
    UnitFactory(
        code="UBND_HY",
        name="Ủy ban nhân dân tỉnh Hưng Yên",
        kind="province",
        place_name="Hưng Yên",
        valid_from=date(2025, 7, 1),
    )
    n = at_signature(world, nominee_name="Người được khen")
    monkeypatch.setattr(timezone, "localdate", lambda *args: day)
    signed = sign_decision(
        user=world.leader, decision_id=decision_create_draft(actor=world.leader, nomination_ids=[n.pk]).pk
    )
    assert signed.issuer_name == issuer
    text = " ".join(signed.legal_bases)
    for expected in bases:
        assert expected in text, expected
    for absent in not_bases:
        assert absent not in text, absent
    printed = pdf_text(signed.pdf.read())
    assert place in printed and issuer.split(" TỈNH ")[1] in printed
    # Article 2 cites the basis of the coefficients in force that day (dated data, not a constant).
    reward_basis = "152/2025/NĐ-CP, Điều 49" if day >= date(2025, 7, 1) else "98/2023/NĐ-CP, Điều 71"
    assert f"Tiền thưởng thực hiện theo quy định tại Nghị định số {reward_basis}" in printed
