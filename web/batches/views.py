"""Batches (tờ trình đợt): build, add nominees by hand or from XLSX, submit all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nominations import selectors, services
from nominations.exceptions import ActionError, InvalidInput
from nominations.models import Batch, Role
from nominations.services.imports import template_xlsx
from workflows import actions as workflow_actions

from ..dossiers.forms import NominationForm
from ..http import apply_errors, client_ip, require_role
from .forms import BatchForm, FileForm


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
    return render(
        request,
        "nominations/batch_detail.html",
        {
            "batch": batch,
            "nominations": selectors.batch_nominations(batch=batch),
            "documents": selectors.batch_documents(batch=batch),
            "form": form,
            "file_form": FileForm(),
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


@login_required
@require_POST
def batch_import(request, pk):
    batch = _batch(request, pk)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        raise Http404
    try:
        result = services.batch_import_nominees(
            batch=batch, actor=request.user, uploaded=form.cleaned_data["file"]
        )
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("nominations:batch_detail", batch.pk)
    if result.ok:
        messages.success(request, _("Đã thêm %(n)s đối tượng từ tệp.") % {"n": result.created})
    else:
        messages.error(request, _("Chưa nhập gì. ") + " ".join(result.errors))
    return redirect("nominations:batch_detail", batch.pk)


@login_required
def batch_template(request, pk):
    _batch(request, pk)
    example = [
        "individual",
        "Nguyễn Văn A",
        "Nam",
        1980,
        "Trưởng phòng",
        "034080000001",
        "",
        "BANG_KHEN_TINH",
        "annual",
        "Hoàn thành xuất sắc nhiệm vụ.",
        # The optional columns the statistical forms read.
        "15/03/1980",
        "Các cấp lãnh đạo khác từ phó phòng trở lên",
        "Kinh",
        "không",
    ]
    response = HttpResponse(
        template_xlsx([*services.BATCH_COLUMNS, *services.BATCH_OPTIONAL_COLUMNS], example),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-to-trinh.xlsx"'
    return response


@login_required
@require_POST
def batch_submit(request, pk):
    batch = _batch(request, pk)
    try:
        done = workflow_actions.submit_batch(user=request.user, batch_id=batch.pk, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã nộp tờ trình với %(n)s đối tượng.") % {"n": len(done)})
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
