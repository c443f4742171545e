"""Eligibility rules: catalog data with effective dates, checked against history.

A rule row (EligibilityRule) names a ``kind`` of check and its ``params``; the
law's figures (titles, years, initiative levels) live in the params, so a new
decree is a data change. The rules advise and people decide: a failed rule is
a warning to the unit and evidence for the appraiser, who may still pass the
dossier with a written justification.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    AssessmentGrade,
    AwardRecord,
    AwardType,
    EligibilityRule,
    Initiative,
    Nomination,
    NomineeKind,
    Route,
    ServiceRecord,
)
from ..text import normalize_search
from .reference import Reference

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

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "passed": self.passed,
            "evidence": self.evidence,
            "message": self.message,
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


def _record_label(record: AwardRecord) -> str:
    label = f"{record.award_type.name} năm {record.year}"
    if record.decision_number:
        label += f" (QĐ {record.decision_number})"
    return label


def _title_name(code: str) -> str:
    return AwardType.objects.filter(code=code).values_list("name", flat=True).first() or code


# --- checks: kind -> function(nomination, params, history) -> (passed, evidence, message) ---

CHECKS = {}


def check(kind):
    def register(fn):
        CHECKS[kind] = fn
        return fn

    return register


@check("consecutive_title")
def consecutive_title(nomination, params, history):
    """N consecutive years of a title, ending the year before the nomination (or that year)."""
    title, needed = params["title"], int(params.get("years", 1))
    held = history.merit_years(title)
    # The run ends with the nomination year when that year's title is already
    # recorded (grassroots titles are decided first), else the year before.
    last = (
        nomination.year
        if (params.get("include_current_year") or nomination.year in held)
        else nomination.year - 1
    )
    run, year = [], last
    while year in held:
        run.append(held[year])
        year -= 1
    evidence = [_record_label(r) for r in sorted(held.values(), key=lambda r: r.year)]
    if len(run) >= needed:
        return True, evidence, ""
    name = _title_name(title)
    if not held:
        return False, evidence, _("Chưa có danh hiệu %(t)s nào trong lịch sử khen thưởng.") % {"t": name}
    return (
        False,
        evidence,
        _("Chỉ có %(k)s năm liên tục đạt %(t)s (đến năm %(y)s), cần %(n)s năm.")
        % {"k": len(run), "t": name, "y": last, "n": needed},
    )


@check("title_years")
def title_years(nomination, params, history):
    """At least N years (not necessarily consecutive) of a title within a window."""
    title, needed = params["title"], int(params.get("years", 1))
    window = int(params.get("within_years", 5))
    held = {
        y: r
        for y, r in history.merit_years(title).items()
        if nomination.year - window <= y <= nomination.year
    }
    evidence = [_record_label(r) for r in sorted(held.values(), key=lambda r: r.year)]
    if len(held) >= needed:
        return True, evidence, ""
    return (
        False,
        evidence,
        _("Có %(k)s năm đạt %(t)s trong %(w)s năm gần đây, cần %(n)s năm.")
        % {"k": len(held), "t": _title_name(title), "w": window, "n": needed},
    )


@check("initiative")
def initiative(nomination, params, history):
    """Own at least N recognised initiatives of a minimum level, not yet the basis of another award."""
    level, needed = params.get("min_level", "grassroots"), int(params.get("count", 1))
    rank = LEVEL_RANK[level]
    usable, used = [], []
    for item in history.initiatives:
        if LEVEL_RANK.get(item.level, 0) < rank:
            continue
        taken = item.used_by_record_id or (item.used_by_id and item.used_by_id != nomination.pk)
        (used if taken else usable).append(item)
    evidence = [f"Sáng kiến “{i.title}” ({LEVEL_LABEL[i.level]}, {i.year})" for i in usable]
    evidence += [f"Sáng kiến “{i.title}” đã dùng để khen thưởng trước đây" for i in used]
    if len(usable) >= needed:
        return True, evidence, ""
    message = _("Cần %(n)s sáng kiến %(l)s chưa dùng để khen thưởng; hiện có %(k)s.") % {
        "n": needed,
        "l": LEVEL_LABEL[level],
        "k": len(usable),
    }
    if used:
        message += " " + _("Mỗi sáng kiến chỉ làm căn cứ cho một lần khen thưởng.")
    return False, evidence, message


def _grade_label(grade: str) -> str:
    return str(dict(AssessmentGrade.Grade.choices).get(grade, grade)).lower()


def _usable_initiatives(nomination, history, min_level: str, years=None) -> tuple[list, list]:
    rank = LEVEL_RANK[min_level]
    usable, used = [], []
    for item in history.initiatives:
        if LEVEL_RANK.get(item.level, 0) < rank or (years is not None and item.year not in years):
            continue
        taken = item.used_by_record_id or (item.used_by_id and item.used_by_id != nomination.pk)
        (used if taken else usable).append(item)
    return usable, used


@check("grade_in_year")
def grade_in_year(nomination, params, history):
    """The nomination year's assessment grade is at least ``min_grade``."""
    wanted = params["min_grade"]
    year = nomination.year - int(params.get("year_offset", 0))
    grade = history.grades.get(year)
    evidence = [f"Năm {year}: {_grade_label(grade.grade)}"] if grade else []
    if grade and grade.rank >= AssessmentGrade.RANK[wanted]:
        return True, evidence, ""
    if grade is None:
        return False, evidence, _("Chưa có kết quả xếp loại năm %(y)s.") % {"y": year}
    return (
        False,
        evidence,
        _("Năm %(y)s xếp loại %(g)s, cần %(w)s trở lên.")
        % {
            "y": year,
            "g": _grade_label(grade.grade),
            "w": _grade_label(wanted),
        },
    )


@check("grade_run")
def grade_run(nomination, params, history):
    """N consecutive years graded at least ``min_grade`` (ending the year before, or the nomination year
    when graded), with ``initiatives`` recognised initiatives or research works *in those years*."""
    wanted, needed = params["min_grade"], int(params.get("years", 2))
    count, level = int(params.get("initiatives", 0)), params.get("min_level", "grassroots")
    good = {y for y, g in history.grades.items() if g.rank >= AssessmentGrade.RANK[wanted]}
    last = nomination.year if nomination.year in good else nomination.year - 1
    run = []
    year = last
    while year in good and len(run) < needed:
        run.append(year)
        year -= 1
    evidence = [f"Năm {y}: {_grade_label(history.grades[y].grade)}" for y in sorted(history.grades)]
    if len(run) < needed:
        return (
            False,
            evidence,
            _("Chưa có %(n)s năm liên tục %(w)s (đến năm %(y)s).")
            % {
                "n": needed,
                "w": _grade_label(wanted),
                "y": last,
            },
        )
    usable, _used = _usable_initiatives(nomination, history, level, years=set(run))
    evidence += [f"Sáng kiến “{i.title}” ({LEVEL_LABEL[i.level]}, {i.year})" for i in usable]
    if len(usable) >= count:
        return True, evidence, ""
    return (
        False,
        evidence,
        _("Trong các năm %(years)s có %(k)s sáng kiến, đề tài chưa dùng để khen thưởng, cần %(n)s.")
        % {
            "years": ", ".join(str(y) for y in sorted(run)),
            "k": len(usable),
            "n": count,
        },
    )


@check("successive_conferrals")
def successive_conferrals(nomination, params, history):
    """The last ``count`` conferrals of a title follow each other (each within ``max_gap_years`` of the
    previous: the title is conferred once per cycle), the last one within a cycle of the nomination."""
    title, needed, gap = params["title"], int(params.get("count", 2)), int(params.get("max_gap_years", 3))
    years = sorted(history.merit_years(title))
    evidence = [_record_label(history.merit_years(title)[y]) for y in years]
    chain = [y for y in years if y <= nomination.year]
    run = chain[-1:] if chain and nomination.year - chain[-1] <= gap else []
    for y in reversed(chain[:-1]):
        if len(run) >= needed or run[0] - y > gap:
            break
        run.insert(0, y)
    if len(run) >= needed:
        return True, evidence, ""
    return (
        False,
        evidence,
        _("Cần %(n)s lần liên tục được tặng %(t)s (mỗi lần cách nhau không quá %(g)s năm); hiện có %(k)s.")
        % {
            "n": needed,
            "t": _title_name(title),
            "g": gap,
            "k": len(run),
        },
    )


@check("collective_members")
def collective_members(nomination, params, history):
    """A collective's own titles read its members' year: the share who completed their duties (and
    completed them well), who hold Lao động tiên tiến, how many Chiến sĩ thi đua cơ sở, and nobody
    disciplined at "cảnh cáo" or above. Figures from the rule, else from the award's ``rule_params``."""
    figures = {**(nomination.award_type.rule_params or {}), **params}
    year = nomination.year - int(figures.get("year_offset", 0))
    members = list(AssessmentGrade.objects.filter(unit_id=nomination.unit_id, year=year))
    if not members:
        return False, [], _("Chưa có kết quả đánh giá, xếp loại của các thành viên năm %(y)s.") % {"y": year}
    total = len(members)
    complete = sum(1 for m in members if m.rank >= AssessmentGrade.RANK[AssessmentGrade.Grade.DONE])
    good = sum(1 for m in members if m.rank >= AssessmentGrade.RANK[AssessmentGrade.Grade.GOOD])
    titles = dict(
        AwardRecord.objects.filter(unit_id=nomination.unit_id, year=year, revoked=False)
        .values_list("award_type__code")
        .annotate(n=Count("id"))
    )
    disciplined = [m.nominee_name for m in members if m.disciplined]
    evidence = [
        _(
            "Năm %(y)s: %(t)s thành viên; %(c)s hoàn thành nhiệm vụ, %(g)s hoàn thành tốt trở lên; "
            "%(l)s Lao động tiên tiến; %(s)s Chiến sĩ thi đua cơ sở."
        )
        % {
            "y": year,
            "t": total,
            "c": complete,
            "g": good,
            "l": titles.get("LDTT", 0),
            "s": titles.get("CSTD_CO_SO", 0),
        }
    ]
    problems = []
    shares = (
        ("members_complete_percent", complete, _("%(p)s%% hoàn thành nhiệm vụ, cần %(n)s%%.")),
        ("members_good_percent", good, _("%(p)s%% hoàn thành tốt trở lên, cần %(n)s%%.")),
        ("ldtt_percent", titles.get("LDTT", 0), _("%(p)s%% đạt Lao động tiên tiến, cần %(n)s%%.")),
    )
    for figure, count, message in shares:
        share = Decimal(count) * 100 / Decimal(total)
        if figure in figures and share < Decimal(str(figures[figure])):
            problems.append(message % {"p": round(share), "n": figures[figure]})
    if titles.get("CSTD_CO_SO", 0) < int(figures.get("min_cstd_co_so", 0)):
        problems.append(_("Cần ít nhất %(n)s Chiến sĩ thi đua cơ sở.") % {"n": figures["min_cstd_co_so"]})
    if figures.get("no_discipline_warning", True) and disciplined:
        problems.append(
            _("Có thành viên bị kỷ luật từ cảnh cáo trở lên: %(names)s.") % {"names": ", ".join(disciplined)}
        )
    return not problems, evidence, " ".join(problems)


@check("max_per_cluster")
def max_per_cluster(nomination, params, history):
    """At most N of this award per cluster/block and year (the award's ``rule_params``)."""
    limit = int(
        params.get(
            "max_per_cluster_per_year",
            (nomination.award_type.rule_params or {}).get("max_per_cluster_per_year", 0),
        )
    )
    if not limit or not nomination.cluster_id:
        return True, [], ""
    others = (
        Nomination.objects.filter(
            cluster_id=nomination.cluster_id, award_type_id=nomination.award_type_id, year=nomination.year
        )
        .exclude(pk=nomination.pk)
        .exclude(
            status__in=[Nomination.Status.DRAFT, Nomination.Status.WITHDRAWN, Nomination.Status.REJECTED]
        )
    )
    names = list(others.values_list("nominee_name", flat=True)[:5])
    if len(names) < limit:
        return True, names, ""
    return (
        False,
        names,
        _("Cụm/Khối đã có %(k)s hồ sơ %(t)s năm %(y)s; tối đa %(n)s.")
        % {
            "k": len(names),
            "t": nomination.award_type.name,
            "y": nomination.year,
            "n": limit,
        },
    )


@check("no_discipline")
def no_discipline(nomination, params, history):
    """No award while under discipline, inspection or an unresolved complaint."""
    flags = []
    if nomination.under_discipline:
        flags.append(_("đang bị kỷ luật"))
    if nomination.under_inspection:
        flags.append(_("đang bị thanh tra, kiểm tra"))
    if nomination.has_open_complaint:
        flags.append(_("có khiếu nại, tố cáo chưa giải quyết"))
    if flags:
        return False, [], _("Không xét khen thưởng khi %(f)s.") % {"f": ", ".join(flags)}
    return True, [], ""


@check("service_years")
def service_years(nomination, params, history):
    """Certified service (e.g. years in the youth volunteer force) of at least N years; the figure
    from the rule, else from the award's ``rule_params`` (``min_service_years``)."""
    kind = params.get("service", "tnxp")
    minimum = params.get("min_years", (nomination.award_type.rule_params or {}).get("min_service_years", 0))
    periods = [r for r in history.service_records if r.kind == kind]
    evidence = [
        _("%(force)s từ %(a)s đến %(b)s (%(ref)s)")
        % {
            "force": r.force or r.get_kind_display(),
            "a": r.started_on.strftime("%d/%m/%Y"),
            "b": r.ended_on.strftime("%d/%m/%Y"),
            "ref": r.evidence or _("chưa ghi giấy xác nhận"),
        }
        for r in periods
    ]
    months = sum(r.months for r in periods)
    if months >= int(minimum) * 12:
        return True, evidence, ""
    if not periods:
        return False, [], _("Chưa có quá trình tham gia được xác nhận; cần từ %(n)s năm.") % {"n": minimum}
    return (
        False,
        evidence,
        _("Thời gian tham gia %(y)s năm %(m)s tháng, cần từ %(n)s năm.")
        % {"y": months // 12, "m": months % 12, "n": minimum},
    )


@check("posthumous")
def posthumous(nomination, params, history):
    """A posthumous award only where the award allows it (``rule_params.posthumous_allowed``)."""
    allowed = params.get(
        "allowed", (nomination.award_type.rule_params or {}).get("posthumous_allowed", False)
    )
    if nomination.posthumous and not allowed:
        return False, [], _("“%(t)s” không xét truy tặng.") % {"t": nomination.award_type.name}
    return True, [_("Truy tặng")] if nomination.posthumous else [], ""


@check("any_of")
def any_of(nomination, params, history):
    """One of several routes to the same title (e.g. Bằng khen: two ways)."""
    evidence, messages = [], []
    for option in params.get("options", []):
        passed, ev, msg = CHECKS[option["kind"]](nomination, option.get("params", {}), history)
        if passed:
            return True, ev, ""
        evidence += ev
        messages.append(msg)
    return False, sorted(set(evidence)), _("Chưa đạt điều kiện nào: ") + " / ".join(messages)


@check("all_of")
def all_of(nomination, params, history):
    evidence, messages = [], []
    for part in params.get("parts", []):
        passed, ev, msg = CHECKS[part["kind"]](nomination, part.get("params", {}), history)
        evidence += ev
        if not passed:
            messages.append(msg)
    return not messages, evidence, " ".join(messages)


# The active rules (a catalog of a few dozen rows), in the database's order, read once per process
# and minute; each appraisal picks its own in Python.
ACTIVE_RULES = Reference(
    lambda _key: list(EligibilityRule.objects.filter(active=True).order_by("award_type_id", "code"))
)


def rules_for(nomination: Nomination, on: date) -> list[EligibilityRule]:
    return [
        r
        for r in ACTIVE_RULES.get()
        if r.award_type_id in (nomination.award_type_id, None)
        and r.nominee_kind in ("", nomination.nominee_kind)
        and (r.effective_from is None or r.effective_from <= on)
        and (r.effective_to is None or r.effective_to >= on)
        and nomination.route in r.params.get("routes", [nomination.route])
    ]


def evaluate(nomination: Nomination, *, on_date: date | None = None) -> list[RuleResult]:
    """Every rule in force for this nomination, with its result and evidence."""
    on = on_date or (
        timezone.localdate(nomination.submitted_at) if nomination.submitted_at else timezone.localdate()
    )
    history = History(nomination)
    results = []
    for rule in rules_for(nomination, on):
        fn = CHECKS.get(rule.kind)
        if fn is None:
            results.append(
                RuleResult(
                    rule.code,
                    rule.name,
                    False,
                    [],
                    _("Loại kiểm tra “%(k)s” chưa được hỗ trợ.") % {"k": rule.kind},
                )
            )
            continue
        passed, evidence, message = fn(nomination, rule.params, history)
        results.append(RuleResult(rule.code, rule.name, passed, evidence, message))
    return results


# --- default rules: the catalog's criteria as data --------------------------

DECREE_98 = ("Nghị định 98/2023/NĐ-CP", date(2024, 1, 15), date(2025, 6, 30))
DECREE_152 = ("Nghị định 152/2025/NĐ-CP", date(2025, 7, 1), None)


def default_rules() -> list[dict]:
    """One set per decree: the figures are the same today, the dates and basis differ."""
    rows = []
    for basis, start, end in (DECREE_98, DECREE_152):
        common = {"legal_basis": basis, "effective_from": start, "effective_to": end}
        rows += [
            {
                "code": "KHONG_KY_LUAT",
                "name": "Không đang bị kỷ luật, thanh tra, khiếu nại",
                "award_type": None,
                "kind": "no_discipline",
                "params": {},
                **common,
            },
            {
                "code": "CSTD_TINH_3_NAM",
                "name": "3 năm liên tục Chiến sĩ thi đua cơ sở",
                "award_type": "CSTD_TINH",
                "kind": "consecutive_title",
                "params": {"title": "CSTD_CO_SO", "years": 3},
                **common,
            },
            {
                "code": "CSTD_TINH_SANG_KIEN",
                "name": "Sáng kiến có phạm vi ảnh hưởng cấp tỉnh",
                "award_type": "CSTD_TINH",
                "kind": "initiative",
                "params": {"min_level": "province", "count": 1},
                **common,
            },
            {
                "code": "CSTD_TQ_2_NAM",
                "name": "2 lần liên tục được tặng Chiến sĩ thi đua cấp tỉnh",
                "award_type": "CSTD_TOAN_QUOC",
                "kind": "successive_conferrals",
                "params": {"title": "CSTD_TINH", "count": 2, "max_gap_years": 3},
                **common,
            },
            {
                "code": "CSTD_TQ_SANG_KIEN",
                "name": "Sáng kiến có phạm vi ảnh hưởng toàn quốc",
                "award_type": "CSTD_TOAN_QUOC",
                "kind": "initiative",
                "params": {"min_level": "national", "count": 1},
                **common,
            },
            {
                "code": "BK_TINH_CA_NHAN",
                "name": "Bằng khen (cá nhân): 2 năm liên tục CSTĐ cơ sở, hoặc 2 năm liên tục hoàn thành xuất sắc "
                "nhiệm vụ và 2 sáng kiến trong thời gian đó",
                "award_type": "BANG_KHEN_TINH",
                "nominee_kind": "individual",
                "kind": "any_of",
                "params": {
                    "routes": ["annual"],
                    "options": [
                        {"kind": "consecutive_title", "params": {"title": "CSTD_CO_SO", "years": 2}},
                        {
                            "kind": "grade_run",
                            "params": {
                                "min_grade": "hoan_thanh_xuat_sac",
                                "years": 2,
                                "initiatives": 2,
                                "min_level": "grassroots",
                            },
                        },
                    ],
                },
                **common,
            },
            {
                "code": "BK_TINH_TAP_THE",
                "name": "Bằng khen (tập thể): 2 năm liên tục Tập thể lao động xuất sắc",
                "award_type": "BANG_KHEN_TINH",
                "nominee_kind": "collective",
                "kind": "consecutive_title",
                "params": {"routes": ["annual"], "title": "TAP_THE_LDXS", "years": 2},
                **common,
            },
            {
                "code": "LDTT_XEP_LOAI",
                "name": "Lao động tiên tiến: hoàn thành tốt nhiệm vụ trở lên năm xét",
                "award_type": "LDTT",
                "kind": "grade_in_year",
                "params": {"min_grade": "hoan_thanh_tot"},
                **common,
            },
            {
                "code": "CSTD_CS_TIEU_CHUAN",
                "name": "Chiến sĩ thi đua cơ sở: hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được công nhận",
                "award_type": "CSTD_CO_SO",
                "kind": "any_of",
                "params": {
                    "options": [
                        {"kind": "grade_in_year", "params": {"min_grade": "hoan_thanh_xuat_sac"}},
                        {"kind": "initiative", "params": {"min_level": "grassroots", "count": 1}},
                    ]
                },
                **common,
            },
            {
                "code": "TT_LDTT_THANH_VIEN",
                "name": "Tập thể lao động tiên tiến: từ 70% thành viên đạt Lao động tiên tiến, không ai bị kỷ luật từ cảnh cáo",
                "award_type": "TAP_THE_LDTT",
                "kind": "collective_members",
                "params": {"ldtt_percent": 70},
                **common,
            },
            {
                "code": "TT_LDXS_THANH_VIEN",
                "name": "Tập thể lao động xuất sắc: 100% hoàn thành nhiệm vụ, từ 70% Lao động tiên tiến, có Chiến sĩ thi đua cơ sở",
                "award_type": "TAP_THE_LDXS",
                "kind": "collective_members",
                "params": {"members_complete_percent": 100, "ldtt_percent": 70, "min_cstd_co_so": 1},
                **common,
            },
            {
                "code": "CO_THI_DUA_MOT_CUM",
                "name": "Cờ thi đua: tập thể dẫn đầu Cụm/Khối (tối đa theo danh mục mỗi Cụm/Khối mỗi năm)",
                "award_type": "CO_THI_DUA_TINH",
                "kind": "max_per_cluster",
                "params": {},
                **common,
            },
            {
                "code": "HC_TNXP_THOI_GIAN",
                "name": "Huy chương Thanh niên xung phong vẻ vang: thời gian tham gia được xác nhận",
                "award_type": "HC_TNXP",
                "nominee_kind": "individual",
                "kind": "service_years",
                "params": {"service": "tnxp"},
                **common,
            },
            {
                "code": "HC_TNXP_TRUY_TANG",
                "name": "Huy chương Thanh niên xung phong vẻ vang: truy tặng theo danh mục",
                "award_type": "HC_TNXP",
                "nominee_kind": "individual",
                "kind": "posthumous",
                "params": {},
                **common,
            },
            {
                "code": "TT_LDXS_LDTT",
                "name": "Tập thể lao động xuất sắc: đạt Tập thể lao động tiên tiến năm xét",
                "award_type": "TAP_THE_LDXS",
                "kind": "consecutive_title",
                "params": {"title": "TAP_THE_LDTT", "years": 1, "include_current_year": True},
                **common,
            },
        ]
    return rows


def ensure_default_rules() -> int:
    """Create or update the default rules (by code and effective date); returns rows changed."""
    changed = 0
    awards = {a.code: a for a in AwardType.objects.all()}
    for row in default_rules():
        row = dict(row)
        code = row.pop("award_type")
        if code is not None and code not in awards:
            continue  # the catalog has no such award in this installation
        values = {**row, "award_type": awards.get(code), "nominee_kind": row.get("nominee_kind", "")}
        key = {"code": values.pop("code"), "effective_from": values.pop("effective_from")}
        rule = EligibilityRule.objects.filter(**key).first()
        if rule is None:
            EligibilityRule.objects.create(**key, **values)
            changed += 1
        elif any(getattr(rule, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(rule, k, v)
            rule.save()
            changed += 1
    return changed
