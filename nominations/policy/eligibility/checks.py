"""The checks: kind -> function(nomination, params, history) -> (passed, evidence, message).

A rule row names its check by ``kind``; the law's figures come in ``params``.
"""

from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from ...models import AssessmentGrade, AwardRecord, Nomination
from .history import LEVEL_LABEL, LEVEL_RANK, record_label, title_name

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
    evidence = [record_label(r) for r in sorted(held.values(), key=lambda r: r.year)]
    if len(run) >= needed:
        return True, evidence, ""
    name = title_name(title)
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
    evidence = [record_label(r) for r in sorted(held.values(), key=lambda r: r.year)]
    if len(held) >= needed:
        return True, evidence, ""
    return (
        False,
        evidence,
        _("Có %(k)s năm đạt %(t)s trong %(w)s năm gần đây, cần %(n)s năm.")
        % {"k": len(held), "t": title_name(title), "w": window, "n": needed},
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
    evidence = [record_label(history.merit_years(title)[y]) for y in years]
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
            "t": title_name(title),
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
