"""The domain's words: a dossier's statuses, the stages that return it, the roles, scopes and paths.

Imports nothing of the project, so the models, the lifecycle table and the stage table
can all read it without importing one another (the models are re-exported from here:
``Nomination.Status``, ``Role``, ``AwardAuthority.Path`` are these classes).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where a nomination is in its lifecycle (``Nomination.status``)."""

    DRAFT = "draft", _("Đang soạn")
    CLUSTER_REVIEW = "cluster_review", _("Cụm/Khối đang xét")
    COUNCIL_REVIEW = "council_review", _("Đang thẩm định")
    COUNCIL_VOTE = "council_vote", _("Chờ Hội đồng biểu quyết")
    AWAITING_SIGNATURE = "awaiting_signature", _("Chờ ký quyết định")
    UNIT_VOTE = "unit_vote", _("Chờ Hội đồng cơ sở biểu quyết")
    UNIT_SIGNATURE = "unit_signature", _("Chờ thủ trưởng đơn vị ký")
    AWAITING_PROPOSAL = "awaiting_proposal", _("Chờ ký tờ trình đề nghị cấp trên")
    FORWARDED = "forwarded", _("Đã trình cấp trên")
    AWARDED = "awarded", _("Đã khen thưởng")
    RETURNED = "returned", _("Trả lại để bổ sung")
    REJECTED = "rejected", _("Không được khen thưởng")
    WITHDRAWN = "withdrawn", _("Đơn vị đã rút")


class Stage(models.TextChoices):
    """Review stages that can return a dossier (``Nomination.returned_from``, the targets of ``resubmit``)."""

    CLUSTER_REVIEW = "cluster_review", _("Cụm/Khối xét duyệt")
    COUNCIL_REVIEW = "council_review", _("Thẩm định")
    AWAITING_SIGNATURE = "awaiting_signature", _("Chờ ký quyết định")
    UNIT_SIGNATURE = "unit_signature", _("Chờ thủ trưởng đơn vị ký")
    AWAITING_PROPOSAL = "awaiting_proposal", _("Chờ ký tờ trình")
    FORWARDED = "forwarded", _("Cấp trên trả lại")


class Role(models.TextChoices):
    """The Django groups that carry the roles of DESIGN §1."""

    UNIT_CLERK = "unit_clerk", _("Cán bộ TĐKT đơn vị")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    CLUSTER_REVIEWER = "cluster_reviewer", _("Trưởng Cụm/Khối thi đua")
    APPRAISER = "appraiser", _("Chuyên viên Ban TĐKT")
    COUNCIL_SECRETARY = "council_secretary", _("Thư ký Hội đồng")
    LEADER = "leader", _("Lãnh đạo UBND tỉnh")
    AGENCY_HEAD = "agency_head", _("Trưởng Ban TĐKT")
    CLERK_OFFICE = "clerk_office", _("Văn thư")
    ADMIN = "admin", _("Quản trị")


class Scope:
    """How a role's reach over a dossier is checked."""

    UNIT = "unit"  # the dossier's own unit
    CLUSTER = "cluster"  # the clusters/blocks the user reviews
    PROVINCE = "province"  # every dossier that has left its unit


class Path(models.TextChoices):
    """Who decides an award, hence the way its dossier travels (``AwardAuthority.path``, ``Nomination.path``)."""

    UNIT = "unit", _("Đơn vị quyết định")
    PROVINCE = "province", _("Cấp tỉnh quyết định")
    UPWARD = "upward", _("Trình cấp trên")


class ApplicationStatus(models.TextChoices):
    """Where a citizen's application (Huy chương TNXP vẻ vang) is at the commune and after it."""

    FILED = "filed", _("Đã tiếp nhận")
    RETURNED = "returned", _("Trả lại để bổ sung giấy tờ")
    RESUBMITTED = "resubmitted", _("Đã nộp bổ sung")
    COMPLETE = "complete", _("Hồ sơ đầy đủ")
    POSTED = "posted", _("Đang niêm yết công khai")
    REVIEWED = "reviewed", _("Xã đã họp xét")
    SENT_UP = "sent_up", _("Đã trình Chủ tịch UBND tỉnh")
    REFUSED = "refused", _("Không đủ điều kiện (xã trả lời)")
    AWARDED = "awarded", _("Đã được tặng thưởng")
    NOT_AWARDED = "not_awarded", _("Không được tặng thưởng")


class ApplicationStep(models.TextChoices):
    """The time-limited steps of a citizen's application (working days, dated rows)."""

    COMMUNE = "commune", _("Xã xét và trình tỉnh")
    POSTING = "posting", _("Niêm yết công khai tại xã")
    PROVINCE = "province", _("Tỉnh thẩm định và đề nghị")


class MovementStatus(models.TextChoices):
    """Where a movement is: drafted by the Standing agency, launched to its participants, closed."""

    DRAFT = "draft", _("Đang soạn")
    LAUNCHED = "launched", _("Đã phát động")
    CLOSED = "closed", _("Đã tổng kết")


class RequestKind(models.TextChoices):
    """What a movement asks of a participating unit."""

    PLAN = "plan", _("Kế hoạch hưởng ứng")
    REPORT = "report", _("Báo cáo sơ kết, tổng kết")


class RequestStatus(models.TextChoices):
    """Where a unit's plan or report is (``MovementRequest.status``)."""

    OPEN = "open", _("Chưa gửi")
    SUBMITTED = "submitted", _("Đã gửi, chờ tiếp nhận")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class RegistrationStatus(models.TextChoices):
    """Where a unit's emulation registration is (``Registration.status``)."""

    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã chấp thuận")
