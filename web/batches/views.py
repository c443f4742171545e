"""Batches (tờ trình đợt): build, add nominees by hand or from XLSX, submit all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations import selectors, services
from nominations.exceptions import ActionError, InvalidInput
from nominations.models import Batch, CouncilMeeting, Nomination, Role
from nominations.policy import documents
from nominations.services.imports import template_xlsx
from workflows import actions as workflow_actions

from ..dossiers.forms import NominationForm
from ..http import apply_errors, client_ip, require_role
from .forms import BatchForm, FileForm, MeetingForm


def _batch(request, pk) -> Batch:
    require_role(request.user, Role.UNIT_CLERK)
    return get_object_or_404(selectors.batches_of(user=request.user), pk=pk)


@login_required
def batch_list(request):
    require_role(request.user, Role.UNIT_CLERK)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_create(actor=request.user, ip=client_ip(request), **form.cleaned_data)
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("nominations:batch_detail", batch.pk)
    batches = selectors.batches_of(user=request.user)[:100]
    return render(request, "nominations/batch_list.html", {"form": form, "batches": batches})


@login_required
def batch_detail(request, pk):
    batch = _batch(request, pk)
    form = NominationForm(request.POST or None, initial={"year": batch.year, "movement": batch.movement})
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("year", "movement")}
        try:
            services.batch_add_nomination(batch=batch, actor=request.user, ip=client_ip(request), **fields)
        except InvalidInput as exc:
            apply_errors(form, exc)
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã thêm đối tượng vào tờ trình."))
            return redirect("nominations:batch_detail", batch.pk)
    nominations = list(selectors.batch_nominations(batch=batch))
    S = Nomination.Status
    missing = documents.missing_documents_for([n for n in nominations if n.status == S.DRAFT])
    for n in nominations:
        n.missing_labels = documents.document_kind_labels(missing.get(n.pk, []))
        n.removable = n.status in (S.DRAFT, S.WITHDRAWN)
    meetings = (
        services.meetings_for(user=request.user, kind=CouncilMeeting.Kind.UNIT)
        .filter(nominations__batch=batch)
        .distinct()
    )
    return render(
        request,
        "nominations/batch_detail.html",
        {
            "batch": batch,
            "nominations": nominations,
            "drafts": sum(1 for n in nominations if n.status == S.DRAFT),
            "voting": sum(1 for n in nominations if n.status == S.UNIT_VOTE),
            "documents": selectors.batch_documents(batch=batch),
            "meetings": meetings,
            "form": form,
            "file_form": FileForm(),
            "meeting_form": MeetingForm(),
        },
    )


@login_required
@require_POST
def batch_upload(request, pk):
    batch = _batch(request, pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.batch_document_add(
                batch=batch,
                actor=request.user,
                kind=request.POST.get("kind", "to_trinh"),
                uploaded=form.cleaned_data["file"],
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã tải lên tờ trình."))
    return redirect("nominations:batch_detail", batch.pk)


def import_summary(result) -> str:
    """How many rows were new, updated, unchanged and refused (the screen and the API agree)."""
    return _("Đã nhập tệp: %(c)s mới, %(u)s cập nhật, %(k)s không đổi, %(r)s dòng bị từ chối.") % {
        "c": result.created,
        "u": result.updated,
        "k": result.unchanged,
        "r": result.refused,
    }


@login_required
@require_POST
def batch_import(request, pk):
    batch = _batch(request, pk)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp danh sách (XLSX theo tệp mẫu)."))
        return redirect("nominations:batch_detail", batch.pk)
    try:
        result = services.batch_import_nominees(
            batch=batch, actor=request.user, uploaded=form.cleaned_data["file"], ip=client_ip(request)
        )
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("nominations:batch_detail", batch.pk)
    (messages.success if result.ok else messages.warning)(request, import_summary(result))
    for line in result.messages():
        messages.error(request, line)
    return redirect("nominations:batch_detail", batch.pk)


@login_required
def batch_template(request, pk):
    _batch(request, pk)
    response = HttpResponse(
        services.batch_template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-de-nghi.xlsx"'
    return response


@login_required
@require_POST
def batch_submit(request, pk):
    batch = _batch(request, pk)
    try:
        done = workflow_actions.submit_batch(user=request.user, batch_id=batch.pk, ip=client_ip(request))
    except InvalidInput as exc:
        messages.error(request, _("Chưa nộp được đối tượng nào của tờ trình."))
        for line in exc.fields.get("nominations", []) or [exc.message]:
            messages.error(request, line)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã nộp tờ trình với %(n)s đối tượng.") % {"n": len(done)})
        if done.refused:
            messages.warning(
                request,
                _("%(n)s đối tượng chưa nộp được (sửa rồi bấm “Nộp tất cả” lại):") % {"n": len(done.refused)},
            )
            for line in done.refused:
                messages.warning(request, workflow_actions.describe_batch_line(line))
        if done.skipped:
            messages.info(
                request, _("Bỏ qua %(n)s đối tượng đã rút hoặc đã nộp trước đó.") % {"n": len(done.skipped)}
            )
    return redirect("nominations:batch_detail", batch.pk)


@login_required
@require_POST
def batch_remove(request, pk, nomination_pk):
    """An entry leaves the batch until it is submitted (a draft, or one the unit withdrew)."""
    batch = _batch(request, pk)
    try:
        removed = services.batch_remove_nomination(
            batch=batch, nomination_id=nomination_pk, actor=request.user, ip=client_ip(request)
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã bỏ %(name)s khỏi tờ trình.") % {"name": removed.nominee_name})
    return redirect("nominations:batch_detail", batch.pk)


@login_required
@require_POST
def batch_meeting(request, pk):
    """The unit council's meeting, recorded once with its minutes, for every entry still open."""
    batch = _batch(request, pk)
    form = MeetingForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("nominations:batch_detail", batch.pk)
    open_entries = batch.nominations.filter(status__in=[Nomination.Status.DRAFT, Nomination.Status.UNIT_VOTE])
    data = form.cleaned_data
    try:
        meeting = services.meeting_record(
            actor=request.user,
            kind=CouncilMeeting.Kind.UNIT,
            held_on=data["held_on"],
            members_total=data["members_total"],
            members_present=data["members_present"],
            attendees=data["attendees"],
            minutes=data["minutes"],
            nominations=list(open_entries.values_list("pk", flat=True)),
            ip=client_ip(request),
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _(
                "Đã ghi phiên họp Hội đồng cơ sở ngày %(d)s cho %(n)s đối tượng; biên bản dùng chung cho tất cả."
            )
            % {"d": meeting.held_on.strftime("%d/%m/%Y"), "n": meeting.nominations.count()},
        )
    return redirect("nominations:batch_detail", batch.pk)


@login_required
@require_POST
def batch_import_grades(request, pk):
    """The staff's annual grades: a Lao động tiên tiến nomination for everyone whose grade earns it."""
    batch = _batch(request, pk)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp kết quả xếp loại."))
        return redirect("nominations:batch_detail", batch.pk)
    try:
        result = services.batch_import_grades(
            batch=batch, actor=request.user, uploaded=form.cleaned_data["file"], ip=client_ip(request)
        )
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("nominations:batch_detail", batch.pk)
    if result.ok:
        messages.success(
            request, _("Đã thêm %(n)s người đủ điều kiện từ kết quả xếp loại.") % {"n": result.created}
        )
        if result.skipped:
            messages.info(
                request,
                _("Không đủ mức xếp loại (không đề nghị): %(names)s.") % {"names": ", ".join(result.skipped)},
            )
    else:
        messages.error(request, _("Chưa nhập gì. ") + " ".join(result.errors))
    return redirect("nominations:batch_detail", batch.pk)


@login_required
def batch_grades_template(request, pk):
    _batch(request, pk)
    example = ["Nguyễn Thị B", "Nữ", 1988, "Chuyên viên", "034188000002", "Hoàn thành tốt nhiệm vụ"]
    response = HttpResponse(
        template_xlsx(services.GRADE_COLUMNS, example),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-xep-loai-can-bo.xlsx"'
    return response
