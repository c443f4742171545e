"""The stage table of a movement's requests: per status, who acts, in which scope, for how long.

One row per kind of wait, read by the deadline engine (``workflows.deadlines``), the sweep's
recipients and the screens, as ``stages.STAGES`` is for a dossier. A unit's first wait (its plan,
its report) ends on the date the Standing agency set; the others last the working days below
unless the SLA table (``SlaPolicy``, admin-editable) says otherwise for the same key.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..vocabulary import RequestKind, RequestStatus, Role, Scope


@dataclass(frozen=True)
class RequestStage:
    key: str  # the deadline's stage, the SLA key
    kind: str  # RequestKind, or "" for any
    status: str  # the request's status while it waits
    role: str  # who acts
    scope: str  # Scope.UNIT: the request's unit; Scope.PROVINCE: the Standing agency
    label: str
    sla_days: int | None  # None: due on the request's own due date
    also: tuple[str, ...] = ()

    @property
    def roles(self) -> tuple[str, ...]:
        return (self.role, *self.also)


STANDING_AGENCY = (Role.APPRAISER, Role.AGENCY_HEAD)

REQUEST_STAGES = (
    RequestStage(
        "movement_plan",
        RequestKind.PLAN,
        RequestStatus.OPEN,
        Role.UNIT_CLERK,
        Scope.UNIT,
        _("Gửi kế hoạch hưởng ứng phong trào"),
        None,
    ),
    RequestStage(
        "movement_report",
        RequestKind.REPORT,
        RequestStatus.OPEN,
        Role.UNIT_CLERK,
        Scope.UNIT,
        _("Gửi báo cáo sơ kết, tổng kết phong trào"),
        None,
    ),
    RequestStage(
        "movement_review",
        "",
        RequestStatus.SUBMITTED,
        Role.APPRAISER,
        Scope.PROVINCE,
        _("Tiếp nhận kế hoạch, báo cáo phong trào"),
        5,
        also=(Role.AGENCY_HEAD,),
    ),
    RequestStage(
        "movement_returned",
        "",
        RequestStatus.RETURNED,
        Role.UNIT_CLERK,
        Scope.UNIT,
        _("Bổ sung kế hoạch, báo cáo bị trả lại"),
        5,
    ),
)

REQUEST_STAGE_BY_KEY = {s.key: s for s in REQUEST_STAGES}


def request_stage(*, kind: str, status: str) -> RequestStage | None:
    """The wait a request in ``status`` is in (none once accepted)."""
    for stage in REQUEST_STAGES:
        if stage.status == status and stage.kind in ("", kind):
            return stage
    return None
