"""Batches (tờ trình đợt): build, add nominees by hand or from XLSX, submit all."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from workflows.batches import submit_batch

from . import dossiers
from .exceptions import ActionError, InvalidInput
from .forms import NominationForm
from .imports import template_xlsx
from .models import Batch, DocumentKind, Movement, Role


class BatchForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Trích yếu"), max_length=500)
    number = forms.CharField(label=gettext_lazy("Số tờ trình"), max_length=50, required=False)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    movement = forms.ModelChoiceField(
        label=gettext_lazy("Phong trào"), queryset=Movement.objects.order_by("name"), required=False
    )


class FileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp"))


def _batch(request, pk) -> Batch:
    if not (request.user.is_superuser or request.user.has_role(Role.UNIT_CLERK)):
        raise PermissionDenied
    qs = (
        Batch.objects.all()
        if request.user.is_superuser
        else Batch.objects.filter(unit_id=request.user.unit_id)
    )
    return get_object_or_404(qs, pk=pk)


@login_required
def batch_list(request):
    if not request.user.has_role(Role.UNIT_CLERK):
        raise PermissionDenied
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = dossiers.batch_create(
                actor=request.user, ip=request.META.get("REMOTE_ADDR"), **form.cleaned_data
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("nominations:batch_detail", batch.pk)
    batches = Batch.objects.filter(unit_id=request.user.unit_id).order_by("-created_at")[:100]
    return render(request, "nominations/batch_list.html", {"form": form, "batches": batches})


@login_required
def batch_detail(request, pk):
    batch = _batch(request, pk)
    form = NominationForm(request.POST or None, initial={"year": batch.year, "movement": batch.movement})
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("year", "movement")}
        try:
            dossiers.batch_add_nomination(
                batch=batch, actor=request.user, ip=request.META.get("REMOTE_ADDR"), **fields
            )
        except InvalidInput as exc:
            for field, message in exc.fields.items():
                form.add_error(field if field in form.fields else None, str(message))
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
            "nominations": batch.nominations.select_related("award_type").order_by("pk"),
            "documents": batch.documents.filter(nomination__isnull=True).order_by("-uploaded_at"),
            "form": form,
            "file_form": FileForm(),
            "kinds": DocumentKind.choices,
        },
    )


@login_required
@require_POST
def batch_upload(request, pk):
    batch = _batch(request, pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            dossiers.batch_document_add(
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
        result = dossiers.batch_import_nominees(
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
    ]
    response = HttpResponse(
        template_xlsx(dossiers.BATCH_COLUMNS, example),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-to-trinh.xlsx"'
    return response


@login_required
@require_POST
def batch_submit(request, pk):
    batch = _batch(request, pk)
    try:
        done = submit_batch(user=request.user, batch_id=batch.pk, ip=request.META.get("REMOTE_ADDR"))
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã nộp tờ trình với %(n)s đối tượng.") % {"n": len(done)})
    return redirect("nominations:batch_detail", batch.pk)
