"""THE stage table, and the action vocabulary beside it.

One row per stage a submitted dossier can wait in: the nomination status
while it waits, the flow task (whose name is also the SLA key), the role
that acts and how that role's scope is checked, the labels, the viewflow
permission the role's group holds, and the default processing time.

One row per action: the role that performs it (or "the role of the stage
the dossier is in"), its button and audit labels, the parameters it takes,
whether a reason is required, and whether it is irreversible.

Permissions, the flow's task map, the queues, the deadline sweep, role
groups, screens, the API and the audit log's labels all read from here.
Which status follows which (the edges, the routes of the three paths, where
a resubmission goes) is the other table, ``policy.lifecycle``; the statuses,
roles and scopes themselves are words of ``nominations.vocabulary``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..vocabulary import Role, Scope, Status

S = Status


@dataclass(frozen=True)
class Stage:
    key: str  # flow task name == SLA key == TaskDeadline.stage
    status: str  # Nomination.status while this stage waits
    role: str  # who acts
    scope: str  # how that role's scope is checked
    label: str  # the stage's short name (deadlines, SLA, notices)
    task_title: str  # the flow node's title
    permission: str  # viewflow permission codename held by the role's group
    permission_label: str
    sla_days: int  # default working days (the SlaPolicy table overrides)
    sla_days_ad_hoc: int | None = None  # default for ad-hoc awards, where shorter
    also: tuple[str, ...] = ()  # other roles that may act at this stage (same scope)

    @property
    def roles(self) -> tuple[str, ...]:
        return (self.role, *self.also)


STAGES = (
    Stage(
        key="cluster_review",
        status=S.CLUSTER_REVIEW,
        role=Role.CLUSTER_REVIEWER,
        scope=Scope.CLUSTER,
        label=_("Cụm/Khối xét duyệt"),
        task_title=_("Cụm/Khối xét duyệt"),
        permission="review_cluster",
        permission_label=_("Xét duyệt hồ sơ của Cụm/Khối"),
        sla_days=5,
    ),
    Stage(
        key="appraisal",
        status=S.COUNCIL_REVIEW,
        role=Role.APPRAISER,
        scope=Scope.PROVINCE,
        label=_("Thẩm định"),
        task_title=_("Thẩm định hồ sơ"),
        permission="appraise",
        permission_label=_("Thẩm định hồ sơ"),
        sla_days=10,
        sla_days_ad_hoc=3,
    ),
    Stage(
        key="council_vote",
        status=S.COUNCIL_VOTE,
        role=Role.COUNCIL_SECRETARY,
        scope=Scope.PROVINCE,
        label=_("Hội đồng biểu quyết"),
        task_title=_("Hội đồng biểu quyết"),
        permission="record_vote",
        permission_label=_("Ghi kết quả biểu quyết của Hội đồng"),
        sla_days=10,
        sla_days_ad_hoc=3,
    ),
    Stage(
        key="signature",
        status=S.AWAITING_SIGNATURE,
        role=Role.LEADER,
        scope=Scope.PROVINCE,
        label=_("Ký quyết định"),
        task_title=_("Lãnh đạo ký quyết định"),
        permission="sign_decision",
        permission_label=_("Ký quyết định khen thưởng"),
        sla_days=5,
        sla_days_ad_hoc=2,
    ),
    Stage(
        key="revise",
        status=S.RETURNED,
        role=Role.UNIT_CLERK,
        scope=Scope.UNIT,
        label=_("Đơn vị bổ sung hồ sơ"),
        task_title=_("Đơn vị bổ sung hồ sơ"),
        permission="revise_dossier",
        permission_label=_("Bổ sung hồ sơ bị trả lại"),
        sla_days=10,
    ),
    # The unit's own titles: its council advises (where the catalog asks for a vote), its head decides.
    Stage(
        key="unit_vote",
        status=S.UNIT_VOTE,
        role=Role.UNIT_CLERK,
        also=(Role.UNIT_HEAD,),
        scope=Scope.UNIT,
        label=_("Hội đồng cơ sở biểu quyết"),
        task_title=_("Hội đồng thi đua – khen thưởng cơ sở biểu quyết"),
        permission="record_unit_vote",
        permission_label=_("Ghi kết quả biểu quyết của Hội đồng cơ sở"),
        sla_days=10,
    ),
    Stage(
        key="unit_signature",
        status=S.UNIT_SIGNATURE,
        role=Role.UNIT_HEAD,
        scope=Scope.UNIT,
        label=_("Thủ trưởng ký quyết định"),
        task_title=_("Thủ trưởng đơn vị ký quyết định"),
        permission="sign_unit_decision",
        permission_label=_("Ký quyết định khen thưởng của đơn vị"),
        sla_days=10,
    ),
    # Awards the province proposes upward: the Chairman's proposal letter, then the central result.
    Stage(
        key="proposal",
        status=S.AWAITING_PROPOSAL,
        role=Role.LEADER,
        scope=Scope.PROVINCE,
        label=_("Ký tờ trình đề nghị cấp trên"),
        task_title=_("Lãnh đạo ký tờ trình đề nghị cấp trên"),
        permission="sign_proposal",
        permission_label=_("Ký tờ trình đề nghị cấp trên khen thưởng"),
        sla_days=5,
    ),
    Stage(
        key="central_result",
        status=S.FORWARDED,
        role=Role.APPRAISER,
        also=(Role.AGENCY_HEAD,),
        scope=Scope.PROVINCE,
        label=_("Chờ kết quả của cấp trên"),
        task_title=_("Cơ quan Thường trực ghi nhận kết quả của cấp trên"),
        permission="record_central_result",
        permission_label=_("Ghi nhận kết quả khen thưởng của cấp trên"),
        # The Ministry's limits (QĐ 311/QĐ-BNV): 20 working days to submit, +10 after
        # consultations, 10 to forward the decision.
        sla_days=40,
    ),
)

STAGE_BY_KEY = {s.key: s for s in STAGES}
STAGE_BY_STATUS = {s.status: s for s in STAGES}

# The scope of every role that acts on dossiers; the agency head oversees the province.
ROLE_SCOPE = {**{r: s.scope for s in STAGES for r in s.roles}, Role.AGENCY_HEAD: Scope.PROVINCE}
PROVINCE_ROLES = tuple(role for role, scope in ROLE_SCOPE.items() if scope == Scope.PROVINCE)

VOTE_PARAMS = ("votes_for", "votes_against", "members_present", "members_total")


@dataclass(frozen=True)
class Action:
    name: str
    label: str  # the button (and the API's transition label)
    event: str  # the audit log's label
    role: str | None  # None: the roles of the stage the dossier is in
    service: str = ""
    stages: tuple[
        str, ...
    ] = ()  # where the action applies (role None); empty: at any stage  # the nominations.services function that performs it
    params: tuple[str, ...] = ("comment",)
    required_params: tuple[str, ...] = ()
    reason_required: bool = False
    danger: bool = False  # irreversible or sends work back: shown as such
    transition: bool = True  # fired on one dossier through the door (screens and API)
    bulk: bool = False  # a reviewer may do it to many dossiers at once, with one comment


ACTIONS = (
    Action("submit", _("Nộp hồ sơ"), _("Nộp hồ sơ"), Role.UNIT_CLERK, "nomination_submit"),
    Action(
        "approve_cluster",
        _("Đồng ý, chuyển thẩm định"),
        _("Cụm/Khối đồng ý"),
        None,
        "nomination_approve_cluster",
        stages=("cluster_review",),
        bulk=True,
    ),
    Action(
        "return_for_changes",
        _("Trả lại đơn vị"),
        _("Trả lại đơn vị"),
        None,
        "nomination_return",
        reason_required=True,
        danger=True,
    ),
    Action("resubmit", _("Nộp lại hồ sơ"), _("Nộp lại hồ sơ"), Role.UNIT_CLERK, "nomination_resubmit"),
    Action(
        "pass_appraisal",
        _("Đạt, trình Hội đồng"),
        _("Thẩm định đạt"),
        None,
        "nomination_pass_appraisal",
        stages=("appraisal",),
        params=("comment", "checklist", "justification"),
    ),
    Action(
        "record_vote",
        _("Ghi kết quả biểu quyết"),
        _("Hội đồng biểu quyết"),
        None,
        "nomination_record_vote",
        stages=("council_vote", "unit_vote"),
        # At a recorded meeting (``meeting``) the members and those present are the meeting's.
        params=("comment", *VOTE_PARAMS, "meeting"),
        required_params=("votes_for", "votes_against"),
    ),
    Action(
        "reject",
        _("Không đồng ý khen thưởng"),
        _("Không đồng ý khen thưởng"),
        None,
        "nomination_reject",
        reason_required=True,
        danger=True,
    ),
    Action(
        "withdraw", _("Rút hồ sơ"), _("Đơn vị rút hồ sơ"), Role.UNIT_CLERK, "nomination_withdraw", danger=True
    ),
    Action(
        "return_to_council",
        _("Chuyển lại Hội đồng xem xét"),
        _("Lãnh đạo chuyển lại Hội đồng"),
        None,
        "nomination_return_to_council",
        stages=("signature", "proposal"),
        reason_required=True,
        danger=True,
    ),
    # A signature always goes through a Decision (many nominations, one number).
    Action(
        "sign",
        _("Ký quyết định"),
        _("Ký quyết định"),
        None,
        "nomination_sign",
        stages=("signature", "unit_signature"),
        transition=False,
    ),
    # Many nominations at once, through a proposal (tờ trình) and its recorded central result.
    Action(
        "forward",
        _("Ký tờ trình"),
        _("Trình cấp trên"),
        None,
        "nomination_forward",
        stages=("proposal",),
        transition=False,
    ),
    Action(
        "record_result",
        _("Ghi nhận kết quả"),
        _("Ghi nhận kết quả của cấp trên"),
        None,
        "nomination_record_result",
        stages=("central_result",),
        transition=False,
    ),
    # Not a transition: editing the dossier's fields and documents.
    Action("edit", _("Sửa hồ sơ"), _("Sửa thông tin hồ sơ"), Role.UNIT_CLERK, transition=False),
)

ACTION_BY_NAME = {a.name: a for a in ACTIONS}
TRANSITIONS = tuple(a.name for a in ACTIONS if a.transition)
BULK_ACTIONS = tuple(a.name for a in ACTIONS if a.transition and a.bulk)

# Audit events that are not transitions of one dossier.
OTHER_EVENTS = {
    "movement_create": _("Lập phong trào thi đua"),
    "movement_launch": _("Phát động phong trào thi đua"),
    "movement_milestone": _("Đặt mốc sơ kết, tổng kết phong trào"),
    "movement_request_submit": _("Đơn vị gửi kế hoạch, báo cáo phong trào"),
    "movement_request_accept": _("Tiếp nhận kế hoạch, báo cáo phong trào"),
    "movement_request_return": _("Trả lại kế hoạch, báo cáo phong trào"),
    "registration_save": _("Lập đăng ký thi đua"),
    "registration_import": _("Nhập danh sách đăng ký thi đua từ tệp"),
    "registration_submit": _("Gửi đăng ký thi đua"),
    "registration_accept": _("Chấp thuận đăng ký thi đua"),
    "registration_return": _("Trả lại đăng ký thi đua"),
    "create": _("Lập hồ sơ"),
    "update": _("Sửa thông tin hồ sơ"),
    "document_add": _("Tải lên tài liệu"),
    "extension_grant": _("Gia hạn nộp hồ sơ"),
    "initiative_link": _("Gắn sáng kiến làm căn cứ"),
    "unit_merge": _("Sáp nhập đơn vị"),
    "unit_split": _("Chia tách đơn vị"),
    "history_import": _("Nhập lịch sử khen thưởng"),
    "workforce_report_saved": _("Nhập số liệu biểu 0604, 0605"),
    "report_numbered": _("Lấy số báo cáo thi đua, khen thưởng"),
    "history_declare": _("Đơn vị kê khai lịch sử khen thưởng, sáng kiến (bản giấy)"),
    "history_confirm": _("Thẩm định xác nhận lịch sử kê khai"),
    "history_reject": _("Thẩm định không xác nhận lịch sử kê khai"),
    "decision_draft": _("Lập dự thảo quyết định"),
    "decision_draft_edit": _("Sửa dự thảo văn bản (căn cứ, tờ trình đề nghị, Điều 1)"),
    "decision_line_remove": _("Bỏ hồ sơ khỏi dự thảo văn bản (trở lại danh sách chờ ký)"),
    "decision_draft_discard": _("Hủy dự thảo văn bản"),
    "decision_sign": _("Ký ban hành quyết định"),
    "decision_cancel": _("Hủy quyết định"),
    "decision_signer_sign": _("Ký quyết định (chờ văn thư phát hành)"),
    "proposal_signer_sign": _("Ký tờ trình (chờ văn thư phát hành)"),
    "decision_issue": _("Văn thư cấp số, ký số cơ quan và phát hành quyết định"),
    "proposal_issue": _("Văn thư cấp số, ký số cơ quan và phát hành tờ trình"),
    "decision_recall": _("Người ký thu hồi văn bản chưa phát hành"),
    "disclosure_open": _("Công khai lấy ý kiến"),
    "batch_create": _("Lập tờ trình"),
    "batch_submit": _("Nộp tờ trình"),
    "batch_remove": _("Bỏ khỏi tờ trình"),
    "meeting_record": _("Ghi phiên họp Hội đồng"),
    "proposal_draft": _("Lập dự thảo tờ trình"),
    "proposal_sign": _("Ký tờ trình đề nghị cấp trên"),
    "proposal_result": _("Ghi nhận kết quả của cấp trên"),
}
EVENT_LABELS = {**{a.name: a.event for a in ACTIONS if a.name != "edit"}, **OTHER_EVENTS}


def event_label(action: str) -> str:
    return str(EVENT_LABELS.get(action, action))


def stage_for_status(status: str) -> Stage | None:
    return STAGE_BY_STATUS.get(status)
