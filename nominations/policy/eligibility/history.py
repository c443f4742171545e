"""What a nominee has received and owns (the history the checks read), and a check's result."""

from dataclasses import dataclass, field

from django.db.models import Q

from ...models import (
    AssessmentGrade,
    AwardRecord,
    AwardType,
    Initiative,
    Nomination,
    NomineeKind,
    Route,
    ServiceRecord,
)
from ...text import normalize_search

LEVEL_RANK = {"grassroots": 1, "province": 2, "national": 3}
LEVEL_LABEL = {"grassroots": "cấp cơ sở", "province": "cấp tỉnh", "national": "toàn quốc"}
NON_MERIT_ROUTES = (Route.THEMATIC, Route.AD_HOC)


@dataclass
class RuleResult:
    code: str
    name: str
    passed: bool
    evidence: list[str] = field(default_factory=list)
    message: str = ""
    # Passed, with something the appraiser should see (e.g. not registered: not a refusal).
    warning: bool = False

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "passed": self.passed,
            "evidence": self.evidence,
            "message": self.message,
            "warning": self.warning,
        }


class History:
    """What the nominee has received and owns, matched by identity across units.

    Citizen id when the dossier has one; otherwise the accent-free name (and
    birth year for people). Matching by identity rather than unit is what lets
    history follow a person into a merged successor unit.
    """

    def __init__(self, nomination: Nomination):
        self.nomination = nomination
        self._records = None
        self._initiatives = None

    def _identity(self, prefix: str = "nominee_") -> Q:
        n = self.nomination
        if n.nominee_citizen_id:
            # The number AND the name: a number typed by chance that belongs to someone else in
            # the system must not credit that person's decisions to this dossier (the form warns;
            # an earlier name of the same person is declared as paper history and confirmed).
            return Q(**{f"{prefix}citizen_id": n.nominee_citizen_id}) & Q(
                **{f"{prefix}name_search": normalize_search(n.nominee_name)}
            )
        q = Q(**{f"{prefix}name_search": normalize_search(n.nominee_name)})
        if n.nominee_kind == NomineeKind.INDIVIDUAL and n.nominee_birth_year and prefix == "nominee_":
            q &= Q(nominee_birth_year=n.nominee_birth_year) | Q(nominee_birth_year__isnull=True)
        return q

    @property
    def records(self) -> list[AwardRecord]:
        if self._records is None:
            self._records = list(
                AwardRecord.objects.filter(self._identity(), revoked=False)
                .exclude(nomination_id=self.nomination.pk)
                .select_related("award_type")
                .order_by("year")
            )
        return self._records

    def merit_years(self, title: str) -> dict[int, AwardRecord]:
        """Years the nominee held ``title`` through merit (thematic and ad-hoc do not count)."""
        return {
            r.year: r for r in self.records if r.award_type.code == title and r.route not in NON_MERIT_ROUTES
        }

    @property
    def grades(self) -> dict[int, AssessmentGrade]:
        """The nominee's annual assessment grade by year."""
        if getattr(self, "_grades", None) is None:
            self._grades = {
                g.year: g for g in AssessmentGrade.objects.filter(self._identity()).order_by("year")
            }
        return self._grades

    @property
    def service_records(self) -> list[ServiceRecord]:
        if getattr(self, "_service", None) is None:
            self._service = list(ServiceRecord.objects.filter(self._identity()).order_by("started_on"))
        return self._service

    @property
    def initiatives(self) -> list[Initiative]:
        if self._initiatives is None:
            n = self.nomination
            q = Q(owner_name_search=normalize_search(n.nominee_name))
            if n.nominee_citizen_id:
                q &= Q(owner_citizen_id=n.nominee_citizen_id)
            self._initiatives = list(Initiative.objects.filter(q).order_by("-year"))
        return self._initiatives


def record_label(record: AwardRecord) -> str:
    label = f"{record.award_type.name} năm {record.year}"
    if record.decision_number:
        label += f" (QĐ {record.decision_number})"
    return label


def title_name(code: str) -> str:
    return AwardType.objects.filter(code=code).values_list("name", flat=True).first() or code
