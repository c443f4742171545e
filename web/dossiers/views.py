"""Dossier screens: the list, the form, the dossier page and its actions.

Validate input, ask the workflow door (or a service) to act, render. Reads go
through the selectors (scoped: another unit's dossier is a 404); status
changes go through ``workflows.actions.perform``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations import selectors, services
from nominations.exceptions import ActionError, InvalidInput
from nominations.models import Nomination, Role, Route
from nominations.policy import documents, eligibility
from nominations.policy.permissions import can_act, can_open_disclosure
from nominations.policy.stages import ACTION_BY_NAME, TRANSITIONS
from workflows import actions as workflow_actions
from workflows import selectors as engine_selectors
from workflows.charts import process_svg

from ..http import action_params, apply_errors, client_ip, open_stored
from ..pagination import CappedPaginator
from .forms import AppraisalForm, CommentForm, DocumentForm, NominationForm, NoteForm, VoteForm


@login_required
def home(request):
    return render(request, "home.html")


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
    )
    page = CappedPaginator(qs, 25).get_page(params.get("page"))
    return render(
        request,
        "nominations/list.html",
        {
            "page": page,
            "statuses": Nomination.Status.choices,
            "routes": Route.choices,
            **selectors.nomination_filter_choices(user=request.user),
            "can_create": request.user.has_role(Role.UNIT_CLERK) and request.user.unit_id,
            "q": params.get("q", ""),
        },
    )


@login_required
def nomination_create(request):
    form = NominationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = services.nomination_create(
                actor=request.user, ip=client_ip(request), **form.cleaned_data
            )
        except InvalidInput as exc:
            apply_errors(form, exc)
        except ActionError as exc:
            messages.error(request, exc.message)
            return redirect("nominations:list")
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
            form = CommentForm(bound, prefix=action)
            if ACTION_BY_NAME[action].reason_required:
                form.fields["comment"].required = True
                form.fields["comment"].label = _("Lý do (bắt buộc)")
        if bound is not None:
            form.is_valid()
        forms[action] = form
    return [
        {"name": a, "label": ACTION_BY_NAME[a].label, "form": f, "danger": ACTION_BY_NAME[a].danger}
        for a, f in forms.items()
    ]


def _detail_context(request, nomination, *, data=None, failed_action=None, error=None):
    task = workflow_actions.open_task(nomination.pk)
    allowed = workflow_actions.available_actions(request.user, nomination, task)
    files = list(selectors.nomination_documents(nomination=nomination))
    editable = can_act(request.user, nomination, "edit") and nomination.is_editable_by_unit
    return {
        "nomination": nomination,
        "documents": [d for d in files if not d.superseded],
        "old_documents": [d for d in files if d.superseded],
        "missing": documents.document_kind_labels(documents.missing_documents(nomination))
        if editable
        else [],
        "comments": selectors.nomination_comments(nomination=nomination),
        "timeline": selectors.nomination_timeline(nomination=nomination),
        "actions": _action_forms(nomination, allowed, data, failed_action),
        "task": task,
        "deadline": getattr(task, "deadline", None) if task else None,
        "chart": process_svg(nomination.pk),
        "disclosures": selectors.nomination_disclosures(nomination=nomination),
        "can_disclose": can_open_disclosure(request.user, nomination),
        "eligibility": eligibility.evaluate(nomination) if not nomination.is_final else [],
        "deadline_events": engine_selectors.deadline_events(nomination=nomination),
        "now": timezone.now(),
        "editable": editable,
        "document_form": DocumentForm() if editable else None,
        "note_form": NoteForm(),
        "action_error": error,
    }


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


@login_required
@require_POST
def document_upload(request, pk):
    nomination = selectors.nomination_for(user=request.user, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn loại tài liệu và tệp cần tải lên."))
        return redirect(nomination)
    try:
        document = services.document_add(
            nomination=nomination,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            uploaded=form.cleaned_data["file"],
            ip=client_ip(request),
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã tải lên: %(name)s.") % {"name": document.original_name})
    return redirect(nomination)


@login_required
def document_download(request, pk, document_pk):
    document = selectors.document_for(user=request.user, nomination_pk=pk, document_pk=document_pk)
    return FileResponse(
        open_stored(document.file),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


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
