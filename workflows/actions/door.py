"""The one door through which screens and the API act on a nomination.

It finds the open task for the dossier, checks who may act (role, scope and
task ownership), and completes the task inside viewflow's flow lock, where the
``nominations.services`` function fires the transition and writes the audit
event in the same transaction. The flow then routes to the next task.

Never call this from inside an outer ``transaction.atomic()``: the flow lock
opens the transaction itself (LIBRARY-NOTES: the nested-lock trap).
"""

from contextlib import contextmanager
from types import SimpleNamespace

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, TransitionNotAllowed, can_proceed, has_transition_perm
from viewflow.workflow import flow
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.signals import flow_finished, task_finished, task_started
from viewflow.workflow.status import PROCESS, STATUS

from nominations import selectors, services
from nominations.audit import appended_at_end
from nominations.exceptions import ActionError, DossierChanged, InvalidState, NotPermitted
from nominations.models import Nomination
from nominations.policy.permissions import can_act, can_take_task
from nominations.policy.stages import ACTION_BY_NAME, BULK_ACTIONS, TRANSITIONS

from .. import announce
from ..deadlines import close_deadlines
from ..flows import HUMAN_TASKS, TASK_FOR_STATUS, NominationFlow
from ..models import NominationProcess, TaskDeadline

S = Nomination.Status
OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
RACE_ERRORS = (FlowLockFailed, TransitionNotAllowed, ConcurrentTransition)
# PostgreSQL: deadlock_detected, lock_not_available (lock_timeout / NOWAIT), serialization_failure.
LOCK_CONFLICT_CODES = {"40P01", "55P03", "40001"}
LOCK_WAIT = "5s"
# The partial unique index that keeps a dossier on at most one live (signed) document.
ONE_LIVE_DOCUMENT = "decision_line_one_live_document"
# The only statuses a signed, unissued document holds its dossiers in (its issuance moves them on).
HELD_STATUSES = (S.AWAITING_SIGNATURE, S.UNIT_SIGNATURE, S.AWAITING_PROPOSAL)


def lock_conflict(exc: OperationalError) -> bool:
    """A lost race at the database (deadlock, lock timeout): told as "the dossier changed", never a 500."""
    return getattr(getattr(exc, "__cause__", None), "pgcode", None) in LOCK_CONFLICT_CODES


@contextmanager
def races_told_as_changed():
    """A lost race, wherever it surfaces (flow lock, django-fsm, the database), is "the dossier changed"."""
    try:
        yield
    except RACE_ERRORS as exc:
        raise DossierChanged() from exc
    except IntegrityError as exc:
        if ONE_LIVE_DOCUMENT in str(exc) or str(exc).endswith(
            "UNIQUE constraint failed: nominations_decisionline.nomination_id"
        ):
            raise DossierChanged(
                _(
                    "Một hồ sơ của văn bản này vừa được ký trong một văn bản khác: văn bản này chưa được ký, chưa có thay đổi nào. Đề nghị bỏ hồ sơ đó khỏi dự thảo rồi ký lại."
                )
            ) from exc
        raise
    except OperationalError as exc:
        if lock_conflict(exc):
            raise DossierChanged() from exc
        raise


def bounded_lock_wait() -> None:
    """Within the current transaction, wait at most LOCK_WAIT for any row lock (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = %s", [LOCK_WAIT])


def service_for(action: str):
    """The nominations service that performs an action (named in the stage table)."""
    return getattr(services, ACTION_BY_NAME[action].service)


def open_task(nomination_id: int) -> Task | None:
    """The human task the nomination currently waits on, if any."""
    return (
        Task.objects.filter(
            process__nominationprocess__nomination_id=nomination_id,
            flow_task__in=HUMAN_TASKS,
            status__in=OPEN_STATUSES,
        )
        .select_related("owner")
        .order_by("-id")
        .first()
    )


def complete(activation, user, *, take_over: bool = False) -> None:
    """Finish a human task as ``user`` and let the flow route on (inside the flow's transaction).

    The service has already fired the transition on ``activation.process.nomination``.
    ``take_over``: a leader signing a decision completes a task a colleague had taken.
    """
    task = activation.task
    # Taken and finished in one write: viewflow's assign() and reassign() save the whole task row,
    # then complete() saves it again. The ASSIGNED state would exist only inside this transaction
    # (nobody else can see it), so the owner is set here and written once, with DONE. Role and
    # scope were checked by the caller (viewflow's assign checks no permission either).
    if activation.assign.can_proceed():
        task.owner = user
        task.status = STATUS.ASSIGNED
    elif take_over and task.owner_id != user.pk:
        task.owner = user
    activation.start(None)
    activation.execute()
    close_deadlines(task_ids=[activation.task.pk])


def complete_many(tasks, user) -> None:
    """Finish many human tasks as ``user`` (taking them over), inside the caller's transaction and
    under the process locks it holds; ``task.process.nomination`` is the instance the service moved.

    Where the flow ends after the task (its next node is a Switch whose branch for the new status
    is End, as for a signed decision), the rows viewflow would write one activation at a time are
    written in sets: the task DONE (owner, started, finished), the Switch's and the End's tasks
    DONE with the same token and their ``previous`` links, the process DONE (when no other task of
    it is open), the deadlines closed; viewflow's signals are sent as its activations send them.
    Any other route (a proposal opens the central result's task) goes through ``complete``."""
    end_of = {task.pk: node for task in tasks if (node := _end_after(task)) is not None}
    ending = [task for task in tasks if task.pk in end_of]
    chosen = set(end_of)
    for task in tasks:
        if task.pk not in chosen:
            activation = task.flow_task.activation_class(task)
            activation.process.nomination = task.process.nomination
            complete(activation, user, take_over=True)
            announce.arrived(task.process.nomination.pk)
    if not ending:
        return
    now = timezone.now()
    task_class = NominationFlow.task_class
    ids = [task.pk for task in ending]
    task_class.objects.filter(pk__in=ids).update(owner=user, status=STATUS.DONE, started=now, finished=now)

    def row(task, node, **times):
        return task_class(
            process_id=task.process_id,
            flow_task=node,
            flow_task_type=node.task_type,
            status=STATUS.DONE,
            token=task.token,
            created=now,
            finished=now,
            data={},
            **times,
        )

    switches = task_class.objects.bulk_create([row(task, task.flow_task._next) for task in ending])
    ends = task_class.objects.bulk_create([row(task, end_of[task.pk], started=now) for task in ending])
    link = task_class.previous.through
    link.objects.bulk_create(
        [
            link(from_task_id=switch.pk, to_task_id=task.pk)
            for task, switch in zip(ending, switches, strict=True)
        ]
        + [
            link(from_task_id=end.pk, to_task_id=switch.pk)
            for switch, end in zip(switches, ends, strict=True)
        ]
    )
    # The End finishes the process only when nothing else of it is open (viewflow's rule).
    busy = set(
        task_class.objects.filter(process_id__in=[t.process_id for t in ending], finished__isnull=True)
        .exclude(pk__in=ids)
        .values_list("process_id", flat=True)
    )
    finished = [task.process_id for task in ending if task.process_id not in busy]
    NominationProcess.objects.filter(pk__in=finished).update(status=PROCESS.DONE, finished=now)
    close_deadlines(task_ids=ids)
    sender = NominationFlow
    for task, switch, end in zip(ending, switches, ends, strict=True):
        process = task.process
        task.owner, task.status, task.started, task.finished = user, STATUS.DONE, now, now
        task_started.send(sender=sender, process=process, task=task)
        task_finished.send(sender=sender, process=process, task=task)
        task_finished.send(sender=sender, process=process, task=switch)
        task_started.send(sender=sender, process=process, task=end)
        task_finished.send(sender=sender, process=process, task=end)
        if task.process_id not in busy:
            process.status, process.finished = PROCESS.DONE, now
            flow_finished.send(sender=sender, process=process, task=end)


def _end_after(task):
    """The task's next node is a Switch that routes the moved nomination to End (the flow's own
    conditions decide, read on ``task.process.nomination``), with no task data or seed to compute."""
    node = task.flow_task
    switch = getattr(node, "_next", None)
    if not isinstance(switch, flow.Switch) or node._task_data is not None or node._task_seed is not None:
        return None
    probe = SimpleNamespace(process=task.process, task=task, flow_task=switch)
    for target, condition in switch._branches:
        if condition is None or condition(probe):
            return target if isinstance(target, flow.End) else None
    return None


def perform(*, user, nomination_id: int, action: str, ip: str | None = None, **params) -> Nomination:
    """Do ``action`` on the nomination as ``user``; return the nomination as it now is.

    Raises a ``nominations.exceptions.ActionError``: NotPermitted, InvalidState,
    InvalidInput, or DossierChanged when someone else acted first.
    """
    if action not in TRANSITIONS:
        raise InvalidState(_("Thao tác không tồn tại."))
    with races_told_as_changed():
        if action == "submit":
            return _submit(user=user, nomination_id=nomination_id, ip=ip, **params)
        return _complete_task(user=user, nomination_id=nomination_id, action=action, ip=ip, **params)


def perform_many(*, user, nomination_ids, action: str, ip: str | None = None, comment: str = ""):
    """The same action with one comment on many dossiers (where the stage table allows it), each
    through the door on its own: its own transaction, audit event and task completion, so one that
    someone else moved first fails alone. Returns (done, failed): the nominations moved, and
    (nomination id, message) for the others."""
    if action not in BULK_ACTIONS:
        raise InvalidState(_("Thao tác này không thực hiện hàng loạt được."))
    done, failed = [], []
    for pk in dict.fromkeys(nomination_ids):
        try:
            done.append(perform(user=user, nomination_id=pk, action=action, ip=ip, comment=comment))
        except ActionError as exc:
            failed.append((pk, exc.message))
        except Nomination.DoesNotExist:
            failed.append((pk, str(NotPermitted().message)))
    return done, failed


def start_process(nomination: Nomination) -> None:
    """The flow of a just-submitted nomination (inside the submitting transaction); the people of
    its first stage are told once it commits."""
    NominationFlow.start.run(nomination=nomination)
    announce.arrived(nomination.pk)


def _submit(*, user, nomination_id, ip, **params) -> Nomination:
    # A new process has no competitor for its lock; the nomination row lock
    # makes a double click submit once.
    with transaction.atomic(), appended_at_end():
        nomination = Nomination.objects.select_for_update().get(pk=nomination_id)
        services.nomination_submit(nomination=nomination, actor=user, ip=ip, **params)
        start_process(nomination)
    return nomination


@contextmanager
def locked_activation(task: Task):
    """viewflow's ``task.activation()`` (the flow lock, the task read afresh under it, the
    activation), with the task, its process and the nomination (award type, unit) read in ONE
    statement: ``task.activation()`` refreshes the task, then reads the process and its subclass
    row one by one, and the door read the nomination after them."""
    with task.flow_task.flow_class.lock(task.process_id):
        fresh = Task.objects.select_related(
            "process__nominationprocess__nomination__award_type",
            "process__nominationprocess__nomination__unit",
        ).get(pk=task.pk)
        yield fresh.flow_task.activation_class(fresh)


def _complete_task(*, user, nomination_id, action, ip, **params) -> Nomination:
    task = open_task(nomination_id)
    if task is None:
        nomination = Nomination.objects.get(pk=nomination_id)
        if action == "withdraw" and nomination.status == S.DRAFT:
            # A draft has no process yet: nothing to route. Its own transaction: the service opens
            # no savepoint (it runs inside its caller's), so a refusal must end a block of ours.
            with transaction.atomic():
                return services.nomination_withdraw(nomination=nomination, actor=user, ip=ip, **params)
        raise InvalidState(
            _("Hồ sơ đang ở trạng thái “%(status)s”, không còn bước nào chờ xử lý.")
            % {"status": nomination.get_status_display()}
        )
    with locked_activation(task) as activation:
        with appended_at_end() as events:
            # Read once, under the lock, with what the deadline of the next task and the notices
            # need; the gateways read THIS instance through the process.
            nomination = activation.process.nomination
            if (
                activation.task.status not in OPEN_STATUSES
                or TASK_FOR_STATUS.get(nomination.status) != task.flow_task
            ):
                raise DossierChanged()
            refuse_if_held(nomination)

            from_status = nomination.status
            if action == "withdraw" and task.flow_task != NominationFlow.revise:
                # The unit pulls back a dossier that waits on a reviewer: the
                # reviewer's task is cancelled, not completed on their behalf.
                services.nomination_withdraw(nomination=nomination, actor=user, ip=ip, **params)
                NominationFlow.instance.cancel(activation.process)
                close_deadlines(task_ids=activation.process.task_set.values_list("id", flat=True))
            else:
                _check_task_owner(user, nomination, action, activation.task)
                service_for(action)(nomination=nomination, actor=user, ip=ip, **params)
                complete(activation, user)
                if action == "resubmit":
                    _hand_back(nomination)
                # The next stage's people hear of it after the commit (a resubmission is told to
                # its reviewer, and a dossier sent back to the Council to its people, just below).
                if action not in ("resubmit", "return_to_council"):
                    announce.arrived(nomination.pk)
        # The audit rows are written now (last, under the chain's lock); the notices name them.
        announce.after_action(
            nomination=nomination, action=action, from_status=from_status, event=_last(events, action)
        )
    return nomination


def refuse_if_held(nomination: Nomination) -> None:
    """A dossier on a signed document that waits for issuance takes no transition (return,
    rejection, anything): the document would then never be issued. The signer recalls it first."""
    if nomination.status not in HELD_STATUSES:
        return  # no signed document can hold it: no query on the way of every other action
    document = selectors.holding_document(nomination_id=nomination.pk)
    if document is not None:
        raise InvalidState(
            _(
                "Hồ sơ nằm trong văn bản “%(title)s” đã được ký, đang chờ văn thư phát hành: không thể trả lại, từ chối hay chuyển bước. Người ký cần thu hồi văn bản trước."
            )
            % {"title": document.title}
        )


def _last(events, action):
    """The audit row of ``action`` just written by this action (its id is known once written)."""
    return next((e for e in reversed(events) if e.action == action and e.pk), None)


def _hand_back(nomination) -> None:
    """A resubmitted dossier goes straight to the reviewer who returned it, while they still hold the
    role and the scope (inside the flow lock the door already holds for this process)."""
    reviewer = announce.returned_by(nomination)
    task = open_task(nomination.pk)
    if reviewer is None or task is None or task.owner_id or not can_take_task(reviewer, nomination):
        return
    activation = task.flow_task.activation_class(task)
    if activation.assign.can_proceed():
        activation.assign(reviewer)
        # The queues read the owner on the deadline row (as claim() sets it).
        TaskDeadline.objects.filter(task_id=task.pk).update(owner=reviewer)


def _check_task_owner(user, nomination, action, task) -> None:
    if not can_act(user, nomination, action):
        raise NotPermitted()
    if task.owner_id and task.owner_id != user.pk:
        raise NotPermitted(
            _(
                "Hồ sơ đang được %(name)s nhận xử lý; chỉ người đó (hoặc sau khi trả lại hàng chờ) mới thao tác được."
            )
            % {"name": task.owner.get_full_name()}
        )


# --- claim / release: taking a task from the group queue -------------------


def claim(*, user, task_id: int) -> Task:
    """Take a queued task so colleagues see that someone is on it."""
    task = Task.objects.get(pk=task_id)
    try:
        with task.activation() as activation:
            if not can_take_task(user, activation.process.nomination):
                raise NotPermitted()
            if not activation.assign.can_proceed():
                raise DossierChanged(_("Hồ sơ này đã có người nhận xử lý."))
            activation.assign(user)
            TaskDeadline.objects.filter(task_id=activation.task.pk).update(owner=user)
            return activation.task
    except FlowLockFailed as exc:
        raise DossierChanged() from exc


def release(*, user, task_id: int) -> Task:
    """Put a task one holds back in the group queue."""
    task = Task.objects.get(pk=task_id)
    try:
        with task.activation() as activation:
            if activation.task.owner_id != user.pk and not user.is_superuser:
                raise NotPermitted(_("Chỉ người đang giữ hồ sơ mới trả lại hàng chờ được."))
            if not activation.unassign.can_proceed():
                raise DossierChanged()
            activation.unassign()
            TaskDeadline.objects.filter(task_id=activation.task.pk).update(owner=None)
            return activation.task
    except FlowLockFailed as exc:
        raise DossierChanged() from exc


# --- what a screen may offer --------------------------------------------------


def available_actions(user, nomination: Nomination, task: Task | None = None) -> list[str]:
    """The actions this user may take on the nomination now (buttons, API)."""
    if nomination.status in HELD_STATUSES and selectors.holding_document(nomination_id=nomination.pk):
        return []  # held by a signed document until it is issued or recalled
    result = []
    for action in TRANSITIONS:
        method = getattr(nomination, action)
        if not (can_proceed(method) and has_transition_perm(method, user)):
            continue
        if nomination.status != S.DRAFT and action != "withdraw":
            # Review actions complete the open task: it must exist and be free or ours.
            task = task or open_task(nomination.pk)
            if task is None or (task.owner_id and task.owner_id != user.pk):
                continue
        result.append(action)
    return result
