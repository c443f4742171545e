"""History on paper, on the dossier: the unit declares an earlier award or initiative with the
scanned decision; the Standing agency's appraiser confirms or rejects each."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nominations import selectors, services
from nominations.exceptions import ActionError
from nominations.models import AwardType, DeclaredHistory, Initiative, Route

from ..http import client_ip, open_stored
from .forms import ACCEPT


class DeclaredHistoryForm(forms.Form):
    required_css_class = "required"
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=DeclaredHistory.Kind.choices)
    award_type = forms.ModelChoiceField(
        label=gettext_lazy("Danh hiệu, hình thức đã nhận"), queryset=AwardType.objects.none(), required=False
    )
    route = forms.ChoiceField(
        label=gettext_lazy("Hình thức xét"), choices=Route.choices, initial=Route.ANNUAL
    )
    title = forms.CharField(label=gettext_lazy("Tên sáng kiến"), max_length=500, required=False)
    level = forms.ChoiceField(
        label=gettext_lazy("Phạm vi ảnh hưởng của sáng kiến"),
        choices=[("", "—"), *Initiative.Level.choices],
        required=False,
    )
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=1945, max_value=2100)
    decision_number = forms.CharField(label=gettext_lazy("Số quyết định, văn bản công nhận"), max_length=100)
    decision_date = forms.DateField(
        label=gettext_lazy("Ngày quyết định (dd/mm/yyyy)"),
        required=False,
        input_formats=["%d/%m/%Y"],
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    issuer = forms.CharField(label=gettext_lazy("Cơ quan quyết định"), max_length=255, required=False)
    evidence = forms.FileField(
        label=gettext_lazy("Bản chụp quyết định (PDF, JPG, PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = AwardType.objects.order_by("level", "name")


@login_required
@require_POST
def declare(request, pk):
    nomination = selectors.nomination_for(user=request.user, pk=pk)
    form = DeclaredHistoryForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
            for f, e in form.errors.items()
        )
        messages.error(request, _("Chưa kê khai được: %(errors)s") % {"errors": errors})
        return redirect(nomination.get_absolute_url() + "#declared-history")
    try:
        services.history_declare(
            nomination=nomination, actor=request.user, ip=client_ip(request), **form.cleaned_data
        )
    except ActionError as exc:
        messages.error(request, _("Chưa kê khai được: %(errors)s") % {"errors": exc.message})
    else:
        messages.success(request, _("Đã kê khai; chờ chuyên viên thẩm định xác nhận."))
    return redirect(nomination.get_absolute_url() + "#declared-history")


@login_required
@require_POST
def confirm(request, pk, declared_pk):
    nomination = selectors.nomination_for(user=request.user, pk=pk)
    _one(nomination, declared_pk)
    try:
        services.history_confirm(declared_id=declared_pk, actor=request.user, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xác nhận; lịch sử này được tính khi xét tiêu chuẩn."))
    return redirect(nomination.get_absolute_url() + "#declared-history")


@login_required
@require_POST
def reject(request, pk, declared_pk):
    nomination = selectors.nomination_for(user=request.user, pk=pk)
    _one(nomination, declared_pk)
    try:
        services.history_reject(
            declared_id=declared_pk,
            actor=request.user,
            reason=(request.POST.get("reason") or "")[:5000],
            ip=client_ip(request),
        )
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi: không xác nhận, kèm lý do."))
    return redirect(nomination.get_absolute_url() + "#declared-history")


@login_required
def evidence(request, pk, declared_pk):
    nomination = selectors.nomination_for(user=request.user, pk=pk)
    declared = _one(nomination, declared_pk)
    response = FileResponse(
        open_stored(declared.evidence),
        as_attachment=True,
        filename=declared.evidence_name,
        content_type=declared.evidence_type,
    )
    response["X-Frame-Options"] = "DENY"
    return response


def _one(nomination, declared_pk) -> DeclaredHistory:
    declared = DeclaredHistory.objects.filter(pk=declared_pk, nomination=nomination).first()
    if declared is None:
        raise Http404
    return declared
