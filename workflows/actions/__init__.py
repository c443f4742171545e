"""The one door: every action that moves a dossier, completing tasks one way.

Screens and the API call these; each completes the open viewflow task inside
the flow lock and lets a ``nominations.services`` function fire the
transition and write the audit event in the same transaction.
"""

from .applications import (
    add_posting_comment,
    check_application,
    file_application,
    post_applications,
    refuse_application,
    resubmit_application,
    review_applications,
    send_up,
)
from .batches import BatchSubmission, submit_batch
from .batches import describe as describe_batch_line
from .council import record_cluster_meeting, record_meeting
from .decisions import issue_decision, recall_decision, record_proposal_result, sign_decision
from .disclosure import add_public_comment, open_disclosure
from .door import (
    OPEN_STATUSES,
    available_actions,
    claim,
    complete,
    open_task,
    perform,
    perform_many,
    release,
)
from .extensions import grant_extension

__all__ = [
    "add_posting_comment",
    "check_application",
    "file_application",
    "post_applications",
    "refuse_application",
    "resubmit_application",
    "review_applications",
    "send_up",
    "BatchSubmission",
    "describe_batch_line",
    "OPEN_STATUSES",
    "add_public_comment",
    "available_actions",
    "claim",
    "complete",
    "grant_extension",
    "issue_decision",
    "open_disclosure",
    "open_task",
    "perform",
    "perform_many",
    "recall_decision",
    "record_cluster_meeting",
    "record_meeting",
    "record_proposal_result",
    "release",
    "sign_decision",
    "submit_batch",
]
