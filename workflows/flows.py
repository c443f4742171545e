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
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.nodes.switch import SwitchActivation

from nominations.policy.stages import STAGE_BY_KEY, STAGES

from .models import NominationProcess


def _waits_at(key: str):
    """Route to the task whose stage the nomination's status now is (the stage table)."""
    status = STAGE_BY_KEY[key].status

    def cond(activation):
        return activation.process.nomination.status == status

    return cond


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

    route_submitted = (
        Switch()
        .Annotation(title=_("Chuyển hồ sơ đã nộp"))
        .Case(this.cluster_review, _waits_at("cluster_review"))
        .Case(this.appraisal, _waits_at("appraisal"))
        .Case(this.unit_vote, _waits_at("unit_vote"))
        .Case(this.unit_signature, _waits_at("unit_signature"))
    )

    # --- the unit's own titles: its council, then its head ---------------------

    unit_vote = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["unit_vote"].task_title)
        .Permission(_permission("unit_vote"))
        .Next(this.after_unit_vote)
    )

    after_unit_vote = (
        Switch()
        .Annotation(title=_("Kết quả biểu quyết cơ sở"))
        .Case(this.unit_signature, _waits_at("unit_signature"))
        .Default(this.end)
    )

    unit_signature = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["unit_signature"].task_title)
        .Permission(_permission("unit_signature"))
        .Next(this.after_unit_signature)
    )

    after_unit_signature = (
        Switch()
        .Annotation(title=_("Kết quả ký của thủ trưởng"))
        .Case(this.revise, _waits_at("revise"))
        .Default(this.end)
    )

    # --- provincial and upward awards ------------------------------------------

    cluster_review = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["cluster_review"].task_title)
        .Permission(_permission("cluster_review"))
        .Next(this.after_cluster_review)
    )

    after_cluster_review = (
        Switch()
        .Annotation(title=_("Kết quả xét của Cụm/Khối"))
        .Case(this.appraisal, _waits_at("appraisal"))
        .Case(this.revise, _waits_at("revise"))
        .Default(this.end)
    )

    appraisal = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["appraisal"].task_title)
        .Permission(_permission("appraisal"))
        .Next(this.after_appraisal)
    )

    after_appraisal = (
        Switch()
        .Annotation(title=_("Kết quả thẩm định"))
        .Case(this.council_vote, _waits_at("council_vote"))
        # Where the catalog says the Standing agency's appraisal suffices: no vote.
        .Case(this.signature, _waits_at("signature"))
        .Case(this.proposal, _waits_at("proposal"))
        .Case(this.revise, _waits_at("revise"))
        .Default(this.end)
    )

    council_vote = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["council_vote"].task_title)
        .Permission(_permission("council_vote"))
        .Next(this.after_vote)
    )

    after_vote = (
        Switch()
        .Annotation(title=_("Kết quả biểu quyết"))
        .Case(this.signature, _waits_at("signature"))
        .Case(this.proposal, _waits_at("proposal"))
        .Default(this.end)
    )

    signature = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["signature"].task_title)
        .Permission(_permission("signature"))
        .Next(this.after_signature)
    )

    after_signature = (
        Switch()
        .Annotation(title=_("Kết quả ký"))
        .Case(this.revise, _waits_at("revise"))
        .Case(this.council_vote, _waits_at("council_vote"))
        .Default(this.end)
    )

    proposal = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["proposal"].task_title)
        .Permission(_permission("proposal"))
        .Next(this.after_proposal)
    )

    after_proposal = (
        Switch()
        .Annotation(title=_("Kết quả ký tờ trình"))
        .Case(this.central_result, _waits_at("central_result"))
        .Case(this.revise, _waits_at("revise"))
        .Case(this.council_vote, _waits_at("council_vote"))
        .Default(this.end)
    )

    central_result = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["central_result"].task_title)
        .Permission(_permission("central_result"))
        .Next(this.after_central_result)
    )

    after_central_result = (
        Switch()
        .Annotation(title=_("Kết quả của cấp trên"))
        .Case(this.revise, _waits_at("revise"))
        .Default(this.end)
    )

    revise = (
        flow.View(task_redirect_view)
        .onCreate(this.open_deadline)
        .Annotation(title=STAGE_BY_KEY["revise"].task_title)
        .Permission(_permission("revise"))
        .Next(this.after_revise)
    )

    # Back to the stage that returned the dossier, not to the start.
    after_revise = (
        Switch()
        .Annotation(title=_("Nộp lại hồ sơ"))
        .Case(this.cluster_review, _waits_at("cluster_review"))
        .Case(this.appraisal, _waits_at("appraisal"))
        .Case(this.signature, _waits_at("signature"))
        .Case(this.unit_signature, _waits_at("unit_signature"))
        .Case(this.proposal, _waits_at("proposal"))
        .Default(this.end)
    )

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
