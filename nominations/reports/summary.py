"""Statistics for any period and scope: nominations, awards and reward amounts by one dimension.

Two GROUP BY queries (nominations submitted; awards decided) merged on the key, plus the same
for the period a year earlier. The amount is the one fixed on the signed decision's line.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..exceptions import InvalidInput
from ..models import AwardeeClass, Decision, Nomination, NomineeKind, Route
from . import facts
from .period import Period


@dataclass(frozen=True)
class Dimension:
    key: str  # the nomination's column
    label: str | None  # a column holding the label, or None when the key is a choice
    choices: tuple = ()
    title: str = ""


DIMENSIONS = {
    "award_type": Dimension("award_type_id", "award_type__name", title=gettext_lazy("Hình thức khen thưởng")),
    "unit": Dimension("unit_id", "unit__name", title=gettext_lazy("Đơn vị")),
    "cluster": Dimension("cluster_id", "cluster__name", title=gettext_lazy("Cụm, khối thi đua")),
    "movement": Dimension("movement_id", "movement__name", title=gettext_lazy("Phong trào thi đua")),
    "route": Dimension("route", None, tuple(Route.choices), gettext_lazy("Loại hình khen thưởng")),
    "nominee_kind": Dimension("nominee_kind", None, tuple(NomineeKind.choices), gettext_lazy("Đối tượng")),
    "awardee_class": Dimension(
        "awardee_class", None, tuple(AwardeeClass.choices), gettext_lazy("Đối tượng cá nhân")
    ),
}


def parse_group_by(raw) -> str:
    value = (raw or "award_type").strip()
    if value not in DIMENSIONS:
        message = _("Không nhóm được theo “%(value)s”; chọn một trong: %(allowed)s.") % {
            "value": value,
            "allowed": ", ".join(DIMENSIONS),
        }
        raise InvalidInput(message, fields={"group_by": message})
    return value


def _label(dimension: Dimension, key, label) -> str:
    if dimension.label is None:
        if not key:
            return _("Chưa phân loại")
        return str(dict(dimension.choices).get(key, key))
    return label or _("Không có")


def _figures(period: Period, user, group_by: str) -> dict:
    dimension = DIMENSIONS[group_by]
    names = [dimension.key] + ([dimension.label] if dimension.label else [])
    submitted = facts.nominations_in(period, user).values(*names).annotate(n=Count("id")).order_by()
    awarded = (
        facts.award_lines(period, user)
        .values(*(f"nomination__{name}" for name in names))
        .annotate(
            n=Count("id"),
            amount=Sum("amount", filter=Q(decision__kind=Decision.Kind.DECISION)),
            individuals=Count("id", filter=Q(nomination__nominee_kind=NomineeKind.INDIVIDUAL)),
            women=Count(
                "id",
                filter=Q(
                    nomination__nominee_kind=NomineeKind.INDIVIDUAL,
                    nomination__nominee_gender=Nomination.Gender.FEMALE,
                ),
            ),
            direct=Count("id", filter=Q(nomination__awardee_class=AwardeeClass.DIRECT_WORKER)),
        )
        .order_by()
    )
    rows: dict = {}

    def row(key, label):
        return rows.setdefault(
            key,
            {
                "key": key,
                "label": _label(dimension, key, label),
                "nominations": 0,
                "awarded": 0,
                "amount": 0,
                "_individuals": 0,
                "_women": 0,
                "_direct": 0,
            },
        )

    for g in submitted:
        row(g[dimension.key], g.get(dimension.label))["nominations"] += g["n"]
    for g in awarded:
        r = row(g[f"nomination__{dimension.key}"], g.get(f"nomination__{dimension.label}"))
        r["awarded"] += g["n"]
        r["amount"] += g["amount"] or 0
        r["_individuals"] += g["individuals"]
        r["_women"] += g["women"]
        r["_direct"] += g["direct"]
    ordered = sorted(rows.values(), key=lambda r: (-r["awarded"], -r["nominations"], str(r["label"])))
    totals = {k: sum(r[k] for r in ordered) for k in ("nominations", "awarded", "amount")}
    individuals = sum(r["_individuals"] for r in ordered)
    totals["women_share"] = round(sum(r["_women"] for r in ordered) / individuals, 4) if individuals else None
    totals["direct_worker_share"] = (
        round(sum(r["_direct"] for r in ordered) / individuals, 4) if individuals else None
    )
    for r in ordered:
        for k in ("_individuals", "_women", "_direct"):
            del r[k]
    return {"period": period.as_dict(), "rows": ordered, "totals": totals}


def summary(period: Period, user, group_by: str = "award_type") -> dict:
    """The period's figures by ``group_by``, with the same period a year earlier beside them."""
    current = _figures(period, user, group_by)
    previous = _figures(period.previous_year(), user, group_by)
    return {
        **current,
        "group_by": group_by,
        "group_title": str(DIMENSIONS[group_by].title),
        "previous": previous,
    }
