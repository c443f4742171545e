"""The agency head's screen for extending a closed submission window."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .exceptions import ActionError, InvalidInput
from .models import AwardType, Movement, Role, SubmissionExtension, Unit


class ExtensionForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=Unit.objects.order_by("name"))
    award_type = forms.ModelChoiceField(
        label=gettext_lazy("Hình thức khen thưởng"),
        queryset=AwardType.objects.order_by("name"),
        required=False,
    )
    movement = forms.ModelChoiceField(
        label=gettext_lazy("Phong trào"), queryset=Movement.objects.order_by("name"), required=False
    )
    until = forms.DateField(label=gettext_lazy("Gia hạn đến (dd/mm/yyyy)"))
    reason = forms.CharField(label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


@login_required
def extension_list(request):
    if not (request.user.is_superuser or request.user.has_role(Role.AGENCY_HEAD)):
        raise PermissionDenied
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_extension_grant(
                actor=request.user, ip=request.META.get("REMOTE_ADDR"), **form.cleaned_data
            )
        except InvalidInput as exc:
            for field, message in exc.fields.items():
                form.add_error(field if field in form.fields else None, str(message))
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã gia hạn nộp hồ sơ."))
            return redirect("nominations:extensions")
    extensions = SubmissionExtension.objects.select_related("unit", "award_type", "movement", "granted_by")[
        :100
    ]
    return render(request, "nominations/extensions.html", {"form": form, "extensions": extensions})
