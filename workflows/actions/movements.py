"""The door for a movement's work: launch, reviews, plans and reports sent, accepted, returned;
registrations sent, accepted, returned.

Each entry point runs the service (the transition and its audit event), then, in the same
transaction, closes the deadline of the wait that ended and opens the next one (the deadline
engine of ``workflows.deadlines``, swept with the dossiers' by ``workflows.sweep``), and tells
the people who must now act.
"""

from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from nominations import services
from nominations.models import MovementRequest, Role, User
from nominations.policy.requests import STANDING_AGENCY

from ..deadlines import close_request_deadlines, open_request_deadlines
from ..notify import Notice, notify, notify_many


def _clerks_by_unit(unit_ids) -> dict[int, list]:
    found = defaultdict(list)
    users = User.objects.filter(unit_id__in=list(unit_ids), groups__name=Role.UNIT_CLERK, is_active=True)
    for user in users.order_by("pk"):
        found[user.unit_id].append(user)
    return found


def _standing_agency() -> list:
    return list(
        User.objects.filter(groups__name__in=STANDING_AGENCY, is_active=True).distinct().order_by("pk")
    )


def _tell_units(requests, *, kind: str, title: str, body: str) -> None:
    """One notice per request to its unit's clerks (the key makes a retry send nothing twice)."""
    clerks = _clerks_by_unit({r.unit_id for r in requests})
    notify_many(
        [
            Notice(
                recipients=clerks.get(r.unit_id, []),
                kind=kind,
                title=title,
                body=body % {"due": r.due_date.strftime("%d/%m/%Y")},
                url=reverse("movements:request", args=[r.pk]),
                nomination_id=None,
                key=f"{kind}:{r.pk}:{r.times_returned}",
            )
            for r in requests
        ]
    )


def launch_movement(*, actor, movement, ip=None) -> list[MovementRequest]:
    """Launched: every participant told, and asked for its response plan by the plan's due date."""
    with transaction.atomic():
        requests = services.movement_launch(actor=actor, movement=movement, ip=ip)
        open_request_deadlines(requests=requests)
        v = {"name": requests[0].movement.name, "number": requests[0].movement.document_number}
        _tell_units(
            requests,
            kind="movement_launched",
            title=_("Phát động phong trào: %(name)s") % v,
            body=(_("Phong trào %(name)s (văn bản số %(number)s) đã được phát động.") % v)
            + " "
            + _("Đơn vị gửi kế hoạch hưởng ứng trước ngày %(due)s."),
        )
    return requests


def add_milestone(*, actor, movement, kind, on, report_due, note="", ip=None):
    """A sơ kết or tổng kết: every participant asked for its report by ``report_due``."""
    with transaction.atomic():
        milestone, requests = services.movement_add_milestone(
            actor=actor, movement=movement, kind=kind, on=on, report_due=report_due, note=note, ip=ip
        )
        open_request_deadlines(requests=requests)
        v = {
            "name": movement.name,
            "milestone": milestone.get_kind_display(),
            "date": on.strftime("%d/%m/%Y"),
        }
        _tell_units(
            requests,
            kind="movement_report_asked",
            title=_("%(milestone)s phong trào: %(name)s") % v,
            body=(_("%(milestone)s phong trào %(name)s ngày %(date)s.") % v)
            + " "
            + _("Đơn vị gửi báo cáo trước ngày %(due)s."),
        )
    return milestone, requests


def submit_request(*, actor, request, file=None, figures=None, ip=None) -> MovementRequest:
    """The unit sends it: its wait ends, the Standing agency's begins and is told."""
    with transaction.atomic():
        request = services.movement_request_submit(
            actor=actor, request=request, file=file, figures=figures, ip=ip
        )
        close_request_deadlines(request_ids=[request.pk])
        open_request_deadlines(requests=[request])
        v = {"unit": request.unit.name, "what": request.get_kind_display(), "name": request.movement.name}
        notify(
            recipients=_standing_agency(),
            kind="movement_request_submitted",
            title=_("%(unit)s gửi %(what)s") % v,
            body=_("%(unit)s đã gửi %(what)s của phong trào %(name)s, chờ tiếp nhận.") % v,
            url=reverse("movements:request", args=[request.pk]),
            key=f"movement_request_submitted:{request.pk}:{request.times_returned}",
        )
    return request


def accept_request(*, actor, request, comment="", ip=None) -> MovementRequest:
    with transaction.atomic():
        request = services.movement_request_accept(actor=actor, request=request, comment=comment, ip=ip)
        close_request_deadlines(request_ids=[request.pk])
        v = {"what": request.get_kind_display(), "name": request.movement.name}
        _tell_units(
            [request],
            kind="movement_request_accepted",
            title=_("Đã tiếp nhận %(what)s") % v,
            body=_("Cơ quan Thường trực đã tiếp nhận %(what)s của đơn vị (phong trào %(name)s).") % v,
        )
    return request


def return_request(*, actor, request, comment, ip=None) -> MovementRequest:
    """Returned with a comment: the unit's correction has its own deadline (working days)."""
    with transaction.atomic():
        request = services.movement_request_return(actor=actor, request=request, comment=comment, ip=ip)
        close_request_deadlines(request_ids=[request.pk])
        open_request_deadlines(requests=[request])
        v = {"what": request.get_kind_display(), "name": request.movement.name, "comment": request.comment}
        deadline = request.deadlines.filter(closed_at__isnull=True).first()
        due = deadline.due_at.strftime("%d/%m/%Y") if deadline else ""
        clerks = _clerks_by_unit([request.unit_id]).get(request.unit_id, [])
        notify(
            recipients=clerks,
            kind="movement_request_returned",
            title=_("Trả lại %(what)s") % v,
            body=(_("%(what)s của đơn vị (phong trào %(name)s) bị trả lại: %(comment)s") % v)
            + " "
            + (_("Gửi lại trước ngày %(due)s.") % {"due": due}),
            url=reverse("movements:request", args=[request.pk]),
            key=f"movement_request_returned:{request.pk}:{request.times_returned}",
        )
    return request


# --- registrations --------------------------------------------------------------------------


def submit_registration(*, actor, registration, ip=None):
    with transaction.atomic():
        registration = services.registration_submit(actor=actor, registration=registration, ip=ip)
        v = {"unit": registration.unit.name, "year": registration.year}
        notify(
            recipients=_standing_agency(),
            kind="registration_submitted",
            title=_("%(unit)s gửi đăng ký thi đua năm %(year)s") % v,
            body=_("%(unit)s đã gửi đăng ký thi đua năm %(year)s, chờ duyệt.") % v,
            url=reverse("movements:registrations"),
            key=f"registration_submitted:{registration.pk}:{registration.submitted_at.isoformat()}",
        )
    return registration


def _tell_registration(registration, *, kind, title, body):
    notify(
        recipients=_clerks_by_unit([registration.unit_id]).get(registration.unit_id, []),
        kind=kind,
        title=title,
        body=body,
        url=reverse("movements:mine"),
        key=f"{kind}:{registration.pk}:{registration.decided_at.isoformat()}",
    )


def accept_registration(*, actor, registration, ip=None):
    with transaction.atomic():
        registration = services.registration_accept(actor=actor, registration=registration, ip=ip)
        v = {"year": registration.year}
        _tell_registration(
            registration,
            kind="registration_accepted",
            title=_("Đăng ký thi đua năm %(year)s được chấp thuận") % v,
            body=_("Đăng ký thi đua năm %(year)s của đơn vị đã được chấp thuận.") % v,
        )
    return registration


def return_registration(*, actor, registration, comment, ip=None):
    with transaction.atomic():
        registration = services.registration_return(
            actor=actor, registration=registration, comment=comment, ip=ip
        )
        v = {"year": registration.year, "comment": registration.comment}
        _tell_registration(
            registration,
            kind="registration_returned",
            title=_("Đăng ký thi đua năm %(year)s bị trả lại") % v,
            body=_("Đăng ký thi đua năm %(year)s của đơn vị bị trả lại: %(comment)s") % v,
        )
    return registration
