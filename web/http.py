"""What every screen shares: the client's address, the role gate, form errors, action parameters."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

from nominations.exceptions import InvalidInput
from nominations.policy.permissions import has_any_role
from nominations.policy.stages import ACTION_BY_NAME


def client_ip(request) -> str | None:
    """The client's address as the deployment trusts it (the socket's, or the configured proxy hop's)."""
    from .lockout import client_address

    return client_address(request) or None


def require_role(user, *roles) -> None:
    """A screen for these roles only: anyone else gets 403."""
    if not has_any_role(user, *roles):
        raise PermissionDenied


def apply_errors(form, exc: InvalidInput) -> None:
    """Put a service's field errors next to the fields they concern (the rest on the form)."""
    for field, message in exc.fields.items():
        form.add_error(field if field in form.fields else None, str(message))
    if not exc.fields:
        form.add_error(None, str(exc.message))


def action_params(action: str, data: dict) -> dict:
    """The parameters an action takes (the stage table says which), from validated input."""
    return {name: data[name] for name in ACTION_BY_NAME[action].params if name in data}


def safe_next(request, fallback: str) -> str:
    """A ``next`` target on this site only (never an open redirect)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def open_stored(field_file):
    """A stored file opened for download; a file gone from storage is a 404, not a 500."""
    try:
        return field_file.open("rb")
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise Http404 from exc
