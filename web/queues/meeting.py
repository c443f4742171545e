"""The Council meeting: the secretary records one meeting, then the ballots of many dossiers at once.

First "Xem kết quả" shows each dossier's threshold result (nothing saved);
then "Lưu kết quả phiên họp" saves every vote in one transaction through the
door, one audit event per dossier, or nothing at all.
"""

from datetime import date, datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from nominations import selectors as nomination_selectors
from nominations import services
from nominations.exceptions import ActionError
from nominations.models import CouncilMeeting, Nomination, Role
from nominations.policy import council
from nominations.policy.permissions import has_any_role
from nominations.review_record import APPRAISALS
from workflows import actions

from ..batches.forms import MeetingForm
from ..http import client_ip, require_role


def _int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _date(value) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def _read(post, agenda):
    """The meeting and each row as typed, with errors in Vietnamese next to what they concern."""
    meeting = {
        "date": _date(post.get("meeting_date")),
        "date_raw": post.get("meeting_date", ""),
        "total": _int(post.get("members_total")),
        "present": _int(post.get("members_present")),
        "note": (post.get("note") or "").strip()[:1000],
    }
    errors = {}
    if meeting["date"] is None:
        errors["meeting_date"] = _("Nhập ngày họp (ngày/tháng/năm).")
    elif meeting["date"] > timezone.localdate():
        errors["meeting_date"] = _("Ngày họp không được sau hôm nay.")
    if not meeting["total"] or meeting["total"] <= 0:
        errors["members_total"] = _("Tổng số thành viên Hội đồng phải lớn hơn 0.")
    if meeting["present"] is None or meeting["present"] < 0:
        errors["members_present"] = _("Nhập số thành viên có mặt.")
    elif meeting["total"] and meeting["present"] > meeting["total"]:
        errors["members_present"] = _("Số thành viên có mặt không thể lớn hơn tổng số thành viên.")
    elif meeting["total"] and Decimal(meeting["present"]) < council.QUORUM * meeting["total"]:
        errors["members_present"] = _("Chưa đủ 2/3 số thành viên Hội đồng có mặt, phiên họp không hợp lệ.")
    rows = []
    for n in agenda:
        raw_for, raw_against = post.get(f"for-{n.pk}", ""), post.get(f"against-{n.pk}", "")
        row = {"n": n, "for_raw": raw_for, "against_raw": raw_against, "error": "", "result": None}
        if raw_for.strip() or raw_against.strip():
            votes_for, votes_against = _int(raw_for or 0), _int(raw_against or 0)
            if votes_for is None or votes_against is None or votes_for < 0 or votes_against < 0:
                row["error"] = _("Số phiếu phải là số nguyên không âm.")
            elif meeting["total"] and votes_for + votes_against > meeting["total"]:
                row["error"] = _("Tổng số phiếu vượt quá tổng số thành viên Hội đồng.")
            else:
                row["votes"] = (votes_for, votes_against)
                if not errors:
                    threshold = council.threshold_for(n)
                    row["threshold"] = threshold
                    row["result"] = council.vote_passes(
                        votes_for=votes_for,
                        members_present=meeting["present"],
                        members_total=meeting["total"],
                        threshold=threshold,
                    )
        rows.append(row)
    return meeting, rows, errors


def _voting_status(user) -> str:
    """The Council's secretary records the provincial Council's votes; a unit's clerk or head its
    own council's (the unit path's Chiến sĩ thi đua cơ sở)."""
    if has_any_role(user, Role.COUNCIL_SECRETARY):
        return Nomination.Status.COUNCIL_VOTE
    return Nomination.Status.UNIT_VOTE


@login_required
def council_meeting(request):
    require_role(request.user, Role.COUNCIL_SECRETARY, Role.UNIT_CLERK, Role.UNIT_HEAD)
    agenda = list(
        nomination_selectors.nomination_list(user=request.user, status=_voting_status(request.user))
        .prefetch_related(APPRAISALS)  # each row marks a failed automatic check, with the justification
        .order_by("award_type__name", "nominee_name")[:200]
    )
    if request.method != "POST":
        meeting = {
            "date_raw": timezone.localdate().strftime("%d/%m/%Y"),
            "total": "",
            "present": "",
            "note": "",
        }
        rows = [{"n": n, "for_raw": "", "against_raw": "", "error": "", "result": None} for n in agenda]
        return render(request, "queues/meeting.html", {"meeting": meeting, "rows": rows, "errors": {}})
    meeting, rows, errors = _read(request.POST, agenda)
    voted = [r for r in rows if "votes" in r]
    problems = bool(errors) or any(r["error"] for r in rows)
    if not voted and not problems:
        errors["rows"] = _("Hãy nhập số phiếu của ít nhất một hồ sơ.")
        problems = True
    context = {"meeting": meeting, "rows": rows, "errors": errors, "previewed": not problems}
    if problems or request.POST.get("save") != "1":
        return render(request, "queues/meeting.html", context, status=400 if problems else 200)
    try:
        done = actions.record_meeting(
            user=request.user,
            meeting_date=meeting["date"],
            members_total=meeting["total"],
            members_present=meeting["present"],
            note=meeting["note"],
            votes=[(r["n"].pk, *r["votes"]) for r in voted],
            # The minutes, uploaded with the save: the meeting is recorded once, every vote names it.
            minutes=request.FILES.get("minutes"),
            attendees=meeting["note"],
            ip=client_ip(request),
        )
    except ActionError as exc:
        context["errors"] = {"rows": exc.message}
        context["previewed"] = False
        return render(request, "queues/meeting.html", context, status=400)
    passed = sum(1 for n in done if n.status != Nomination.Status.REJECTED)
    messages.success(
        request,
        _("Đã lưu kết quả phiên họp: %(n)s hồ sơ, %(p)s đạt, %(f)s không đạt.")
        % {"n": len(done), "p": passed, "f": len(done) - passed},
    )
    return redirect("queues:meeting")


@login_required
def cluster_meeting(request):
    """The cluster's (or block's) meeting, as its head records it: once, with date, members,
    present and the minutes, linked to every dossier of the cluster it considered; those dossiers
    can pass the cluster's review in the same step, each through the door on its own."""
    require_role(request.user, Role.CLUSTER_REVIEWER)
    in_review = nomination_selectors.nomination_list(
        user=request.user, status=Nomination.Status.CLUSTER_REVIEW
    )
    # One meeting is one cluster's: a head of several (or of last year's block too) picks which.
    clusters = nomination_selectors.clusters_with(in_review)
    asked = _int(request.POST.get("cluster") or request.GET.get("cluster"))
    cluster = next((c for c in clusters if c[0] == asked), clusters[0] if clusters else None)
    waiting = list(
        in_review.filter(cluster_id=cluster[0] if cluster else None)
        .prefetch_related(APPRAISALS)
        .order_by("unit__name", "award_type__name", "nominee_name")[:500]
    )
    recent = list(
        services.meetings_for(user=request.user, kind=CouncilMeeting.Kind.CLUSTER)
        .select_related("cluster")
        .annotate(decided=Count("nominations"))[:10]
    )
    form = MeetingForm(request.POST or None, request.FILES or None)
    form.fields["members_total"].label = _("Tổng số thành viên Cụm, Khối")
    chosen = (
        {pk for pk in (_int(v) for v in request.POST.getlist("nomination")) if pk} if request.POST else set()
    )
    context = {
        "form": form,
        "clusters": [(pk, f"{name} ({year})") for pk, name, year in clusters],
        "cluster": cluster[0] if cluster else None,
        "waiting": waiting,
        "chosen": chosen,
        "recent": recent,
        "approve": request.POST.get("approve") == "1" if request.POST else True,
        "comment": (request.POST.get("comment") or "").strip()[:5000],
    }
    if request.method != "POST":
        return render(request, "queues/cluster_meeting.html", context)
    if not chosen:
        context["choose_error"] = _("Hãy chọn các hồ sơ phiên họp đã xét.")
    if not form.is_valid() or not chosen:
        return render(request, "queues/cluster_meeting.html", context, status=400)
    data = form.cleaned_data
    try:
        meeting, done, failed = actions.record_cluster_meeting(
            user=request.user,
            held_on=data["held_on"],
            members_total=data["members_total"],
            members_present=data["members_present"],
            attendees=data["attendees"],
            minutes=data["minutes"],
            nomination_ids=sorted(chosen),
            approve=context["approve"],
            comment=context["comment"],
            ip=client_ip(request),
        )
    except ActionError as exc:
        # A figure's error next to its box; anything else (the dossiers chosen) above the list.
        fields = {f: m for f, m in exc.fields.items() if f in form.fields}
        for field, message in fields.items():
            form.add_error(field, message)
        if not fields:
            context["choose_error"] = exc.message
        return render(request, "queues/cluster_meeting.html", context, status=400)
    messages.success(
        request,
        _("Đã ghi phiên họp Cụm, Khối ngày %(d)s cho %(n)s hồ sơ; biên bản dùng chung cho tất cả.")
        % {"d": meeting.held_on.strftime("%d/%m/%Y"), "n": meeting.nominations.count()},
    )
    if done:
        messages.success(
            request, _("Đã đồng ý và chuyển %(n)s hồ sơ lên Ban Thi đua – Khen thưởng.") % {"n": len(done)}
        )
    if failed:
        names = {n.pk: n.nominee_name for n in waiting}
        messages.error(
            request,
            _("Chưa chuyển được %(n)s hồ sơ: %(list)s")
            % {
                "n": len(failed),
                "list": "; ".join(f"{names.get(pk, f'#{pk}')}: {message}" for pk, message in failed),
            },
        )
    return redirect("queues:cluster_meeting")
