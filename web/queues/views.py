"""Work queues: reviewers' inbox and queue, the unit's dossiers, the signature
queue of the Chairman's office, and the agency head's oversight board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nominations import selectors as nomination_selectors
from nominations.exceptions import ActionError
from nominations.models import Nomination, Role
from nominations.policy.stages import ACTION_BY_NAME, BULK_ACTIONS, STAGES
from nominations.review_record import APPRAISALS, latest_vote
from nominations.text import normalize_search
from workflows import actions, selectors
from workflows.calendar import WorkingCalendar
from workflows.progress import urgency, working_days_left

from .. import exports
from ..http import client_ip, require_role, safe_next
from . import charts

QUEUE_TITLES = {
    "inbox": gettext_lazy("Việc tôi đã nhận"),
    "queue": gettext_lazy("Hàng chờ của bộ phận"),
    "overdue": gettext_lazy("Quá hạn"),
}
QUEUES = {key: (title, selectors.TASK_QUEUES[key]) for key, title in QUEUE_TITLES.items()}


def _queue_filters(request) -> dict:
    """The queue's search, filters and order from the address (anything unknown is ignored)."""
    params = request.GET
    stages = {stage.key for stage in STAGES}
    return {
        "search": (params.get("tim") or "").strip()[:100],
        "award_type": (params.get("award_type") or "")[:40],
        "unit": _int(params.get("unit")) if (_int(params.get("unit")) or 0) > 0 else None,
        "stage": params.get("stage") if params.get("stage") in stages else "",
        "due": params.get("due") if params.get("due") in selectors.DUE_CHOICES else "",
        "sort": params.get("sort") if params.get("sort") in selectors.SORTS else "due",
    }


@login_required
def my_work(request):
    """Reviewers: what I hold, what my group may take, what is late; opens on the tab that has work.
    Searchable (name, unit, number), filtered (award, unit, stage, due) and sorted (due, received);
    where the stage allows it, many dossiers approved at once with one comment."""
    counts = selectors.task_counts(user=request.user)  # the three tabs from one aggregate
    which = request.GET.get("q")
    if which not in QUEUES:
        which = next((key for key in ("inbox", "queue") if counts[key]), "inbox")
    title, selector = QUEUES[which]
    filters = _queue_filters(request)
    narrowed = any(v for k, v in filters.items() if k != "sort")
    tasks = selectors.tasks_filtered(selector(user=request.user), **filters)
    if exports.wants_xlsx(request):
        return _tasks_xlsx(request, tasks, title)
    paginator = Paginator(tasks, 30)
    if not narrowed:
        paginator.count = counts[which]  # known from the one aggregate: no second COUNT
    page = paginator.get_page(request.GET.get("page"))
    calendar = WorkingCalendar()
    bulk_stages = {s for a in BULK_ACTIONS for s in ACTION_BY_NAME[a].stages}
    for task in page:
        deadline = getattr(task, "deadline", None)
        task.days_left = working_days_left(deadline.due_at, calendar=calendar) if deadline else None
        task.urgency = urgency(task.days_left)
        task.days_overdue = -task.days_left if task.days_left is not None and task.days_left < 0 else 0
        task.bulk = (
            deadline is not None
            and deadline.stage in bulk_stages
            and task.owner_id in (None, request.user.pk)
        )
    choices = nomination_selectors.nomination_filter_choices(user=request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "queues/my_work.html",
        {
            "page": page,
            "which": which,
            "title": title,
            "queues": QUEUES,
            "counts": counts,
            "now": timezone.now(),
            "filters": filters,
            "award_types": choices["award_types"],
            "units": choices["units"],
            "stages": [(s.key, s.label) for s in STAGES if s.key in selectors.stage_keys(request.user)],
            "dues": [("overdue", _("Quá hạn")), ("soon", _("Đến hạn trong 2 ngày làm việc"))],
            "sorts": [("due", _("Hạn xử lý gần nhất")), ("received", _("Mới nhận trước"))],
            "bulk_actions": [(a, ACTION_BY_NAME[a].label) for a in BULK_ACTIONS],
            "any_bulk": any(t.bulk for t in page),
            "query": query.urlencode(),
        },
    )


@login_required
@require_POST
def bulk_action(request):
    """Many dossiers, one action and one comment: each through the door on its own (its own audit
    event and task completion); those that fail are named with the reason."""
    action = request.POST.get("action")
    ids = [pk for pk in (_int(v) for v in request.POST.getlist("nomination")) if pk and pk > 0][:500]
    if action not in BULK_ACTIONS or not ids:
        messages.error(request, _("Hãy chọn hồ sơ và thao tác cần thực hiện."))
        return redirect(safe_next(request, "queues:my_work"))
    done, failed = actions.perform_many(
        user=request.user,
        nomination_ids=ids,
        action=action,
        ip=client_ip(request),
        comment=(request.POST.get("comment") or "").strip()[:5000],
    )
    if done:
        messages.success(
            request,
            _("Đã thực hiện “%(action)s” cho %(n)s hồ sơ.")
            % {"action": ACTION_BY_NAME[action].label, "n": len(done)},
        )
    if failed:
        names = dict(
            nomination_selectors.nominations_visible_to(request.user)
            .filter(pk__in=[pk for pk, _m in failed])
            .values_list("pk", "nominee_name")
        )
        messages.error(
            request,
            _("Chưa thực hiện được %(n)s hồ sơ: %(list)s")
            % {
                "n": len(failed),
                "list": "; ".join(f"{names.get(pk, f'#{pk}')}: {message}" for pk, message in failed),
            },
        )
    return redirect(safe_next(request, "queues:my_work"))


def _tasks_xlsx(request, tasks, title):
    """One tab of "Việc của tôi" as a workbook: every page, in the tab's due order."""
    calendar = WorkingCalendar()

    def days_left(task):
        deadline = getattr(task, "deadline", None)
        return working_days_left(deadline.due_at, calendar=calendar) if deadline else None

    def nomination(task):
        return task.process.nominationprocess.nomination

    return exports.xlsx_list(
        request,
        filename="viec-cua-toi",
        title=_("Việc của tôi: %(queue)s") % {"queue": title},
        total_label=_("Tổng cộng: %(n)s việc"),
        items=tasks.select_related("process__nominationprocess__nomination"),
        columns=[
            exports.Column(_("Hồ sơ"), lambda t: nomination(t).nominee_name),
            exports.Column(_("Hình thức"), lambda t: nomination(t).award_type.name),
            exports.Column(_("Đơn vị"), lambda t: nomination(t).unit.name),
            exports.Column(_("Bước"), lambda t: str(t.flow_task.task_title)),
            exports.Column(_("Nhận lúc"), lambda t: exports.day(t.created)),
            exports.Column(
                _("Hạn xử lý"),
                lambda t: exports.day(t.deadline.due_at) if getattr(t, "deadline", None) else None,
            ),
            exports.Column(_("Số ngày làm việc còn lại"), days_left),
            exports.Column(_("Người xử lý"), lambda t: t.owner.get_full_name() if t.owner_id else ""),
        ],
    )


def _task_action(request, task_id, act, done_message):
    if selectors.task_for(user=request.user, task_id=task_id) is None:
        raise Http404
    try:
        act(user=request.user, task_id=task_id)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done_message)
    return redirect(safe_next(request, "queues:my_work"))


@login_required
@require_POST
def task_claim(request, task_id):
    """Take a task, then open its dossier: the next thing one does after taking it."""
    task = selectors.task_for(user=request.user, task_id=task_id)
    if task is None:
        raise Http404
    try:
        actions.claim(user=request.user, task_id=task_id)
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect(safe_next(request, "queues:my_work"))
    messages.success(request, _("Đã nhận xử lý hồ sơ."))
    return redirect("nominations:detail", task.process.nominationprocess.nomination_id)


@login_required
@require_POST
def task_release(request, task_id):
    return _task_action(request, task_id, actions.release, _("Đã trả hồ sơ về hàng chờ."))


PAGE_SIZE = 100


def _unit_filters(request) -> dict:
    """The unit list's search, filters and order from the address (anything unknown is ignored)."""
    params = request.GET
    year = _int(params.get("year"))
    return {
        "search": (params.get("tim") or "").strip()[:100],
        "award_type": (params.get("award_type") or "")[:40],
        "status": params.get("status") if params.get("status") in Nomination.Status.values else "",
        "year": year if year and 2000 <= year <= 2100 else None,
        "due": params.get("due") if params.get("due") in selectors.DUE_CHOICES else "",
        "sort": params.get("sort") if params.get("sort") in selectors.DOSSIER_SORTS else "action",
    }


@login_required
def unit_dossiers(request):
    """The unit's dossiers by status; returned ones first with the reviewer's comment. A page at a
    time (newest change first), with each status's total from one aggregate. Searchable (name,
    identity number, dossier number), filtered (award, status, year, due) and sorted (due,
    arrival at the stage)."""
    require_role(request.user, Role.UNIT_CLERK)
    filters = _unit_filters(request)
    dossiers = nomination_selectors.unit_dossiers(
        user=request.user,
        search=filters["search"],
        award_type=filters["award_type"],
        status=filters["status"],
        year=filters["year"],
    )
    listed = selectors.dossiers_due(dossiers, due=filters["due"], sort=filters["sort"])
    if exports.wants_xlsx(request):
        return _unit_xlsx(request, listed)
    totals = dict(listed.order_by().values_list("status").annotate(n=Count("id")))
    paginator = Paginator(listed, PAGE_SIZE)
    paginator.count = sum(totals.values())  # known: no second COUNT
    page = paginator.get_page(request.GET.get("page"))
    groups = {}
    calendar = WorkingCalendar()
    for n in page:
        n.days_left = working_days_left(n.due_date, calendar=calendar) if n.due_date else None
        n.urgency = urgency(n.days_left)
        groups.setdefault(n.status, []).append(n)
    order = [
        Nomination.Status.RETURNED,
        *[s for s in Nomination.Status.values if s != Nomination.Status.RETURNED],
    ]
    labels = dict(Nomination.Status.choices)
    sections = [
        {"status": s, "label": labels[s], "items": groups[s], "total": totals.get(s, 0)}
        for s in order
        if s in groups
    ]
    query = request.GET.copy()
    query.pop("page", None)
    choices = nomination_selectors.nomination_filter_choices(user=request.user)
    return render(
        request,
        "queues/unit.html",
        {
            "sections": sections,
            "page": page,
            "now": timezone.now(),
            "filters": filters,
            "narrowed": any(v for k, v in filters.items() if k != "sort"),
            "award_types": choices["award_types"],
            "statuses": Nomination.Status.choices,
            "dues": [("overdue", _("Quá hạn")), ("soon", _("Đến hạn trong 2 ngày làm việc"))],
            "sorts": [
                ("action", _("Việc cần làm trước (bị trả lại, đang soạn)")),
                ("due", _("Hạn xử lý gần nhất")),
                ("received", _("Mới chuyển bước trước")),
            ],
            "query": query.urlencode(),
        },
    )


def _unit_xlsx(request, dossiers):
    """The unit's dossiers as a workbook: returned ones first, like the page; only this unit's."""
    calendar = WorkingCalendar()
    statuses = dict(Nomination.Status.choices)
    return exports.xlsx_list(
        request,
        filename="ho-so-don-vi",
        title=_("Hồ sơ của đơn vị: %(unit)s") % {"unit": request.user.unit.name},
        total_label=_("Tổng cộng: %(n)s hồ sơ"),
        items=dossiers,
        columns=[
            exports.Column(_("Đối tượng"), lambda n: n.nominee_name),
            exports.Column(_("Trạng thái"), lambda n: str(statuses.get(n.status, n.status))),
            exports.Column(_("Hình thức"), lambda n: n.award_type.name),
            exports.Column(_("Năm"), lambda n: n.year, fmt=exports.YEAR),
            exports.Column(_("Hạn xử lý"), lambda n: exports.day(n.due_date)),
            exports.Column(
                _("Số ngày làm việc còn lại"),
                lambda n: working_days_left(n.due_date, calendar=calendar) if n.due_date else None,
            ),
            exports.Column(
                _("Ý kiến khi trả lại"),
                lambda n: (n.return_comment or "") if n.status == Nomination.Status.RETURNED else "",
            ),
        ],
    )


@login_required
def signature_queue(request):
    """What waits for this signer, grouped, oldest first, to select from: the leader's decisions
    and proposals to the central level, a unit head's own unit's titles, a page at a time. Each row
    shows the Council's vote and the due date; a summary row filters the list to its award type and
    movement."""
    require_role(request.user, Role.LEADER, Role.UNIT_HEAD)
    now = timezone.now()
    calendar = WorkingCalendar()
    award, movement = request.GET.get("award_type") or "", request.GET.get("movement") or ""
    if exports.wants_xlsx(request):
        return _signature_xlsx(request, award, movement)
    sections = []
    for proposal in (False, True):
        groups = nomination_selectors.awaiting_signature_groups(user=request.user, proposal=proposal)
        for g in groups:
            g["movement_key"] = str(g["movement_id"] or 0)
            g["active"] = g["award_type__code"] == award and g["movement_key"] == movement
        qs = _awaiting(request.user, proposal, award, movement)
        due, search = request.GET.get("due"), (request.GET.get("tim") or "").strip()[:100]
        unit, sort = _int(request.GET.get("unit")), request.GET.get("sort")
        if search:
            text = normalize_search(search)
            qs = qs.filter(Q(nominee_name_search__contains=text) | Q(unit__name_search__contains=text))
        if unit:
            qs = qs.filter(unit_id=unit)
        if due in selectors.DUE_CHOICES:
            now_ = timezone.now()
            # One filter() over the deadlines: the same open deadline is the one past due (or soon).
            qs = (
                qs.filter(deadlines__closed_at__isnull=True, deadlines__due_at__lt=now_)
                if due == "overdue"
                else qs.filter(
                    deadlines__closed_at__isnull=True,
                    deadlines__due_at__gte=now_,
                    deadlines__due_at__lte=selectors.due_soon_limit(now_),
                )
            )
        narrowed = bool(search or unit or due in selectors.DUE_CHOICES)
        shown = [
            g
            for g in groups
            if (not award or g["award_type__code"] == award)
            and (not movement or g["movement_key"] == movement)
        ]
        param = "ppage" if proposal else "page"
        listed = selectors.with_due_date(qs).prefetch_related("votes", APPRAISALS)
        if sort == "due":
            listed = listed.order_by(F("due_date").asc(nulls_last=True), "pk")
        elif sort == "received":
            listed = listed.order_by("-status_changed_at", "-pk")
        paginator = Paginator(listed, PAGE_SIZE)
        if not narrowed:
            paginator.count = sum(g["count"] for g in shown)  # the groups' counts: no second COUNT
        page = paginator.get_page(request.GET.get(param))
        items = list(page)
        for n in items:
            n.days_waiting = (now - n.status_changed_at).days
            votes = sorted(n.votes.all(), key=lambda v: v.recorded_at)
            n.last_vote = votes[-1] if votes else None
            n.days_left = working_days_left(n.due_date, calendar=calendar) if n.due_date else None
            n.urgency = urgency(n.days_left)
        if proposal and not groups:
            continue
        sections.append(
            {
                "kind": "proposal" if proposal else "decision",
                "groups": groups,
                "items": items,
                "page": page,
                "param": param,
            }
        )
    return render(
        request,
        "queues/signature.html",
        {
            "sections": sections,
            "filtered": bool(award or movement),
            "units": nomination_selectors.nomination_filter_choices(user=request.user)["units"],
            "query": _without_pages(request),
        },
    )


def _without_pages(request) -> str:
    query = request.GET.copy()
    for key in ("page", "ppage"):
        query.pop(key, None)
    return query.urlencode()


def _awaiting(user, proposal, award, movement):
    """What waits for this signer, narrowed to the chosen award type and movement ("0": none)."""
    qs = nomination_selectors.awaiting_signature(user=user, proposal=proposal)
    if award:
        qs = qs.filter(award_type__code=award)
    if movement:
        qs = qs.filter(movement__isnull=True) if movement == "0" else qs.filter(movement_id=_int(movement))
    return qs


def _vote_text(n) -> str:
    """The same sentence as the page, the dossier and the meeting: figures and the rule applied."""
    vote = latest_vote(n)
    return vote.text if vote else _("Không cần biểu quyết")


def _signature_xlsx(request, award, movement):
    """The signature queue as a workbook: decisions, and proposals to the central level where any
    wait, each a sheet, with the page's award type and movement filter."""
    now = timezone.now()
    calendar = WorkingCalendar()
    columns = [
        exports.Column(_("Đối tượng"), lambda n: n.nominee_name),
        exports.Column(_("Đơn vị"), lambda n: n.unit.name),
        exports.Column(_("Hình thức"), lambda n: n.award_type.name),
        exports.Column(_("Phong trào"), lambda n: n.movement.name if n.movement_id else ""),
        exports.Column(_("Hội đồng biểu quyết"), _vote_text),
        exports.Column(_("Chờ ký từ"), lambda n: exports.day(n.status_changed_at)),
        exports.Column(_("Số ngày chờ"), lambda n: (now - n.status_changed_at).days),
        exports.Column(_("Hạn xử lý"), lambda n: exports.day(n.due_date)),
        exports.Column(
            _("Số ngày làm việc còn lại"),
            lambda n: working_days_left(n.due_date, calendar=calendar) if n.due_date else None,
        ),
    ]
    kinds = [(False, _("Hồ sơ chờ ký quyết định"), _("Chờ ký quyết định"))]
    if nomination_selectors.awaiting_signature(user=request.user, proposal=True).exists():
        kinds.append((True, _("Hồ sơ chờ ký tờ trình đề nghị cấp trên khen thưởng"), _("Chờ ký tờ trình")))
    tables = [
        exports.Table(
            title=title,
            sheet=sheet,
            total_label=_("Tổng cộng: %(n)s hồ sơ"),
            items=selectors.with_due_date(
                _awaiting(request.user, proposal, award, movement)
            ).prefetch_related("votes"),
            columns=columns,
        )
        for proposal, title, sheet in kinds
    ]
    return exports.xlsx_response(request, filename="ho-so-cho-ky", tables=tables)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def oversight_board(request):
    require_role(request.user, Role.AGENCY_HEAD)
    data = selectors.oversight()
    if exports.wants_xlsx(request):
        return _oversight_xlsx(request, data)
    return render(request, "queues/oversight.html", data)


def _oversight_xlsx(request, data):
    """The board's three lists as three sheets: per step, overdue per unit, recent escalations."""
    return exports.xlsx_response(
        request,
        filename="giam-sat-tien-do",
        tables=[
            exports.Table(
                title=_("Giám sát tiến độ xử lý hồ sơ"),
                sheet=_("Theo bước"),
                total_label=_("Tổng cộng: %(n)s bước"),
                items=data["stages"],
                columns=[
                    exports.Column(_("Bước"), lambda s: str(s["title"])),
                    exports.Column(_("Đang chờ"), lambda s: s["total"], total=True),
                    exports.Column(_("Quá hạn"), lambda s: s["overdue"], total=True),
                ],
            ),
            exports.Table(
                title=_("Quá hạn theo đơn vị"),
                sheet=_("Quá hạn theo đơn vị"),
                total_label=_("Tổng cộng: %(n)s đơn vị"),
                items=data["per_unit"],
                columns=[
                    exports.Column(_("Đơn vị"), lambda u: u["unit_name"]),
                    exports.Column(_("Quá hạn"), lambda u: u["overdue"], total=True),
                ],
            ),
            exports.Table(
                title=_("Báo cáo vượt cấp gần đây"),
                sheet=_("Báo cáo vượt cấp"),
                total_label=_("Tổng cộng: %(n)s báo cáo"),
                items=data["escalations"],
                columns=[
                    exports.Column(_("Hồ sơ"), lambda e: e.nomination.nominee_name),
                    exports.Column(_("Đơn vị"), lambda e: e.nomination.unit.name),
                    exports.Column(_("Bước"), lambda e: str(e.deadline.get_stage_display())),
                    exports.Column(
                        _("Thời điểm"), lambda e: exports.moment(e.created_at), fmt=exports.MOMENT
                    ),
                ],
            ),
        ],
    )


OPEN_OVERDUE = (charts.PALETTE[0], charts.PALETTE[3])


@login_required
def dashboard(request):
    """The agency head's and the leaders' dashboard: every number opens the list it counts."""
    require_role(request.user, Role.AGENCY_HEAD, Role.LEADER)
    data = selectors.dashboard()
    listing = reverse("nominations:list")

    def url(**params) -> str:
        return f"{listing}?{urlencode(params)}"

    for s in data["stages"]:
        s["href"] = url(status=s["status"])
        s["overdue_href"] = url(status=s["status"], overdue=1)
    for u in data["per_unit_open"]:
        u["href"] = url(unit=u["unit_id"], status="open")
        u["overdue_href"] = url(unit=u["unit_id"], overdue=1)
    for m in data["throughput"]:
        m["href"] = url(status="finished", month=m["key"])
        m["label"] = m["month"].strftime("%m/%Y")
    for m in data["medians"]:
        m["href"] = url(status=m["status"])
    year = data["year"]
    for a in data["awards"]:
        a["this_href"] = url(status="awarded", award_type=a["code"], year=year)
        a["last_href"] = url(status="awarded", award_type=a["code"], year=year - 1)
    stage_bars = []
    for s in data["stages"]:
        stage_bars.append(charts.Bar(str(s["label"]), s["total"], s["href"], 0))
        stage_bars.append(charts.Bar(str(s["label"]), s["overdue"], s["overdue_href"], 1))
    open_label, overdue_label = _("Đang chờ"), _("Quá hạn")
    award_bars = []
    for a in data["awards"][:10]:
        award_bars.append(charts.Bar(a["name"], a.get("this", 0), a["this_href"], 0))
        award_bars.append(charts.Bar(a["name"], a.get("last", 0), a["last_href"], 1))
    unit_bars = []
    for u in data["per_unit_open"]:
        unit_bars.append(charts.Bar(u["unit_name"], u["total"], u["href"], 0))
        unit_bars.append(charts.Bar(u["unit_name"], u["overdue"], u["overdue_href"], 1))
    data["charts"] = {
        "stages": charts.bar_chart(
            "chart-stages",
            _("Hồ sơ đang chờ và quá hạn theo bước"),
            stage_bars,
            legend=(open_label, overdue_label),
            colours=OPEN_OVERDUE,
        ),
        "units": charts.bar_chart(
            "chart-units",
            _("Hồ sơ đang chờ và quá hạn theo đơn vị"),
            unit_bars,
            legend=(open_label, overdue_label),
            colours=OPEN_OVERDUE,
        ),
        "throughput": charts.line_chart(
            "chart-throughput",
            _("Hồ sơ có kết quả theo tháng"),
            [charts.Bar(m["label"], m["count"], m["href"]) for m in data["throughput"]],
        ),
        "medians": charts.bar_chart(
            "chart-medians",
            _("Số ngày xử lý (trung vị) theo bước"),
            [charts.Bar(str(m["label"]), m["days"], m["href"]) for m in data["medians"]],
            unit=" " + _("ngày"),
        ),
        "awards": charts.bar_chart(
            "chart-awards",
            _("Khen thưởng theo hình thức: năm %(this)s so với năm %(last)s")
            % {"this": year, "last": year - 1},
            award_bars,
            legend=(str(year), str(year - 1)),
        ),
    }
    return render(request, "queues/dashboard.html", data)
