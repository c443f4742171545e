"""Reward amounts (Decree 152/2025 Art. 49): the coefficient in force on the decision date × the base
salary in force on that date; a collective by its own coefficient, a household a multiple of the
individual amount; rounded up to the next step (10.000 đ). Every figure is dated catalog data."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from ..models import BaseSalary, NomineeKind, RewardCoefficient

# Only for an award whose catalog entry has no dated coefficient rows yet (older data): its
# single ``reward_coefficient``, the household multiple of the law, amounts to the đồng.
LEGACY_HOUSEHOLD_MULTIPLIER = Decimal("1.5")


@dataclass(frozen=True)
class Reward:
    coefficient: Decimal
    multiplier: Decimal
    base_salary: int
    amount: int


def base_salary_on(day: date) -> int:
    """The base salary (lương cơ sở) in force on ``day``; 0 when none is recorded."""
    row = BaseSalary.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    return row.amount if row else 0


def coefficient_row(award_type, day: date) -> RewardCoefficient | None:
    rows = [
        r
        for r in award_type.coefficients.all()
        if r.effective_from <= day and (r.effective_to is None or day <= r.effective_to)
    ]
    return max(rows, key=lambda r: r.effective_from) if rows else None


def reward_bases(award_types, day: date) -> list[str]:
    """The legal bases of the coefficients in force on ``day`` for these award types (dated data),
    for the decision's article on the rewards; empty when the catalog records none."""
    bases = []
    for award_type in award_types:
        row = coefficient_row(award_type, day)
        if row is not None and row.legal_basis and row.legal_basis not in bases:
            bases.append(row.legal_basis)
    return bases


def reward_for(*, award_type, nominee_kind: str, day: date, base_salary: int | None = None) -> Reward:
    """The reward of one nominee of ``award_type`` decided on ``day``."""
    base = base_salary_on(day) if base_salary is None else base_salary
    row = coefficient_row(award_type, day)
    if row is None:
        coefficient = Decimal(award_type.reward_coefficient)
        multiplier = LEGACY_HOUSEHOLD_MULTIPLIER if nominee_kind == NomineeKind.HOUSEHOLD else Decimal(1)
        raw = coefficient * multiplier * Decimal(base)
        return Reward(coefficient, multiplier, base, int(raw.quantize(Decimal(1), rounding=ROUND_HALF_UP)))
    if nominee_kind == NomineeKind.COLLECTIVE:
        coefficient, multiplier = row.collective, Decimal(1)
    else:
        coefficient = row.individual
        multiplier = row.household_multiplier if nominee_kind == NomineeKind.HOUSEHOLD else Decimal(1)
    if coefficient is None:
        return Reward(Decimal(0), multiplier, base, 0)
    raw = Decimal(coefficient) * multiplier * Decimal(base)
    step = Decimal(row.rounding_step or 1)
    amount = int((raw / step).to_integral_value(rounding=ROUND_CEILING) * step)
    return Reward(Decimal(coefficient), multiplier, base, amount)


def reward_lines(nominations, *, day: date, amounts: bool = True) -> list[dict]:
    """One line per nomination with its coefficient, multiplier, base salary and amount on ``day``.

    Read by the decision draft, its preview and its signature, so they can never differ.
    ``amounts=False`` (a proposal to the central level): no charge on the province's fund.
    """
    lines = []
    for n in nominations:
        if amounts:
            reward = reward_for(award_type=n.award_type, nominee_kind=n.nominee_kind, day=day)
        else:
            reward = Reward(Decimal(0), Decimal(1), 0, 0)
        lines.append(
            {
                "nomination": n,
                "coefficient": reward.coefficient,
                "multiplier": reward.multiplier,
                "base_salary": reward.base_salary,
                "amount": reward.amount,
            }
        )
    return lines
