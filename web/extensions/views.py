"""The agency head's screen for extending a closed submission window."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nominations import selectors
from nominations.exceptions import ActionError, InvalidInput
from nominations.models import Role
from workflows import actions as workflow_actions

from ..http import apply_errors, client_ip, require_role
from .forms import ExtensionForm


@login_required
def extension_list(request):
    require_role(request.user, Role.AGENCY_HEAD)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow_actions.grant_extension(actor=request.user, ip=client_ip(request), **form.cleaned_data)
        except InvalidInput as exc:
            apply_errors(form, exc)
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã gia hạn nộp hồ sơ."))
            return redirect("nominations:extensions")
    return render(
        request,
        "nominations/extensions.html",
        {"form": form, "extensions": selectors.extensions_list()[:100]},
    )
