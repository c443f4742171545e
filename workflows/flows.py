"""The nomination process: who must act on a dossier, and in which order.

django-fsm (``Nomination.status``) says what may happen to the dossier; this
flow says who must act next. Every human task is completed through
``workflows.actions.perform``, which calls the ``nominations.services``
function inside the flow lock; the gateways below then route on the status
the service has just set. Their cases are the lifecycle table's successors
(``nominations.policy.lifecycle``), never a list written here.
"""

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.switch import SwitchActivation

from nominations.policy.lifecycle import NOMINATION
from nominations.policy.stages import STAGE_BY_KEY, STAGE_BY_STATUS, STAGES

from .models import NominationProcess


def _waits_at(key: str):
    """Route to the task whose stage the nomination's status now is (the stage table)."""
    status = STAGE_BY_KEY[key].status

    def cond(activation):
        return activation.process.nomination.status == status

    return cond


def _gateway(title, *, after: str | None = None, action: str | None = None) -> "Switch":
    """A gateway whose cases are the lifecycle table's successors: of the stage ``after`` (every
    action there), or of the draft by ``action``. A successor that waits at a stage routes to that
    stage's task; a terminal one ends the process."""
    if after is not None:
        successors = NOMINATION.successors(STAGE_BY_KEY[after].status)
    else:
        successors = NOMINATION.targets(action)
    gateway = Switch().Annotation(title=title)
    for status in successors:
        if status in STAGE_BY_STATUS:
            key = STAGE_BY_STATUS[status].key
            gateway = gateway.Case(getattr(this, key), _waits_at(key))
        elif not NOMINATION.is_terminal(status):
            raise ValueError(f"{status} follows {after or action} but no stage waits at it")
    if any(NOMINATION.is_terminal(status) for status in successors):
        gateway = gateway.Default(this.end)
    return gateway


def _permission(key: str) -> str:
    return f"workflows.{STAGE_BY_KEY[key].permission}"


class RoutingActivation(SwitchActivation):
    """viewflow's Switch activation without its savepoint.

    viewflow opens one around the conditions so that, when a timer or a job routes with
    ``propagate_exception=False``, a failing condition can be rolled back and the gateway kept in
    ERROR. This flow has neither: its conditions read a status already in memory, and any error
    propagates and rolls the whole completion back, so the savepoint was two round trips per
    completion that could never be used.
    """

    @Activation.status.super()
    def activate(self):
        with self.exception_guard():
            for node, cond in self.flow_task._branches:  # viewflow's own loop, unchanged
                if cond:
                    if cond(self):
                        self.next_task = node
                        break
                else:
                    self.next_task = node
            if not self.next_task:
                raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


class Switch(flow.Switch):
    activation_class = RoutingActivation


def task_redirect_view(request, *args, **kwargs):
    """viewflow's own task URL leads to the nomination page, where the actions are."""
    process = get_object_or_404(NominationProcess, pk=kwargs.get("process_pk"))
    return redirect(process.nomination.get_absolute_url())


class NominationFlow(flow.Flow):
    """Xét hồ sơ đề nghị khen thưởng

    Mỗi hồ sơ đi theo thẩm quyền của hình thức khen thưởng (danh mục, không
    phải mã nguồn): danh hiệu của đơn vị qua Hội đồng cơ sở đến thủ trưởng
    ký; khen thưởng cấp tỉnh qua Cụm/Khối, thẩm định, Hội đồng tỉnh (nếu cần
    biểu quyết) đến lãnh đạo UBND tỉnh ký; khen thưởng cấp Nhà nước được
    Chủ tịch UBND tỉnh ký tờ trình đề nghị cấp trên và chờ kết quả. Hồ sơ bị
    trả lại quay về đơn vị; khi nộp lại, hồ sơ trở về đúng bước đã trả lại nó.
    """

    process_class = NominationProcess
    # Row lock on the process (NOWAIT + retries): the loser of a race gets
    # FlowLockFailed and is told the dossier changed. No-op on SQLite, whose
    # writes are serialised by the database itself.
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.start_process).Next(this.route_submitted)

    route_submitted = _gateway(_("Chuyển hồ sơ đã nộp"), action="submit")

    # --- the unit's own titles: its council, then its head ---------------------

    unit_vote = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["unit_vote"].task_title)
        .Permission(_permission("unit_vote"))
        .Next(this.after_unit_vote)
    )

    after_unit_vote = _gateway(_("Kết quả biểu quyết cơ sở"), after="unit_vote")

    unit_signature = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["unit_signature"].task_title)
        .Permission(_permission("unit_signature"))
        .Next(this.after_unit_signature)
    )

    after_unit_signature = _gateway(_("Kết quả ký của thủ trưởng"), after="unit_signature")

    # --- provincial and upward awards ------------------------------------------

    cluster_review = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["cluster_review"].task_title)
        .Permission(_permission("cluster_review"))
        .Next(this.after_cluster_review)
    )

    after_cluster_review = _gateway(_("Kết quả xét của Cụm/Khối"), after="cluster_review")

    appraisal = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["appraisal"].task_title)
        .Permission(_permission("appraisal"))
        .Next(this.after_appraisal)
    )

    after_appraisal = _gateway(_("Kết quả thẩm định"), after="appraisal")

    council_vote = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["council_vote"].task_title)
        .Permission(_permission("council_vote"))
        .Next(this.after_vote)
    )

    after_vote = _gateway(_("Kết quả biểu quyết"), after="council_vote")

    signature = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["signature"].task_title)
        .Permission(_permission("signature"))
        .Next(this.after_signature)
    )

    after_signature = _gateway(_("Kết quả ký"), after="signature")

    proposal = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["proposal"].task_title)
        .Permission(_permission("proposal"))
        .Next(this.after_proposal)
    )

    after_proposal = _gateway(_("Kết quả ký tờ trình"), after="proposal")

    central_result = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["central_result"].task_title)
        .Permission(_permission("central_result"))
        .Next(this.after_central_result)
    )

    after_central_result = _gateway(_("Kết quả của cấp trên"), after="central_result")

    revise = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["revise"].task_title)
        .Permission(_permission("revise"))
        .Next(this.after_revise)
    )

    # Back to the stage that returned the dossier, not to the start.
    after_revise = _gateway(_("Nộp lại hồ sơ"), after="revise")

    end = flow.End().Annotation(title=_("Kết thúc"))

    def open_deadline(self, activation):
        """Every human task gets its due date in working days when it opens."""
        from .deadlines import open_deadline

        open_deadline(task=activation.task, nomination=activation.process.nomination)

    def start_process(self, activation, *, nomination):
        """Bind the new process to its nomination (the submit already happened)."""
        activation.process.nomination = nomination
        return activation.process


# Human task nodes and the open task a nomination in each status waits on (the stage table).
HUMAN_TASKS = tuple(getattr(NominationFlow, stage.key) for stage in STAGES)
TASK_FOR_STATUS = {stage.status: getattr(NominationFlow, stage.key) for stage in STAGES}
