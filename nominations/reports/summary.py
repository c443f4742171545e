"""Statistics for any period and scope: nominations, awards and reward amounts by one dimension.

Two GROUP BY queries (nominations submitted; awards decided) merged on the key, plus the same
for the period a year earlier, and the imported award history (``AwardRecord`` with no decision
made here) of each period: a year before the system was used still has its awards. The amount is
the one fixed on the signed decision's line (the history has none); the shares of women and of
direct workers are of the awards whose person is known (the history records neither).
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
    # The same on the award history (AwardRecord): None when the history does not record it.
    record_key: str | None = None
    record_label: str | None = None


DIMENSIONS = {
    "award_type": Dimension(
        "award_type_id",
        "award_type__name",
        title=gettext_lazy("Hình thức khen thưởng"),
        record_key="award_type_id",
        record_label="award_type__name",
    ),
    "unit": Dimension(
        "unit_id", "unit__name", title=gettext_lazy("Đơn vị"), record_key="unit_id", record_label="unit__name"
    ),
    "cluster": Dimension("cluster_id", "cluster__name", title=gettext_lazy("Cụm, khối thi đua")),
    "movement": Dimension("movement_id", "movement__name", title=gettext_lazy("Phong trào thi đua")),
    "route": Dimension(
        "route", None, tuple(Route.choices), gettext_lazy("Loại hình khen thưởng"), record_key="route"
    ),
    "nominee_kind": Dimension(
        "nominee_kind", None, tuple(NomineeKind.choices), gettext_lazy("Đối tượng"), record_key="nominee_kind"
    ),
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


def _figures(period: Period, user, group_by: str) -> tuple[dict, dict]:
    """This period's figures and the year-before's, from one scan of each table."""
    dimension = DIMENSIONS[group_by]
    names = [dimension.key] + ([dimension.label] if dimension.label else [])
    periods = {"now": period, "before": period.previous_year()}
    submitted = (
        facts.nominations_any(list(periods.values()), user)
        .values(*names)
        .annotate(**{f"n_{k}": Count("id", filter=facts.submitted_in(p)) for k, p in periods.items()})
        .order_by()
    )
    individual = Q(nomination__nominee_kind=NomineeKind.INDIVIDUAL)
    measures = {}
    for k, p in periods.items():
        inside = Q(awarded_on__range=(p.start, p.end))
        measures |= {
            f"n_{k}": Count("id", filter=inside),
            f"amount_{k}": Sum("amount", filter=inside & Q(decision__kind=Decision.Kind.DECISION)),
            f"individuals_{k}": Count("id", filter=inside & individual),
            f"women_{k}": Count(
                "id", filter=inside & individual & Q(nomination__nominee_gender=Nomination.Gender.FEMALE)
            ),
            f"direct_{k}": Count(
                "id", filter=inside & Q(nomination__awardee_class=AwardeeClass.DIRECT_WORKER)
            ),
        }
    awarded = (
        facts.award_lines_any(list(periods.values()), user)
        .values(*(f"nomination__{name}" for name in names))
        .annotate(**measures)
        .order_by()
    )
    tables = {k: {} for k in periods}
    history = {}
    for k, p in periods.items():
        names_r = [n for n in (dimension.record_key, dimension.record_label) if n]
        records = facts.history_records(p, user)
        if names_r:
            history[k] = list(records.values(*names_r).annotate(n=Count("id")).order_by())
        else:
            history[k] = [{"n": records.count()}]

    def row(k, key, label):
        return tables[k].setdefault(
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
        for k in periods:
            if g[f"n_{k}"]:
                row(k, g[dimension.key], g.get(dimension.label))["nominations"] += g[f"n_{k}"]
    for g in awarded:
        for k in periods:
            if not g[f"n_{k}"]:
                continue
            r = row(k, g[f"nomination__{dimension.key}"], g.get(f"nomination__{dimension.label}"))
            r["awarded"] += g[f"n_{k}"]
            r["amount"] += g[f"amount_{k}"] or 0
            r["_individuals"] += g[f"individuals_{k}"]
            r["_women"] += g[f"women_{k}"]
            r["_direct"] += g[f"direct_{k}"]
    for k in periods:
        for g in history[k]:
            if not g["n"]:
                continue
            key = g.get(dimension.record_key) if dimension.record_key else None
            label = g.get(dimension.record_label) if dimension.record_label else None
            row(k, key, label)["awarded"] += g["n"]
    return tuple(_finish(tables[k], p) for k, p in periods.items())


def _finish(rows: dict, period: Period) -> dict:
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
    current, previous = _figures(period, user, group_by)
    return {
        **current,
        "group_by": group_by,
        "group_title": str(DIMENSIONS[group_by].title),
        "previous": previous,
    }
