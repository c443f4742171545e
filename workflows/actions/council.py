"""One council meeting, many dossiers' votes: ONE transaction, one audit event per dossier.

The secretary (the provincial Council's, or the unit's clerk for its own council) records the
meeting once (date, members, present, its minutes) and the ballots of each dossier discussed;
every vote records that meeting. Like signing, the processes are locked in id order and each task
is completed through the door's ``complete``; any dossier that cannot take its vote (moved
meanwhile, invalid numbers, minutes missing) fails the whole meeting before anything is written.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from nominations import services
from nominations.exceptions import InvalidInput
from nominations.models import CouncilMeeting, Nomination

from .. import announce
from ..flows import NominationFlow
from .decisions import lock_processes, open_task_at
from .door import complete, perform_many, races_told_as_changed

S = Nomination.Status
# The flow task each council's vote completes.
VOTE_TASK = {S.COUNCIL_VOTE: NominationFlow.council_vote, S.UNIT_VOTE: NominationFlow.unit_vote}
KIND_FOR_STATUS = {S.COUNCIL_VOTE: CouncilMeeting.Kind.PROVINCE, S.UNIT_VOTE: CouncilMeeting.Kind.UNIT}


def meeting_comment(*, meeting_date, members_present: int, members_total: int, note: str = "") -> str:
    text = _("Phiên họp Hội đồng ngày %(d)s; có mặt %(p)s/%(t)s thành viên.") % {
        "d": meeting_date.strftime("%d/%m/%Y"),
        "p": members_present,
        "t": members_total,
    }
    return f"{text} {note.strip()}".strip()


def record_meeting(
    *,
    user,
    meeting_date=None,
    members_total: int | None = None,
    members_present: int | None = None,
    votes,
    note: str = "",
    minutes=None,
    attendees: str = "",
    meeting: CouncilMeeting | None = None,
    ip=None,
) -> list[Nomination]:
    """``votes``: (nomination_id, votes_for, votes_against) for each dossier the meeting voted on.

    With ``minutes`` the meeting is recorded first (kind from the dossiers' stage) and every vote
    records it; with ``meeting`` (already recorded) its figures are the votes'."""
    votes = list(votes)
    if not votes:
        raise InvalidInput(_("Hãy nhập số phiếu của ít nhất một hồ sơ."))
    if meeting is not None:
        meeting_date, members_total, members_present = (
            meeting.held_on,
            meeting.members_total,
            meeting.members_present,
        )
    comment = meeting_comment(
        meeting_date=meeting_date, members_present=members_present, members_total=members_total, note=note
    )
    done = []
    with races_told_as_changed(), transaction.atomic():
        processes = lock_processes(nomination_id for nomination_id, _f, _a in votes)
        opened = []
        for nomination_id, votes_for, votes_against in sorted(votes):
            if nomination_id not in processes:
                raise InvalidInput(_("Có hồ sơ không còn chờ Hội đồng biểu quyết. Vui lòng tải lại trang."))
            status, name = (
                Nomination.objects.filter(pk=nomination_id).values_list("status", "nominee_name").first()
            )
            if status not in VOTE_TASK:
                raise InvalidInput(_("%(name)s không còn chờ Hội đồng biểu quyết.") % {"name": name})
            activation, nomination = open_task_at(processes[nomination_id], VOTE_TASK[status], name)
            opened.append((activation, nomination, name, votes_for, votes_against))
        if meeting is None and minutes is not None:
            kinds = {KIND_FOR_STATUS[n.status] for _a, n, *_rest in opened}
            if len(kinds) != 1:
                raise InvalidInput(_("Một phiên họp chỉ biểu quyết hồ sơ của một Hội đồng."))
            meeting = services.meeting_record(
                actor=user,
                kind=kinds.pop(),
                held_on=meeting_date,
                members_total=members_total,
                members_present=members_present,
                minutes=minutes,
                attendees=attendees,
                note=note,
                nominations=[n.pk for _a, n, *_rest in opened],
                ip=ip,
            )
        for activation, nomination, name, votes_for, votes_against in opened:
            from_status = nomination.status
            try:
                services.nomination_record_vote(
                    nomination=nomination,
                    actor=user,
                    votes_for=votes_for,
                    votes_against=votes_against,
                    members_present=members_present,
                    members_total=members_total,
                    meeting=meeting,
                    comment=comment,
                    ip=ip,
                )
            except InvalidInput as exc:
                raise InvalidInput(f"{name}: {exc.message}", fields=getattr(exc, "fields", None)) from exc
            complete(activation, user, take_over=True)
            announce.after_action(nomination=nomination, action="record_vote", from_status=from_status)
            done.append(nomination)
    return done


def record_cluster_meeting(
    *,
    user,
    held_on,
    members_total: int,
    members_present: int,
    minutes,
    nomination_ids,
    attendees: str = "",
    approve: bool = False,
    comment: str = "",
    ip: str | None = None,
):
    """A cluster's (or block's) meeting, recorded once with its minutes and linked to every
    dossier it considered; with ``approve``, those dossiers then pass the cluster's review with one
    comment that names the meeting, each through the door on its own (its own audit event and task
    completion), so one that someone else moved first fails alone.

    Returns (meeting, approved nominations, [(nomination id, message)] not approved)."""
    meeting = services.meeting_record(
        actor=user,
        kind=CouncilMeeting.Kind.CLUSTER,
        held_on=held_on,
        members_total=members_total,
        members_present=members_present,
        attendees=attendees,
        minutes=minutes,
        nominations=nomination_ids,
        ip=ip,
    )
    if not approve:
        return meeting, [], []
    text = _("Phiên họp Cụm, Khối thi đua ngày %(d)s; có mặt %(p)s/%(t)s thành viên.") % {
        "d": held_on.strftime("%d/%m/%Y"),
        "p": members_present,
        "t": members_total,
    }
    done, failed = perform_many(
        user=user,
        nomination_ids=sorted(n.pk for n in meeting.nominations.all()),
        action="approve_cluster",
        ip=ip,
        comment=f"{text} {comment.strip()}".strip(),
    )
    return meeting, done, failed
