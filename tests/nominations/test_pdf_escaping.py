"""Every datum in every PDF is text, never reportlab markup (a hostile name cannot break or inject)."""

from datetime import date
from decimal import Decimal

import pytest

from nominations.models import AwardType, Decision, DecisionLine, Nomination, Unit, User
from nominations.publishing.decision_pdf import render_certificate, render_decision, render_proposal
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db
HOSTILE = [
    "Nguyễn Văn <b>A",
    '<a href="https://example.org/x">bấm vào đây</a>',
    '<font size="40" color="red">Chữ to</font>',
    '<img src="/etc/passwd" width="10" height="10"/>',
    "Trần & Lê <br/> </para>",
]


@pytest.mark.parametrize("kind", ["decision", "proposal", "unit_decision"])
def test_hostile_names_in_every_field_render_as_text(kind, tmp_path):
    unit = Unit.objects.create(code="HOSTILE", name=HOSTILE[2], kind="department", register_code="X<b>")
    signer = User.objects.create(username="ky", full_name=HOSTILE[3], position="Giám đốc <i>Sở</i>")
    award = AwardType.objects.create(code="AW", name=HOSTILE[4], level="province", reward_coefficient=1)
    decision = Decision.objects.create(
        kind="proposal" if kind == "proposal" else "decision",
        unit=unit if kind == "unit_decision" else None,
        issuer_name="ỦY BAN <b>NHÂN DÂN</b> TỈNH X",
        issuer_symbol="QĐ-<u>X",
        year=2026,
        number="7/QĐ-<u>X",
        title=f"Về việc khen thưởng {HOSTILE[1]}",
        legal_bases=[f"Căn cứ {HOSTILE[0]};"],
        signer=signer,
        signer_title="Giám đốc <i>Sở</i>",
        decision_date=date(2026, 11, 25),
        created_by=signer,
    )
    lines = []
    for i, name in enumerate(HOSTILE, start=1):
        lines.append(
            DecisionLine(
                decision=decision,
                nomination=Nomination(nominee_name=name, nominee_kind="individual"),
                position=i,
                nominee_name=name,
                unit_name=HOSTILE[(i + 1) % len(HOSTILE)],
                award_type=award,
                coefficient=Decimal(1),
                base_salary=2_340_000,
                amount=2_340_000,
            )
        )
    render = render_proposal if kind == "proposal" else render_decision
    pdf = render(decision, lines, day=decision.decision_date)
    certificate = render_certificate(lines[0], decision)
    assert pdf.startswith(b"%PDF") and certificate.startswith(b"%PDF")
    text = pdf_text(pdf)
    for literal in ("Nguyễn Văn <b>A", "bấm vào đây</a>", "Chữ to</font>", "<img src=", "Trần & Lê"):
        assert literal in text, literal
    assert "Nguyễn Văn <b>A" in pdf_text(certificate)
