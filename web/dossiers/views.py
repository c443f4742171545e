"""Dossier screens: the list, the form, the dossier page and its actions.

Validate input, ask the workflow door (or a service) to act, render. Reads go
through the selectors (scoped: another unit's dossier is a 404); status
changes go through ``workflows.actions.perform``.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from nominations import people, selectors, services
from nominations.exceptions import ActionError, InvalidInput
from nominations.models import DocumentKind, Nomination, NomineeKind, Role, Route
from nominations.policy import council, documents, eligibility
from nominations.policy.permissions import can_act, can_open_disclosure, has_any_role
from nominations.policy.stages import ACTION_BY_NAME, TRANSITIONS
from workflows import actions as workflow_actions
from workflows import deadlines
from workflows import selectors as engine_selectors
from workflows.announce import queue_url
from workflows.charts import process_svg
from workflows.progress import dossier_steps

from .. import exports
from ..http import action_params, apply_errors, client_ip, open_stored
from ..pagination import CappedPaginator
from .declared import DeclaredHistoryForm
from .forms import (
    AppraisalForm,
    CommentForm,
    ConfirmedCommentForm,
    DocumentForm,
    NominationForm,
    NoteForm,
    VoteForm,
)

# Irreversible actions asked about first: what will happen, in words (a dialog, or the ticked box without JS).
CONFIRM = {
    "withdraw": _lazy("Hồ sơ sẽ được rút và không được xét khen thưởng nữa; thao tác không hoàn tác được."),
    "reject": _lazy("Hồ sơ sẽ không được khen thưởng; thao tác không hoàn tác được."),
}


@login_required
def home(request):
    """Each role's own counts: per stage it takes, what waits, what is due within two working days
    and what is overdue, each linked to the queue filtered to it; the văn thư's documents to issue."""
    counts = []
    for row in engine_selectors.home_counts(user=request.user):
        base = queue_url(row["stage"].key)
        counts.append(
            {
                **row,
                "url": base,
                "soon_url": base + "&due=soon",
                "overdue_url": base + "&due=overdue",
            }
        )
    to_issue = None
    if request.user.has_role(Role.CLERK_OFFICE):
        documents = deadlines.issuance_dues(
            selectors.awaiting_issuance(user=request.user)
            .select_related(None)
            .prefetch_related(None)
            .only("pk", "signed_at")
        )
        to_issue = {
            "waiting": len(documents),
            "soon": sum(1 for d in documents if d.urgency == "soon"),
            "overdue": sum(1 for d in documents if d.urgency == "overdue"),
        }
    return render(request, "home.html", {"counts": counts, "to_issue": to_issue})


@login_required
def nomination_list(request):
    params = request.GET

    def number(name):
        try:
            value = int(params.get(name) or 0)
        except ValueError:
            return None
        return value if 0 < value < 2**62 else None

    qs = selectors.nomination_list(
        user=request.user,
        status=params.get("status") or None,
        year=number("year"),
        award_type=params.get("award_type") or None,
        unit=number("unit"),
        cluster=number("cluster"),
        movement=number("movement"),
        route=params.get("route") or None,
        overdue=params.get("overdue") in ("1", "true", "on"),
        search=params.get("q") or None,
        month=_month(params.get("month")),
    )
    if exports.wants_xlsx(request):
        return _list_xlsx(request, qs)
    page = CappedPaginator(qs, 25).get_page(params.get("page"))
    return render(
        request,
        "nominations/list.html",
        {
            "page": page,
            "statuses": [*selectors.STATUS_GROUPS, *Nomination.Status.choices],
            "routes": Route.choices,
            **_filter_choices(request.user),
            "can_create": request.user.has_role(Role.UNIT_CLERK) and request.user.unit_id,
            "q": params.get("q", ""),
            "month": f"{month[1]:02d}/{month[0]}" if (month := _month(params.get("month"))) else "",
        },
    )


def _filter_choices(user) -> dict:
    """The filters' (value, label) pairs; a cluster is named with its year ("Khối VHXH (2026)")."""
    choices = selectors.nomination_filter_choices(user=user)
    choices["clusters"] = [(pk, f"{name} ({year})") for pk, name, year in choices["clusters"]]
    return choices


def _list_xlsx(request, qs):
    """The filtered list as a workbook (what the screen shows, every page, in its order)."""
    kinds, routes, statuses = (
        dict(NomineeKind.choices),
        dict(Route.choices),
        dict(Nomination.Status.choices),
    )
    return exports.xlsx_list(
        request,
        filename="danh-sach-ho-so",
        title=_("Danh sách hồ sơ đề nghị khen thưởng"),
        total_label=_("Tổng cộng: %(n)s hồ sơ"),
        items=qs.select_related("unit", "award_type"),
        columns=[
            exports.Column(_("Đối tượng"), lambda n: n.nominee_name),
            exports.Column(_("Đơn vị"), lambda n: n.unit.name),
            exports.Column(_("Hình thức"), lambda n: n.award_type.name),
            exports.Column(_("Đối tượng khen thưởng"), lambda n: str(kinds.get(n.nominee_kind, ""))),
            exports.Column(_("Hình thức xét"), lambda n: str(routes.get(n.route, ""))),
            exports.Column(_("Năm"), lambda n: n.year, fmt=exports.YEAR),
            exports.Column(_("Trạng thái"), lambda n: str(statuses.get(n.status, n.status))),
            exports.Column(_("Ngày nộp"), lambda n: exports.day(n.submitted_at)),
            exports.Column(_("Cập nhật"), lambda n: exports.day(n.status_changed_at)),
        ],
    )


def _month(value) -> tuple[int, int] | None:
    """ "2026-03" → (2026, 3); anything else → None."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
    except ValueError:
        return None
    return (year, month) if 2000 <= year <= 2200 and 1 <= month <= 12 else None


@login_required
def nomination_create(request):
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.nomination_create(
                actor=request.user,
                ip=client_ip(request),
                **{name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS},
                confirm_identity=form.cleaned_data.get("confirm_identity", False),
            )
        except InvalidInput as exc:
            apply_errors(form, exc)
        except ActionError as exc:
            # Told on the form itself, with what the clerk typed still in it.
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lập hồ sơ. Hãy tải lên các tài liệu bắt buộc rồi nộp."))
            return redirect(nomination)
    return render(
        request, "nominations/form.html", {"form": form, "title": _("Lập hồ sơ đề nghị khen thưởng")}
    )


@login_required
def nomination_edit(request, pk):
    nomination = selectors.nomination_for(user=request.user, pk=pk)
    if not (can_act(request.user, nomination, "edit") and nomination.is_editable_by_unit):
        messages.error(request, _("Hồ sơ này hiện không sửa được."))
        return redirect(nomination)
    form = NominationForm(request.POST or None, instance=selectors.nomination_for(user=request.user, pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_update(
                nomination=nomination,
                actor=request.user,
                ip=client_ip(request),
                **{name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS},
                confirm_identity=form.cleaned_data.get("confirm_identity", False),
            )
        except InvalidInput as exc:
            apply_errors(form, exc)
        except ActionError as exc:
            messages.error(request, exc.message)
            return redirect(nomination)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(nomination)
    return render(
        request, "nominations/form.html", {"form": form, "nomination": nomination, "title": _("Sửa hồ sơ")}
    )


def _action_forms(nomination, allowed, data=None, failed_action=None):
    forms = {}
    for action in allowed:
        bound = data if action == failed_action else None
        if action == "record_vote":
            form = VoteForm(bound, prefix=action)
        elif action == "pass_appraisal":
            form = AppraisalForm(bound, prefix=action, checklist_items=documents.APPRAISAL_CHECKLIST)
        else:
            form = (ConfirmedCommentForm if action in CONFIRM else CommentForm)(bound, prefix=action)
            if ACTION_BY_NAME[action].reason_required:
                form.fields["comment"].required = True
                form.fields["comment"].label = _("Lý do (bắt buộc)")
        if bound is not None:
            form.is_valid()
        forms[action] = form
    threshold = council.threshold_for(nomination) if "record_vote" in forms else None
    return [
        {
            "name": a,
            "label": ACTION_BY_NAME[a].label,
            "form": f,
            "danger": ACTION_BY_NAME[a].danger,
            "confirm": CONFIRM.get(a, ""),
            # The vote form knows its threshold: the dialog warns before a failing vote is sent.
            "threshold": threshold if a == "record_vote" else None,
        }
        for a, f in forms.items()
    ]


def _detail_context(request, nomination, *, data=None, failed_action=None, error=None):
    task = workflow_actions.open_task(nomination.pk)
    allowed = workflow_actions.available_actions(request.user, nomination, task)
    files = list(selectors.nomination_documents(nomination=nomination))
    editable = can_act(request.user, nomination, "edit") and nomination.is_editable_by_unit
    missing_kinds = documents.missing_documents(nomination) if editable else []
    return {
        "required_docs": [
            {"kind": kind, "label": label, "present": kind not in missing_kinds}
            for kind, label in zip(
                documents.required_documents(nomination),
                documents.document_kind_labels(documents.required_documents(nomination)),
                strict=True,
            )
        ]
        if editable
        else [],
        "missing_kinds": [
            {"kind": k, "label": label}
            for k, label in zip(missing_kinds, documents.document_kind_labels(missing_kinds), strict=True)
        ],
        "upload_limit": settings.DOCUMENT_MAX_BYTES,
        "nomination": nomination,
        "documents": [d for d in files if not d.superseded],
        "old_documents": [d for d in files if d.superseded],
        "missing": documents.document_kind_labels(missing_kinds),
        "comments": selectors.nomination_comments(nomination=nomination),
        "timeline": selectors.nomination_timeline(nomination=nomination),
        "actions": _action_forms(nomination, allowed, data, failed_action),
        "task": task,
        "deadline": getattr(task, "deadline", None) if task else None,
        "chart": process_svg(nomination.pk),
        "steps": dossier_steps(
            nomination, task=task, deadline=getattr(task, "deadline", None) if task else None
        ),
        "disclosures": selectors.nomination_disclosures(nomination=nomination),
        "can_disclose": can_open_disclosure(request.user, nomination),
        "eligibility": eligibility.evaluate(nomination) if not nomination.is_final else [],
        "deadline_events": engine_selectors.deadline_events(nomination=nomination),
        "now": timezone.now(),
        "editable": editable,
        "document_form": DocumentForm(missing=missing_kinds) if editable else None,
        "note_form": NoteForm(),
        "action_error": error,
        "profile_url": _profile_url(request.user, nomination),
        "declared_history": list(
            nomination.declared_history.select_related("award_type", "declared_by", "reviewed_by")
        ),
        "declare_form": DeclaredHistoryForm() if editable else None,
        "can_review_history": has_any_role(request.user, Role.APPRAISER, Role.AGENCY_HEAD),
        # Said on the dossier too: the rules credit nothing recorded under those other names.
        "borrowed_identity": people.borrowed_identity(
            citizen_id=nomination.nominee_citizen_id,
            name=nomination.nominee_name,
            exclude_nomination=nomination.pk,
        )
        if nomination.nominee_kind == NomineeKind.INDIVIDUAL
        else [],
    }


def _profile_url(user, nomination) -> str:
    """The nominee's record (a person by identity number, a collective by unit), where the user may
    look people up."""
    if not people.may_look_up(user):
        return ""
    if nomination.nominee_kind == NomineeKind.COLLECTIVE:
        key = f"{people.COLLECTIVE_PREFIX}{nomination.unit_id}"
        if not people.sees_everyone(user) and nomination.unit_id != user.unit_id:
            return ""
    elif nomination.nominee_citizen_id:
        key = people.person_id(nomination.nominee_citizen_id)
    else:
        return ""
    return reverse("people:profile", args=[key])


@login_required
def nomination_detail(request, pk):
    nomination = selectors.nomination_for(user=request.user, pk=pk)
    return render(request, "nominations/detail.html", _detail_context(request, nomination))


@login_required
@require_POST
def nomination_action(request, pk, action):
    nomination = selectors.nomination_for(user=request.user, pk=pk)
    if action not in TRANSITIONS:
        raise Http404
    context = _action_forms(nomination, [action], request.POST, action)[0]
    form = context["form"]
    if not form.is_valid():
        ctx = _detail_context(request, nomination, data=request.POST, failed_action=action)
        ctx["action_error"] = _("Vui lòng kiểm tra lại thông tin đã nhập.")
        return render(request, "nominations/detail.html", ctx, status=400)
    data = dict(form.cleaned_data)
    if action == "pass_appraisal":
        data["checklist"] = form.checklist()
    if action == "submit" and request.POST.get("confirm_ineligible") != "1":
        # The rules advise: a clerk may still submit, but is told first which criteria fail.
        failing = [r for r in eligibility.evaluate(nomination) if not r.passed]
        if failing:
            ctx = _detail_context(request, nomination, data=request.POST, failed_action=action)
            ctx["confirm_submit"] = {"failing": failing, "comment": request.POST.get(f"{action}-comment", "")}
            return render(request, "nominations/detail.html", ctx)
    if action == "record_vote" and request.POST.get("confirm_failing") != "1":
        outcome = vote_outcome(nomination, data)
        if outcome is not None and not outcome["passed"]:
            ctx = _detail_context(request, nomination, data=request.POST, failed_action=action)
            ctx["confirm_vote"] = {**outcome, "fields": _hidden_fields(request.POST, action)}
            return render(request, "nominations/detail.html", ctx)
    data.pop("confirmed", None)
    params = action_params(action, data)
    try:
        nomination = workflow_actions.perform(
            user=request.user, nomination_id=nomination.pk, action=action, ip=client_ip(request), **params
        )
    except InvalidInput as exc:
        ctx = _detail_context(request, nomination, data=request.POST, failed_action=action, error=exc.message)
        return render(request, "nominations/detail.html", ctx, status=400)
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect(nomination)
    messages.success(
        request,
        _("Đã thực hiện: %(action)s. Trạng thái hồ sơ: %(status)s.")
        % {"action": ACTION_BY_NAME[action].label, "status": nomination.get_status_display()},
    )
    return redirect(nomination)


def vote_outcome(nomination, data) -> dict | None:
    """The threshold's answer for these ballots, before anything is saved (None: the numbers do not add up)."""
    try:
        votes_for, present, total = (int(data[k]) for k in ("votes_for", "members_present", "members_total"))
    except (KeyError, TypeError, ValueError):
        return None
    threshold = council.threshold_for(nomination)
    passed = council.vote_passes(
        votes_for=votes_for, members_present=present, members_total=total, threshold=threshold
    )
    base = total if threshold.base == "members_total" else present
    return {
        "passed": passed,
        "percent": threshold.percent,
        "strict": threshold.strict,
        "base_label": _("tổng số thành viên")
        if threshold.base == "members_total"
        else _("số thành viên có mặt"),
        "share": round(votes_for * 100 / base, 1) if base else 0,
        "votes_for": votes_for,
    }


def _hidden_fields(post, action) -> list[tuple[str, str]]:
    return [(k, v) for k, v in post.items() if k.startswith(f"{action}-")]


@login_required
@require_POST
def document_upload(request, pk):
    """Several files at once: one per missing required kind, and/or one of a chosen kind."""
    nomination = selectors.nomination_for(user=request.user, pk=pk)
    uploads = [
        (name.removeprefix("file-"), f)
        for name in request.FILES
        if name.startswith("file-") and name.removeprefix("file-") in DocumentKind.values
        for f in request.FILES.getlist(name)[:1]
    ]
    chosen = request.FILES.get("file")
    if chosen is not None:
        kind = request.POST.get("kind")
        if kind not in DocumentKind.values:
            messages.error(request, _("Hãy chọn loại tài liệu cho tệp %(name)s.") % {"name": chosen.name})
        else:
            uploads.append((kind, chosen))
    if not uploads and chosen is None:
        messages.error(request, _("Hãy chọn loại tài liệu và tệp cần tải lên."))
        return redirect(nomination)
    done = []
    for kind, uploaded in uploads:
        try:
            document = services.document_add(
                nomination=nomination, actor=request.user, kind=kind, uploaded=uploaded, ip=client_ip(request)
            )
        except ActionError as exc:
            messages.error(request, f"{uploaded.name}: {exc.message}")
        else:
            done.append(document.original_name)
    if done:
        messages.success(request, _("Đã tải lên: %(name)s.") % {"name": ", ".join(done)})
    return redirect(nomination)


@login_required
@xframe_options_sameorigin
def document_download(request, pk, document_pk):
    """The file as an attachment, or (``?xem=1``, PDFs only) shown inside the dossier page."""
    document = selectors.document_for(user=request.user, nomination_pk=pk, document_pk=document_pk)
    inline = request.GET.get("xem") == "1" and document.content_type == "application/pdf"
    response = FileResponse(
        open_stored(document.file),
        as_attachment=not inline,
        filename=document.original_name,
        content_type=document.content_type,
    )
    if inline:
        # Framed by our own dossier page only; the file itself runs nothing of ours.
        response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    else:
        response["X-Frame-Options"] = "DENY"
    return response


@login_required
@require_POST
def comment_add(request, pk):
    nomination = selectors.nomination_for(user=request.user, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(nomination=nomination, actor=request.user, body=form.cleaned_data["body"])
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã gửi ý kiến."))
    else:
        messages.error(request, _("Nội dung ý kiến không được để trống."))
    return redirect(nomination)


@login_required
@require_POST
def disclosure_open(request, pk):
    nomination = selectors.nomination_for(user=request.user, pk=pk)
    try:
        d = workflow_actions.open_disclosure(nomination=nomination, actor=request.user, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã công khai lấy ý kiến đến hết ngày %(d)s.") % {"d": d.closes_on.strftime("%d/%m/%Y")},
        )
    return redirect(nomination)
