"""Reward amounts: coefficient × base salary in force on the date (household ×1.5)."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..models import BaseSalary, NomineeKind

HOUSEHOLD_MULTIPLIER = Decimal("1.5")


def base_salary_on(day: date) -> int:
    """The base salary (lương cơ sở) in force on ``day``; 0 when none is recorded."""
    row = BaseSalary.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    return row.amount if row else 0


def reward_amount(*, coefficient, nominee_kind: str, base_salary: int) -> int:
    """Whole đồng, rounded half up (Decree 152/2025: coefficient × base salary)."""
    amount = Decimal(coefficient) * Decimal(base_salary)
    if nominee_kind == NomineeKind.HOUSEHOLD:
        amount *= HOUSEHOLD_MULTIPLIER
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def reward_lines(nominations, *, base_salary: int) -> list[dict]:
    """One line per nomination with its coefficient, household multiplier and amount.

    Read by the decision draft and by its preview, so the two can never differ.
    """
    lines = []
    for n in nominations:
        coefficient = n.award_type.reward_coefficient
        lines.append(
            {
                "nomination": n,
                "coefficient": coefficient,
                "multiplier": HOUSEHOLD_MULTIPLIER if n.nominee_kind == NomineeKind.HOUSEHOLD else Decimal(1),
                "amount": reward_amount(
                    coefficient=coefficient, nominee_kind=n.nominee_kind, base_salary=base_salary
                ),
            }
        )
    return lines
