"""The domain's models, one module per aggregate; imported from here as before."""

from .application import (
    ApplicationFile,
    ApplicationPosting,
    ApplicationTimeLimit,
    CitizenApplication,
    CommuneLetter,
    PostingComment,
    ServicePeriod,
)
from .audit import AuditCheckpoint, AuditEvent
from .catalog import (
    AwardAuthority,
    AwardeeClass,
    AwardType,
    BaseSalary,
    DocumentKind,
    EligibilityRule,
    LegalBasis,
    Movement,
    MovementMilestone,
    NomineeKind,
    ReportGroup,
    RewardCoefficient,
    Route,
    SubmissionExtension,
)
from .decision import (
    CertificateBlank,
    CertificateBlankField,
    Decision,
    DecisionCounter,
    DecisionLine,
    IssuanceTimeLimit,
)
from .declared import DeclaredHistory
from .disclosure import PublicComment, PublicDisclosure
from .dossier import Batch, Document, document_upload_to
from .history import AssessmentGrade, AwardRecord, Initiative, ServiceRecord
from .meeting import CouncilMeeting
from .movement import AdvancedExample, MovementRequest, Registration, RegistrationEntry, RegistrationRule
from .nomination import ACHIEVEMENTS_MAX_LENGTH, Appraisal, Comment, CouncilVote, Nomination, Stage
from .organisation import Cluster, ClusterMembership, Role, Unit, UnitMerge, User
from .report import ReportExport, WorkforceReport, WorkforceStaffLine
from .signing import SigningMethod

__all__ = [
    "ApplicationFile",
    "ApplicationPosting",
    "ApplicationTimeLimit",
    "IssuanceTimeLimit",
    "CitizenApplication",
    "CommuneLetter",
    "PostingComment",
    "ServicePeriod",
    "ACHIEVEMENTS_MAX_LENGTH",
    "AwardeeClass",
    "ReportGroup",
    "ReportExport",
    "WorkforceReport",
    "WorkforceStaffLine",
    "AssessmentGrade",
    "ServiceRecord",
    "AuditCheckpoint",
    "AwardAuthority",
    "Role",
    "Unit",
    "User",
    "Cluster",
    "ClusterMembership",
    "UnitMerge",
    "DocumentKind",
    "NomineeKind",
    "Route",
    "AwardType",
    "RewardCoefficient",
    "Movement",
    "MovementMilestone",
    "MovementRequest",
    "Registration",
    "RegistrationEntry",
    "RegistrationRule",
    "AdvancedExample",
    "EligibilityRule",
    "LegalBasis",
    "BaseSalary",
    "SubmissionExtension",
    "Stage",
    "Nomination",
    "Comment",
    "CouncilVote",
    "CouncilMeeting",
    "Appraisal",
    "DeclaredHistory",
    "document_upload_to",
    "Document",
    "Batch",
    "AwardRecord",
    "Initiative",
    "DecisionCounter",
    "Decision",
    "DecisionLine",
    "CertificateBlank",
    "CertificateBlankField",
    "PublicDisclosure",
    "PublicComment",
    "AuditEvent",
    "SigningMethod",
]
