"""One Council meeting, many dossiers' votes: ONE transaction, one audit event per dossier.

The secretary records the meeting (date, members, present) once and the
ballots of each dossier discussed. Like signing, the processes are locked in id
order and each task is completed through the door's ``complete``; any dossier
that cannot take its vote (moved meanwhile, invalid numbers) fails the whole
meeting before anything is written.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from nominations import services
from nominations.exceptions import InvalidInput
from nominations.models import Nomination

from .. import announce
from ..flows import NominationFlow
from .decisions import lock_processes, open_task_at
from .door import complete, races_told_as_changed


def meeting_comment(*, meeting_date, members_present: int, members_total: int, note: str = "") -> str:
    text = _("Phiên họp Hội đồng ngày %(d)s; có mặt %(p)s/%(t)s thành viên.") % {
        "d": meeting_date.strftime("%d/%m/%Y"),
        "p": members_present,
        "t": members_total,
    }
    return f"{text} {note.strip()}".strip()


def record_meeting(
    *, user, meeting_date, members_total: int, members_present: int, votes, note: str = "", ip=None
) -> list[Nomination]:
    """``votes``: (nomination_id, votes_for, votes_against) for each dossier the meeting voted on."""
    votes = list(votes)
    if not votes:
        raise InvalidInput(_("Hãy nhập số phiếu của ít nhất một hồ sơ."))
    comment = meeting_comment(
        meeting_date=meeting_date, members_present=members_present, members_total=members_total, note=note
    )
    done = []
    with races_told_as_changed(), transaction.atomic():
        processes = lock_processes(nomination_id for nomination_id, _f, _a in votes)
        for nomination_id, votes_for, votes_against in sorted(votes):
            if nomination_id not in processes:
                raise InvalidInput(_("Có hồ sơ không còn chờ Hội đồng biểu quyết. Vui lòng tải lại trang."))
            name = Nomination.objects.filter(pk=nomination_id).values_list("nominee_name", flat=True).first()
            activation, nomination = open_task_at(processes[nomination_id], NominationFlow.council_vote, name)
            from_status = nomination.status
            try:
                services.nomination_record_vote(
                    nomination=nomination,
                    actor=user,
                    votes_for=votes_for,
                    votes_against=votes_against,
                    members_present=members_present,
                    members_total=members_total,
                    comment=comment,
                    ip=ip,
                )
            except InvalidInput as exc:
                raise InvalidInput(f"{name}: {exc.message}", fields=getattr(exc, "fields", None)) from exc
            complete(activation, user, take_over=True)
            announce.after_action(nomination=nomination, action="record_vote", from_status=from_status)
            done.append(nomination)
    return done
