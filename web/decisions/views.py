"""Decision screens: the draft preview from the signature queue, the draft, preview, sign, download."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations import selectors, services
from nominations.exceptions import ActionError, InvalidInput
from nominations.models import Decision, Nomination, Role
from nominations.policy.permissions import has_any_role
from nominations.policy.rewards import base_salary_on, reward_lines
from nominations.publishing.decision_pdf import (
    article1_default,
    proposer_of,
    render_certificate,
    render_certificates,
    render_certificates_on_blanks,
    render_decision,
    render_proposal,
)
from nominations.publishing.verification import signatures_of
from nominations.review_record import failed_checks
from workflows import actions as workflow_actions
from workflows import deadlines

from .. import exports
from ..http import client_ip, open_stored, require_role
from ..templatetags.tdkt import vnd
from .forms import DraftEditForm, ProposalResultForm

VIEW_ROLES = (
    Role.LEADER,
    Role.AGENCY_HEAD,
    Role.APPRAISER,
    Role.UNIT_HEAD,
    Role.UNIT_CLERK,
    Role.CLERK_OFFICE,
)
SIGNERS = (Role.LEADER, Role.UNIT_HEAD)
# Who drafts: the signers, and the Standing agency preparing the province's drafts for the leader.
DRAFTERS = (Role.LEADER, Role.UNIT_HEAD, Role.AGENCY_HEAD, Role.APPRAISER)
RESULT_ROLES = (Role.APPRAISER, Role.AGENCY_HEAD)


def _kind(request) -> str:
    return (
        Decision.Kind.PROPOSAL
        if request.POST.get("kind") == Decision.Kind.PROPOSAL
        else Decision.Kind.DECISION
    )


def _visible(request, pk) -> Decision:
    """A decision or proposal this user may read (a unit head: their unit's register), or 404."""
    return get_object_or_404(selectors.decisions_list(user=request.user), pk=pk)


def _signer(value):
    """The chosen signer among the leaders, or None; an id that is not a leader's is refused."""
    if not value:
        return None
    signer = selectors.leaders().filter(pk=int(value)).first() if str(value).isdigit() else None
    if signer is None:
        raise InvalidInput(_("Người ký phải là Chủ tịch hoặc Phó Chủ tịch UBND tỉnh."))
    return signer


@login_required
@require_POST
def decision_draft(request):
    """Preview of the decision (or proposal) for the selected nominations, with reward amounts."""
    require_role(request.user, *SIGNERS)
    kind = _kind(request)
    ids = request.POST.getlist("nominations")
    if request.POST.get("whole_group") == "1":
        # Every dossier of the filtered group, on every page: a unit's 150 titles in one decision.
        ids = list(
            selectors.awaiting_signature(user=request.user, proposal=kind == Decision.Kind.PROPOSAL)
            .filter(award_type__code=request.POST.get("award_type", ""))
            .values_list("pk", flat=True)[:2000]
        )
    try:
        chosen = selectors.decision_candidates(user=request.user, nomination_ids=ids, kind=kind)
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("queues:signature")
    today = timezone.localdate()
    base = 0 if kind == Decision.Kind.PROPOSAL else base_salary_on(today)
    lines = reward_lines(chosen, day=today, amounts=kind != Decision.Kind.PROPOSAL)
    unit_decision = chosen[0].status == Nomination.Status.UNIT_SIGNATURE
    return render(
        request,
        "queues/decision_draft.html",
        {
            "kind": kind,
            "proposal": kind == Decision.Kind.PROPOSAL,
            "unit_decision": unit_decision,
            "lines": lines,
            "total": sum(line["amount"] for line in lines),
            "base_salary": base,
            "today": today,
            "leaders": [] if unit_decision else selectors.leaders(),
        },
    )


def _day(value: str):
    """A date typed dd/mm/yyyy (or the browser's yyyy-mm-dd); None when empty or not a date."""
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


@login_required
def decision_list(request):
    require_role(request.user, *VIEW_ROLES)
    visible = selectors.decisions_list(user=request.user)
    g = request.GET
    signer = g.get("signer", "")
    status = g.get("status", "")
    bad_dates = [
        label
        for label, key in ((_("Từ ngày"), "from"), (_("Đến ngày"), "to"))
        if g.get(key, "").strip() and _day(g.get(key)) is None
    ]
    for label in bad_dates:
        messages.error(
            request, _("%(field)s: ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy.") % {"field": label}
        )
    decisions = selectors.decisions_filtered(
        visible,
        q=g.get("q", ""),
        issuer=g.get("issuer", ""),
        signer=int(signer) if signer.isdigit() else None,
        status=status if status in Decision.Status.values else "",
        date_from=_day(g.get("from", "")),
        date_to=_day(g.get("to", "")),
    )
    if exports.wants_xlsx(request):
        return _documents_xlsx(
            request,
            decisions,
            filename="quyet-dinh",
            title=_("Quyết định khen thưởng và tờ trình đề nghị cấp trên"),
            last=exports.Column(_("Trạng thái"), lambda d: str(d.get_status_display())),
        )
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "decisions/list.html",
        {
            "decisions": page,
            "page": page,
            "query": query.urlencode(),
            "issuers": selectors.decision_issuers(visible),
            "signers": [(u.pk, u.get_full_name()) for u in selectors.decision_signers(visible)],
            "statuses": Decision.Status.choices,
            "f": g,
        },
    )


def _documents_xlsx(request, documents, *, filename, title, last, extra=()):
    """Decisions and proposals as a workbook, columns as the lists print them, then ``last``."""
    return exports.xlsx_list(
        request,
        filename=filename,
        title=title,
        total_label=_("Tổng cộng: %(n)s văn bản"),
        items=documents,
        columns=[
            exports.Column(
                _("Số"),
                lambda d: (
                    d.number or (_("(dự thảo)") if d.status == Decision.Status.DRAFT else _("(chưa cấp số)"))
                ),
            ),
            exports.Column(_("Loại"), lambda d: str(d.get_kind_display())),
            exports.Column(_("Trích yếu"), lambda d: d.title),
            exports.Column(_("Người ký"), lambda d: d.signer.get_full_name() if d.signer_id else ""),
            exports.Column(_("Ngày ký"), lambda d: exports.day(d.decision_date)),
            exports.Column(_("Số hồ sơ"), lambda d: len(d.lines.all()), total=True),
            exports.Column(_("Tổng tiền (đồng)"), lambda d: d.total_amount or 0, total=True),
            last,
            *extra,
        ],
    )


@login_required
@require_POST
def decision_create(request):
    require_role(request.user, *SIGNERS)
    try:
        decision = services.decision_create_draft(
            actor=request.user,
            nomination_ids=request.POST.getlist("nominations"),
            signer=_signer(request.POST.get("signer")),
            kind=_kind(request),
        )
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("queues:signature")
    messages.success(request, _("Đã lưu dự thảo quyết định."))
    return redirect("nominations:decision_detail", decision.pk)


def _draft_form(decision, lines) -> DraftEditForm:
    """The draft's editable parts as they print now (the template's wording as the starting text)."""
    return DraftEditForm(
        initial={
            "legal_bases": "\n".join(decision.legal_bases),
            "proposal_letter_by": decision.proposal_letter_by or proposer_of(decision.legal_bases),
            "proposal_letter_number": decision.proposal_letter_number,
            "proposal_letter_date": decision.proposal_letter_date,
            "article1_reason": decision.article1_reason or article1_default(lines),
        }
    )


@login_required
def decision_detail(request, pk, edit_form=None):
    require_role(request.user, *VIEW_ROLES)
    decision = _visible(request, pk)
    lines = selectors.decision_lines(decision=decision)
    may_issue = decision.status == Decision.Status.LEADER_SIGNED and services.can_issue(
        request.user, decision
    )
    may_record = (
        decision.kind == Decision.Kind.PROPOSAL
        and decision.status == Decision.Status.SIGNED
        and has_any_role(request.user, *RESULT_ROLES)
    )
    lines = list(lines)
    total = sum(line.amount or 0 for line in lines)
    # A unit named in another's decision sees (and prints the certificates of) its own people.
    shown = list(selectors.certificate_lines(decision=decision, user=request.user))
    all_lines = len(shown) == len(lines)
    lines = lines if all_lines else shown
    may_edit = services.can_edit_draft(request.user, decision)
    blanks = (
        selectors.certificate_blanks(decision=decision, award_type_ids=[x.award_type_id for x in lines])
        if decision.status == Decision.Status.SIGNED and decision.kind == Decision.Kind.DECISION
        else {}
    )
    return render(
        request,
        "decisions/detail.html",
        {
            "decision": decision,
            "may_edit": may_edit,
            "on_blanks": bool(lines) and all(x.award_type_id in blanks for x in lines),
            "edit_form": (edit_form or _draft_form(decision, lines)) if may_edit else None,
            "lines": lines,
            "all_lines": all_lines,
            "may_issue": may_issue,
            "issue_confirm": _issue_confirm(decision) if may_issue else "",
            "signatures": signatures_of(decision)
            if decision.status in (Decision.Status.LEADER_SIGNED, Decision.Status.SIGNED)
            else [],
            "sign_confirm": _sign_confirm(decision, lines, total),
            "result_form": ProposalResultForm(lines=[line for line in lines if not line.result])
            if may_record
            else None,
        },
    )


def _issue_confirm(decision) -> str:
    """What issuing will take: the register's next number and today's date, to confirm."""
    number, day = services.issue_preview(decision)
    return _(
        "Phát hành %(kind)s với số %(number)s, ngày %(day)s (số tiếp theo của sổ đăng ký văn bản): "
        "cấp số, ký số của cơ quan kèm hình ảnh con dấu; các hồ sơ trong văn bản được khen thưởng "
        "(hoặc trình cấp trên) và thông báo. Không hoàn tác được."
    ) % {"kind": decision.get_kind_display().lower(), "number": number, "day": day.strftime("%d/%m/%Y")}


def _sign_confirm(decision, lines, total) -> str:
    """What signing will do, in words: the number (or that it comes at signing), how many, how much."""
    proposal = decision.kind == Decision.Kind.PROPOSAL
    values = {"count": len(lines), "total": vnd(total)}
    if decision.number:
        values["doc"] = (_("Tờ trình số %(n)s") if proposal else _("Quyết định số %(n)s")) % {
            "n": decision.number
        }
    elif services.decision_needs_office(decision):
        values["doc"] = (
            _("Tờ trình (số do văn thư cấp khi phát hành)")
            if proposal
            else _("Quyết định (số do văn thư cấp khi phát hành)")
        )
    else:
        values["doc"] = _("Tờ trình (số sẽ cấp khi ký)") if proposal else _("Quyết định (số sẽ cấp khi ký)")
    if proposal:
        first = _("Ký %(doc)s đề nghị cấp trên khen thưởng %(count)s hồ sơ.") % values
    else:
        first = _("Ký %(doc)s khen thưởng %(count)s hồ sơ, tổng tiền thưởng %(total)s.") % values
    if services.decision_needs_office(decision):
        then = _(
            "Văn bản được ký số rồi chuyển văn thư cấp số, ký số cơ quan và phát hành; "
            "trước khi phát hành, người ký có thể thu hồi."
        )
    else:
        then = _("Văn bản được ký số và ban hành ngay; thao tác không hoàn tác được.")
    # The signer is told, by name, which dossiers passed appraisal with a failed automatic check.
    failed = failed_checks(line.nomination_id for line in lines if line.nomination_id)
    if failed:
        names = {line.nomination_id: line.nomination.nominee_name for line in lines if line.nomination_id}
        then += "\n" + _(
            "Lưu ý: %(n)s hồ sơ có tiêu chí kiểm tra tự động chưa đạt, chuyên viên thẩm định đã giải trình: %(list)s."
        ) % {
            "n": len(failed),
            "list": "; ".join(f"{names[pk]} (“{record.justification}”)" for pk, record in failed.items()),
        }
    return first + "\n" + then


@login_required
@require_POST
def proposal_result(request, pk):
    """The Standing agency records the central decision for some lines of a signed proposal."""
    require_role(request.user, *RESULT_ROLES)
    proposal = _visible(request, pk)
    pending = [line for line in selectors.decision_lines(decision=proposal) if not line.result]
    form = ProposalResultForm(request.POST, lines=pending)
    if not form.is_valid():
        messages.error(request, _("Vui lòng kiểm tra lại: số, ngày, cấp quyết định và kết quả từng dòng."))
        return redirect("nominations:decision_detail", pk)
    try:
        workflow_actions.record_proposal_result(
            user=request.user, proposal_id=proposal.pk, ip=client_ip(request), **form.result()
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi nhận kết quả của cấp trên."))
    return redirect("nominations:decision_detail", pk)


@login_required
def decision_preview(request, pk):
    require_role(request.user, *VIEW_ROLES)
    decision = _visible(request, pk)
    lines = list(selectors.decision_lines(decision=decision))
    render = render_proposal if decision.kind == Decision.Kind.PROPOSAL else render_decision
    data = render(decision, lines, day=decision.decision_date or timezone.localdate())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="du-thao-quyet-dinh-{decision.pk}.pdf"'
    return response


@login_required
@require_POST
def decision_edit(request, pk):
    """The leader (or the Standing agency for them) edits the draft before signing it."""
    require_role(request.user, *DRAFTERS)
    decision = _visible(request, pk)
    if not services.can_edit_draft(request.user, decision):
        raise PermissionDenied
    form = DraftEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Dự thảo chưa được sửa: vui lòng kiểm tra lại các ô được đánh dấu."))
        return decision_detail(request, pk, edit_form=form)
    data = form.cleaned()
    if data["article1_reason"] == article1_default(selectors.decision_lines(decision=decision)):
        data["article1_reason"] = ""  # the template's own words: keep following the template
    try:
        services.decision_edit_draft(decision_id=pk, actor=request.user, ip=client_ip(request), **data)
    except ActionError as exc:
        messages.error(request, exc.message)
        for field, error in (getattr(exc, "fields", None) or {}).items():
            if field in form.fields:
                form.add_error(field, error)
        return decision_detail(request, pk, edit_form=form)
    messages.success(request, _("Đã lưu dự thảo. Xem trước PDF để kiểm tra trước khi ký."))
    return redirect("nominations:decision_detail", pk)


@login_required
@require_POST
def decision_remove_line(request, pk, line_pk):
    """Take one dossier out of the draft: it waits for the signature again."""
    require_role(request.user, *DRAFTERS)
    decision = _visible(request, pk)
    if not services.can_edit_draft(request.user, decision):
        raise PermissionDenied
    try:
        services.decision_remove_line(
            decision_id=pk,
            line_id=line_pk,
            actor=request.user,
            reason=request.POST.get("reason", ""),
            ip=client_ip(request),
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã bỏ dòng khỏi dự thảo; hồ sơ trở lại danh sách chờ ký."))
    return redirect("nominations:decision_detail", pk)


@login_required
@require_POST
def decision_discard(request, pk):
    """Discard the whole draft: its dossiers wait for the signature again."""
    require_role(request.user, *DRAFTERS)
    decision = _visible(request, pk)
    if not services.can_edit_draft(request.user, decision):
        raise PermissionDenied
    if request.POST.get("confirmed") != "on":
        messages.error(request, _("Hãy đánh dấu ô xác nhận trước khi hủy dự thảo."))
        return redirect("nominations:decision_detail", pk)
    try:
        services.decision_discard_draft(
            decision_id=pk, actor=request.user, reason=request.POST.get("reason", ""), ip=client_ip(request)
        )
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("nominations:decision_detail", pk)
    messages.success(request, _("Đã hủy dự thảo; các hồ sơ trở lại danh sách chờ ký."))
    return redirect("queues:signature")


@login_required
@require_POST
def decision_sign(request, pk):
    require_role(request.user, *SIGNERS)
    _visible(request, pk)
    if request.POST.get("confirmed") != "on":
        messages.error(request, _("Hãy đánh dấu ô xác nhận trước khi ký."))
        return redirect("nominations:decision_detail", pk)
    try:
        decision = workflow_actions.sign_decision(
            user=request.user, decision_id=pk, ip=client_ip(request), pin=request.POST.get("pin") or None
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        if decision.status == Decision.Status.LEADER_SIGNED:
            messages.success(request, _("Đã ký số. Văn bản chờ văn thư cấp số và phát hành."))
        else:
            messages.success(request, _("Đã ký số và ban hành văn bản số %(n)s.") % {"n": decision.number})
    return redirect("nominations:decision_detail", pk)


@login_required
@require_POST
def decision_issue(request, pk):
    """The văn thư numbers, signs for the organisation and issues."""
    require_role(request.user, Role.CLERK_OFFICE)
    _visible(request, pk)
    if request.POST.get("confirmed") != "on":
        messages.error(request, _("Hãy đánh dấu ô xác nhận số và ngày trước khi phát hành."))
        return redirect("nominations:decision_detail", pk)
    try:
        decision = workflow_actions.issue_decision(user=request.user, decision_id=pk, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("nominations:decision_detail", pk)
    messages.success(request, _("Đã cấp số và phát hành văn bản số %(n)s.") % {"n": decision.number})
    return redirect("nominations:issuance_queue")


@login_required
@require_POST
def decision_recall(request, pk):
    """The signer takes back a signed document the văn thư has not issued yet."""
    require_role(request.user, *SIGNERS)
    _visible(request, pk)
    try:
        workflow_actions.recall_decision(
            user=request.user, decision_id=pk, reason=request.POST.get("reason", ""), ip=client_ip(request)
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thu hồi văn bản: văn bản trở lại dự thảo."))
    return redirect("nominations:decision_detail", pk)


@login_required
def issuance_queue(request):
    """The văn thư's queue: documents signed and waiting for a number and the organisation's signature."""
    require_role(request.user, Role.CLERK_OFFICE)
    waiting = selectors.awaiting_issuance(user=request.user)
    params = request.GET
    unit = params.get("unit") or ""
    filters = {
        "q": (params.get("q") or "").strip()[:100],
        "kind": params.get("kind") if params.get("kind") in Decision.Kind.values else "",
        "award_type": (params.get("award_type") or "")[:40],
        "unit": int(unit) if unit.isdigit() and 0 < len(unit) < 12 else None,
        "due": params.get("due") if params.get("due") in deadlines.ISSUANCE_DUE_FILTERS else "",
        "sort": params.get("sort") if params.get("sort") in (*selectors.ISSUANCE_SORTS, "due") else "oldest",
    }
    found = selectors.awaiting_issuance_filtered(
        waiting,
        **{k: v for k, v in filters.items() if k not in ("due", "sort")},
        sort=_db_sort(filters["sort"]),
    )
    # The time limit (Nghị định 30/2020/NĐ-CP, Điều 16) is in working days: computed, then narrowed.
    items = deadlines.issuance_narrowed(
        deadlines.issuance_dues(found.select_related("signer")), due=filters["due"], sort=filters["sort"]
    )
    if exports.wants_xlsx(request):
        return _documents_xlsx(
            request,
            items,
            filename="van-ban-cho-phat-hanh",
            title=_("Văn bản đã ký, chờ văn thư cấp số và phát hành"),
            last=exports.Column(_("Ký lúc"), lambda d: exports.moment(d.signed_at), fmt=exports.MOMENT),
            extra=[
                exports.Column(
                    _("Hạn phát hành"),
                    lambda d: exports.moment(d.due_at) if d.due_at else "",
                    fmt=exports.MOMENT,
                )
            ],
        )
    choices = selectors.awaiting_issuance_choices(waiting)
    return render(
        request,
        "decisions/issuance_queue.html",
        {
            "items": items,
            "filters": filters,
            "narrowed": any(v for k, v in filters.items() if k != "sort"),
            "any_waiting": waiting.exists(),
            "kinds": Decision.Kind.choices,
            "award_types": choices["award_types"],
            "units": choices["units"],
            "sorts": [
                ("oldest", _("Chờ lâu nhất trước")),
                ("newest", _("Mới ký trước")),
                ("due", _("Hạn phát hành sớm nhất trước")),
            ],
            "dues": [
                ("overdue", _("Quá hạn phát hành")),
                ("today", _("Hạn phát hành hôm nay")),
                ("soon", _("Đến hạn trong 2 ngày làm việc")),
            ],
        },
    )


def _db_sort(sort: str) -> str:
    """The database order under the due sort (the due date follows the day of signing)."""
    return "oldest" if sort == "due" else sort


@login_required
def issued_register(request):
    """The văn thư's register of issued documents (sổ văn bản đi): number, date, subject, signer,
    file; searchable by number or name, as a workbook."""
    require_role(request.user, Role.CLERK_OFFICE)
    issued = selectors.decisions_list(user=request.user).filter(status=Decision.Status.SIGNED)
    documents = selectors.decisions_filtered(issued, q=request.GET.get("q", "")).order_by(
        "-decision_date", "-sequence"
    )
    if exports.wants_xlsx(request):
        return exports.xlsx_list(
            request,
            filename="so-van-ban-di",
            title=_("Sổ đăng ký văn bản đi (quyết định, tờ trình khen thưởng)"),
            total_label=_("Tổng cộng: %(n)s văn bản"),
            items=documents,
            columns=[
                exports.Column(_("Số, ký hiệu"), lambda d: d.number),
                exports.Column(_("Ngày văn bản"), lambda d: exports.day(d.decision_date)),
                exports.Column(_("Loại"), lambda d: str(d.get_kind_display())),
                exports.Column(_("Trích yếu"), lambda d: d.title),
                exports.Column(_("Người ký"), lambda d: d.signer.get_full_name() if d.signer_id else ""),
                exports.Column(_("Cơ quan ban hành"), lambda d: d.unit.name if d.unit_id else d.issuer_name),
                exports.Column(_("Tệp"), lambda d: d.pdf.name.rsplit("/", 1)[-1] if d.pdf else ""),
                exports.Column(_("SHA-256"), lambda d: d.sha256),
            ],
        )
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    return render(
        request, "decisions/register.html", {"documents": page, "page": page, "q": request.GET.get("q", "")}
    )


@login_required
def decision_pdf(request, pk):
    require_role(request.user, *VIEW_ROLES)
    decision = _visible(request, pk)
    if decision.status not in (Decision.Status.SIGNED, Decision.Status.LEADER_SIGNED):
        raise Http404
    name = (
        f"QD-{decision.sequence}-{decision.year}.pdf" if decision.sequence else f"QD-da-ky-{decision.pk}.pdf"
    )
    return FileResponse(open_stored(decision.pdf), as_attachment=True, filename=name)


def _issued_decision(request, pk) -> Decision:
    decision = _visible(request, pk)
    if decision.status != Decision.Status.SIGNED or decision.kind != Decision.Kind.DECISION:
        raise Http404
    return decision


@login_required
def certificate_pdf(request, pk, line_pk):
    require_role(request.user, *VIEW_ROLES)
    decision = _issued_decision(request, pk)
    line = selectors.certificate_lines(decision=decision, user=request.user).filter(pk=line_pk).first()
    if line is None:
        raise Http404
    if request.GET.get("phoi") == "1":
        blanks = selectors.certificate_blanks(decision=decision, award_type_ids=[line.award_type_id])
        if not blanks:
            messages.error(request, _("Chưa có phôi cho hình thức này của cơ quan ban hành."))
            return redirect("nominations:decision_detail", pk)
        data = render_certificates_on_blanks([line], decision, blanks)
    else:
        data = render_certificate(line, decision)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(line.award_type.label)}-{decision.sequence}-{decision.year}-{line.position}.pdf"'
    )
    return response


@login_required
def certificates_pdf(request, pk):
    """ "In tất cả": every certificate this reader may print, one file, in the annex's order."""
    require_role(request.user, *VIEW_ROLES)
    decision = _issued_decision(request, pk)
    lines = list(selectors.certificate_lines(decision=decision, user=request.user))
    if not lines:
        raise Http404
    if request.GET.get("phoi") == "1":
        # On the pre-printed blanks: every award of the decision must have its blank.
        blanks = selectors.certificate_blanks(
            decision=decision, award_type_ids=[x.award_type_id for x in lines]
        )
        missing = sorted({x.award_type.label for x in lines if x.award_type_id not in blanks})
        if missing:
            messages.error(
                request,
                _("Chưa có phôi của cơ quan ban hành cho: %(awards)s. Quản trị khai báo phôi rồi in thử.")
                % {"awards": ", ".join(missing)},
            )
            return redirect("nominations:decision_detail", pk)
        data = render_certificates_on_blanks(lines, decision, blanks)
    else:
        data = render_certificates(lines, decision)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="bang-giay-chung-nhan-QD-{decision.sequence}-{decision.year}.pdf"'
    )
    return response
