"""Every write of the domain, by aggregate; each atomic, each with its audit event.

Only these functions fire django-fsm transitions (``Nomination.status``,
``Decision.status``). The workflow engine calls the transition services from
inside its flow lock; screens and the API call the others directly.
"""

from .batch import (
    BATCH_COLUMNS,
    BATCH_OPTIONAL_COLUMNS,
    GRADE_COLUMNS,
    batch_add_nomination,
    batch_create,
    batch_document_add,
    batch_import_grades,
    batch_mark_submitted,
    batch_remove_nomination,
)
from .batch_import import BatchImportResult, batch_import_nominees
from .batch_import import template_workbook as batch_template_workbook
from .decision import (
    Rendered,
    StaleRendering,
    can_issue,
    decision_cancel,
    decision_check_lines_awaiting,
    decision_create_draft,
    decision_mark_signed,
    decision_needs_office,
    decision_open_for_issue,
    decision_open_for_signing,
    decision_recall,
    decision_render_for_issue,
    decision_render_for_signing,
    decision_sign_by_signer,
    proposal_open_for_result,
    proposal_result_recorded,
    signing_status,
    take_next_number,
)
from .declared import history_confirm, history_declare, history_reject
from .disclosure import disclosure_create, public_comment_add
from .dossier import comment_add, document_add, free_initiative, initiative_link, store_document
from .extension import submission_extension_grant
from .imports import (
    import_award_history,
    import_grades,
    import_memberships,
    import_service_records,
    import_units,
)
from .meeting import RECORDERS as MEETING_RECORDERS
from .meeting import check_meeting, meeting_link, meeting_record, meetings_for
from .nomination import (
    EDITABLE_FIELDS,
    nomination_approve_cluster,
    nomination_create,
    nomination_pass_appraisal,
    nomination_record_vote,
    nomination_reject,
    nomination_resubmit,
    nomination_return,
    nomination_return_to_council,
    nomination_submit,
    nomination_update,
    nomination_withdraw,
)
from .organisation import lineage, unit_merge, unit_split
from .outcome import nomination_forward, nomination_record_result, nomination_sign, nominations_conclude
from .workforce import workforce_report_save

__all__ = [
    "workforce_report_save",
    "history_confirm",
    "history_declare",
    "history_reject",
    "BATCH_COLUMNS",
    "BATCH_OPTIONAL_COLUMNS",
    "GRADE_COLUMNS",
    "EDITABLE_FIELDS",
    "batch_add_nomination",
    "batch_create",
    "batch_document_add",
    "batch_import_grades",
    "batch_import_nominees",
    "batch_mark_submitted",
    "batch_remove_nomination",
    "MEETING_RECORDERS",
    "check_meeting",
    "meeting_link",
    "meeting_record",
    "meetings_for",
    "BatchImportResult",
    "batch_template_workbook",
    "comment_add",
    "decision_cancel",
    "decision_create_draft",
    "decision_check_lines_awaiting",
    "decision_mark_signed",
    "decision_open_for_signing",
    "can_issue",
    "decision_needs_office",
    "decision_open_for_issue",
    "decision_recall",
    "decision_render_for_issue",
    "decision_render_for_signing",
    "decision_sign_by_signer",
    "Rendered",
    "StaleRendering",
    "proposal_open_for_result",
    "proposal_result_recorded",
    "signing_status",
    "disclosure_create",
    "document_add",
    "free_initiative",
    "import_award_history",
    "import_grades",
    "import_service_records",
    "import_memberships",
    "import_units",
    "initiative_link",
    "nomination_approve_cluster",
    "nomination_create",
    "nomination_forward",
    "nomination_record_result",
    "nomination_pass_appraisal",
    "nomination_record_vote",
    "nomination_reject",
    "nomination_resubmit",
    "nomination_return",
    "nomination_return_to_council",
    "nomination_sign",
    "nominations_conclude",
    "nomination_submit",
    "nomination_update",
    "nomination_withdraw",
    "public_comment_add",
    "store_document",
    "submission_extension_grant",
    "take_next_number",
    "unit_merge",
    "unit_split",
    "lineage",
]
