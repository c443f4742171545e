"""What the reviews of a dossier concluded, read the same way by every screen and the API: the
appraiser's checklist, the rule results they saw, their justification, who and when; and the
Council's vote with the threshold rule that applied.

The dossier page, the Council session screen, the signature queues and the signing confirmation
all show these, so the people after the appraiser see what the appraiser saw and wrote."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import Appraisal, CouncilVote, Nomination
from .policy.documents import APPRAISAL_CHECKLIST

# For a page of dossiers: their appraisals with the appraiser, in one query.
APPRAISALS = Prefetch("appraisals", queryset=Appraisal.objects.select_related("appraiser"))


@dataclass
class AppraisalRecord:
    appraiser: str
    appraiser_id: int
    at: object
    checklist: list[dict]  # [{"key", "label", "passed"}]
    rules: list[dict]  # [{"name", "passed", "message"}] as the appraiser saw them
    justification: str
    failed: list[str] = field(default_factory=list)  # labels of what did not pass

    @property
    def check_failed(self) -> bool:
        return bool(self.failed)

    def as_dict(self) -> dict:
        return {
            "appraiser": self.appraiser,
            "appraiser_id": self.appraiser_id,
            "at": self.at,
            "checklist": self.checklist,
            "rules": self.rules,
            "justification": self.justification,
            "failed": self.failed,
            "check_failed": self.check_failed,
        }


def appraisal_record(appraisal: Appraisal | None) -> AppraisalRecord | None:
    if appraisal is None:
        return None
    data = dict(appraisal.checklist or {})
    rules = [
        {"name": r.get("name", ""), "passed": bool(r.get("passed")), "message": r.get("message", "")}
        for r in data.pop("rules", []) or []
    ]
    labels = dict(APPRAISAL_CHECKLIST)
    checklist = [
        {"key": key, "label": str(labels.get(key, key)), "passed": bool(data.get(key))}
        for key in [*labels, *[k for k in data if k not in labels]]
        if key in data
    ]
    failed = [c["label"] for c in checklist if not c["passed"]] + [
        r["name"] for r in rules if not r["passed"]
    ]
    return AppraisalRecord(
        appraiser=appraisal.appraiser.get_full_name() if appraisal.appraiser_id else "",
        appraiser_id=appraisal.appraiser_id,
        at=appraisal.created_at,
        checklist=checklist,
        rules=rules,
        justification=appraisal.justification,
        failed=failed,
    )


def latest_appraisal(nomination) -> AppraisalRecord | None:
    """The last appraisal of the dossier (from a prefetch of ``appraisals`` when there is one)."""
    cache = getattr(nomination, "_prefetched_objects_cache", {})
    if "appraisals" in cache:
        items = sorted(cache["appraisals"], key=lambda a: (a.created_at, a.pk))
        return appraisal_record(items[-1] if items else None)
    return appraisal_record(
        nomination.appraisals.select_related("appraiser").order_by("-created_at", "-id").first()
    )


@dataclass
class VoteRecord:
    votes_for: int
    votes_against: int
    members_present: int
    members_total: int
    percent: object
    base: str
    strict: bool | None
    passed: bool
    at: object

    @property
    def share(self):
        base = self.members_total if self.base == "members_total" else self.members_present
        return round(self.votes_for * 100 / base, 1) if base else 0

    @property
    def rule(self) -> str:
        """The threshold rule in words: "trên 50% số thành viên có mặt", "từ 90% tổng số thành viên"."""
        return rule_text(self.percent, self.base, self.strict)

    @property
    def text(self) -> str:
        """The same sentence on the dossier, the meeting screen and the queue."""
        return _(
            "%(f)s đồng ý, %(a)s không đồng ý; %(present)s/%(total)s thành viên có mặt; "
            "ngưỡng: %(rule)s (đạt %(share)s%%) · %(result)s"
        ) % {
            "f": self.votes_for,
            "a": self.votes_against,
            "present": self.members_present,
            "total": self.members_total,
            "rule": self.rule,
            "share": f"{self.share:g}",
            "result": _("Đạt") if self.passed else _("Không đạt"),
        }

    def as_dict(self) -> dict:
        return {
            "votes_for": self.votes_for,
            "votes_against": self.votes_against,
            "members_present": self.members_present,
            "members_total": self.members_total,
            "threshold_percent": self.percent,
            "threshold_base": self.base,
            "threshold_strict": self.strict,
            "rule": self.rule,
            "passed": self.passed,
            "text": self.text,
            "at": self.at,
        }


def rule_text(percent, base: str, strict: bool | None) -> str:
    """A threshold rule in the words every screen uses (the meeting before the vote, the dossier
    and the queues after it)."""
    shown = f"{Decimal(str(percent)).normalize():f}" if percent is not None else "?"
    if base == "members_total":
        counted = _("tổng số thành viên")
    elif base == "members_present":
        counted = _("số thành viên có mặt")
    else:
        counted = _("(cách tính không được ghi lại)")
    if strict is None:
        return _("%(p)s%% %(base)s") % {"p": shown, "base": counted}
    return (_("trên %(p)s%% %(base)s") if strict else _("từ %(p)s%% %(base)s trở lên")) % {
        "p": shown,
        "base": counted,
    }


def vote_record(vote: CouncilVote | None) -> VoteRecord | None:
    if vote is None:
        return None
    return VoteRecord(
        votes_for=vote.votes_for,
        votes_against=vote.votes_against,
        members_present=vote.members_present,
        members_total=vote.members_total,
        percent=vote.threshold_percent,
        base=vote.threshold_base,
        strict=vote.threshold_strict,
        passed=vote.passed,
        at=vote.recorded_at,
    )


def latest_vote(nomination) -> VoteRecord | None:
    cache = getattr(nomination, "_prefetched_objects_cache", {})
    if "votes" in cache:
        items = sorted(cache["votes"], key=lambda v: (v.recorded_at, v.pk))
        return vote_record(items[-1] if items else None)
    return vote_record(nomination.votes.order_by("-recorded_at", "-id").first())


def failed_checks(nomination_ids) -> dict[int, AppraisalRecord]:
    """Of these dossiers, those whose last appraisal had a failed automatic check (a rule or a
    checklist item), with what the appraiser wrote: one query."""
    latest: dict[int, Appraisal] = {}
    for appraisal in (
        Appraisal.objects.filter(nomination_id__in=list(nomination_ids))
        .select_related("appraiser")
        .order_by("nomination_id", "created_at", "id")
    ):
        latest[appraisal.nomination_id] = appraisal
    records = {pk: appraisal_record(a) for pk, a in latest.items()}
    return {pk: r for pk, r in records.items() if r.check_failed}


def edit_changes(event) -> list[dict]:
    """An edit's audit row as a reader wants it: each changed field by its label, old → new."""
    labels = {f.name: str(f.verbose_name) for f in Nomination._meta.fields}
    return [
        {"field": name, "label": labels.get(name, name), "old": pair[0], "new": pair[1]}
        for name, pair in ((event.data or {}).get("changed") or {}).items()
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]
