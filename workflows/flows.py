"""The nomination process: who must act on a dossier, and in which order.

django-fsm (``Nomination.status``) says what may happen to the dossier; this
flow says who must act next. Every human task is completed through
``workflows.actions.perform``, which calls the ``nominations.services``
function inside the flow lock; the gateways below then route on the status
the service has just set.
"""

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from nominations.models import Nomination

from .models import NominationProcess

S = Nomination.Status


def _status_is(*statuses):
    def cond(activation):
        return activation.process.nomination.status in statuses

    return cond


def task_redirect_view(request, *args, **kwargs):
    """viewflow's own task URL leads to the nomination page, where the actions are."""
    process = get_object_or_404(NominationProcess, pk=kwargs.get("process_pk"))
    return redirect(process.nomination.get_absolute_url())


class NominationFlow(flow.Flow):
    """Xét hồ sơ đề nghị khen thưởng

    Một hồ sơ đi từ đơn vị qua Cụm/Khối thi đua, thẩm định của Ban Thi đua –
    Khen thưởng, biểu quyết của Hội đồng đến chữ ký của lãnh đạo UBND tỉnh.
    Hồ sơ bị trả lại quay về đơn vị; khi nộp lại, hồ sơ trở về đúng bước đã
    trả lại nó.
    """

    process_class = NominationProcess
    # Row lock on the process (NOWAIT + retries): the loser of a race gets
    # FlowLockFailed and is told the dossier changed. No-op on SQLite, whose
    # writes are serialised by the database itself.
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.start_process).Next(this.route_submitted)

    route_submitted = (
        flow.Switch()
        .Annotation(title=_("Chuyển hồ sơ đã nộp"))
        .Case(this.cluster_review, _status_is(S.CLUSTER_REVIEW))
        .Case(this.appraisal, _status_is(S.COUNCIL_REVIEW))
    )

    cluster_review = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=_("Cụm/Khối xét duyệt"))
        .Permission("workflows.review_cluster")
        .Next(this.after_cluster_review)
    )

    after_cluster_review = (
        flow.Switch()
        .Annotation(title=_("Kết quả xét của Cụm/Khối"))
        .Case(this.appraisal, _status_is(S.COUNCIL_REVIEW))
        .Case(this.revise, _status_is(S.RETURNED))
        .Default(this.end)
    )

    appraisal = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=_("Thẩm định hồ sơ"))
        .Permission("workflows.appraise")
        .Next(this.after_appraisal)
    )

    after_appraisal = (
        flow.Switch()
        .Annotation(title=_("Kết quả thẩm định"))
        .Case(this.council_vote, _status_is(S.COUNCIL_VOTE))
        .Case(this.revise, _status_is(S.RETURNED))
        .Default(this.end)
    )

    council_vote = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=_("Hội đồng biểu quyết"))
        .Permission("workflows.record_vote")
        .Next(this.after_vote)
    )

    after_vote = (
        flow.Switch()
        .Annotation(title=_("Kết quả biểu quyết"))
        .Case(this.signature, _status_is(S.AWAITING_SIGNATURE))
        .Default(this.end)
    )

    signature = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=_("Lãnh đạo ký quyết định"))
        .Permission("workflows.sign_decision")
        .Next(this.after_signature)
    )

    after_signature = (
        flow.Switch()
        .Annotation(title=_("Kết quả ký"))
        .Case(this.revise, _status_is(S.RETURNED))
        .Case(this.council_vote, _status_is(S.COUNCIL_VOTE))
        .Default(this.end)
    )

    revise = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=_("Đơn vị bổ sung hồ sơ"))
        .Permission("workflows.revise_dossier")
        .Next(this.after_revise)
    )

    # Back to the stage that returned the dossier, not to the start.
    after_revise = (
        flow.Switch()
        .Annotation(title=_("Nộp lại hồ sơ"))
        .Case(this.cluster_review, _status_is(S.CLUSTER_REVIEW))
        .Case(this.appraisal, _status_is(S.COUNCIL_REVIEW))
        .Case(this.signature, _status_is(S.AWAITING_SIGNATURE))
        .Default(this.end)
    )

    end = flow.End().Annotation(title=_("Kết thúc"))

    def open_deadline(self, activation):
        """Every human task gets its due date in working days when it opens."""
        from .due import open_deadline

        open_deadline(task=activation.task, nomination=activation.process.nomination)

    def start_process(self, activation, *, nomination):
        """Bind the new process to its nomination (the submit already happened)."""
        activation.process.nomination = nomination
        return activation.process


# Human task nodes, in the order a dossier meets them.
HUMAN_TASKS = (
    NominationFlow.cluster_review,
    NominationFlow.appraisal,
    NominationFlow.council_vote,
    NominationFlow.signature,
    NominationFlow.revise,
)

# The open human task a nomination in this status waits on.
TASK_FOR_STATUS = {
    S.CLUSTER_REVIEW: NominationFlow.cluster_review,
    S.COUNCIL_REVIEW: NominationFlow.appraisal,
    S.COUNCIL_VOTE: NominationFlow.council_vote,
    S.AWAITING_SIGNATURE: NominationFlow.signature,
    S.RETURNED: NominationFlow.revise,
}
