"""The demo's unit and upward paths, moved through the real workflow (called by ``seed_demo``).

A department's and a commune's annual titles decided by their heads (hundreds of
people in one decision each), a few Chiến sĩ thi đua cơ sở voted by the unit
council and waiting for the head, and a proposal to the Prime Minister whose
result is recorded for some lines while others still wait.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from nominations import services
from nominations.models import AwardAuthority, Batch, Decision, Nomination, Unit
from nominations.policy import documents
from workflows import actions

from . import data as D

VOTE = {"votes_for": 19, "votes_against": 2, "members_present": 21, "members_total": 21}
UNIT_VOTE = {"votes_for": 9, "votes_against": 0, "members_present": 9, "members_total": 9}


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.pdf", b"%PDF-1.4\n% ho so mau\n%%EOF\n")


def _attach(nomination, actor) -> None:
    for kind in [*documents.required_documents(nomination), *documents.vote_documents(nomination)]:
        services.document_add(nomination=nomination, actor=actor, kind=kind, uploaded=_pdf(kind))


def _grades_workbook(unit_code: str, good: int, below: int) -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(services.GRADE_COLUMNS)
    for i, (name, gender, birth, position) in enumerate(D.staff(unit_code, good + below)):
        grade = "HT" if i >= good else ("HTXS" if i % 10 == 0 else "HTT")
        sheet.append([name, "Nữ" if gender == "female" else "Nam", birth, position, "", grade])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(f"xep-loai-{unit_code}.xlsx", buffer.getvalue())


def authorities(awards) -> int:
    """The catalog's authority rows in force from 1/7/2025 (idempotent)."""
    changed = 0
    for code, (decider, council, vote, threshold, of_all, disclosure) in D.AUTHORITIES.items():
        values = {
            "decider": decider,
            "council": council,
            "vote_required": vote,
            "vote_threshold_percent": threshold,
            "vote_base": "members_total" if of_all else "",
            "disclosure_required": disclosure,
            "legal_basis": D.AUTHORITY_BASIS,
        }
        row = AwardAuthority.objects.filter(
            award_type=awards[code], province=None, effective_from=D.AWARD_EFFECTIVE_FROM
        ).first()
        if row is None:
            AwardAuthority.objects.create(
                award_type=awards[code], effective_from=D.AWARD_EFFECTIVE_FROM, **values
            )
            changed += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            AwardAuthority.objects.filter(pk=row.pk).update(**values)
            changed += 1
    for code, (place, until) in D.PROVINCE_ISSUERS.items():
        changed += (
            Unit.objects.filter(code=code)
            .exclude(place_name=place, valid_to=until)
            .update(place_name=place, valid_to=until)
        )
    for code, register in D.REGISTER_CODES.items():
        changed += (
            Unit.objects.filter(code=code).exclude(register_code=register).update(register_code=register)
        )
    return changed


def unit_titles(users, awards) -> int:
    """Each unit's letter with its whole staff, submitted at once, decided by its head in one decision."""
    changed = 0
    for unit_code, clerk, head, count, title, number, below in D.UNIT_TITLE_BATCHES:
        if Batch.objects.filter(unit__code=unit_code, title=title).exists():
            continue
        clerk_user, head_user = users[clerk], users[head]
        batch = services.batch_create(actor=clerk_user, title=title, year=2026, number=number)
        for kind in ("to_trinh", "bien_ban"):
            services.batch_document_add(batch=batch, actor=clerk_user, kind=kind, uploaded=_pdf(kind))
        # The unit's real path: the year's grades in, a title for everyone graded "good" or better.
        result = services.batch_import_grades(
            batch=batch, actor=clerk_user, uploaded=_grades_workbook(unit_code, count, below)
        )
        if not result.ok:
            raise RuntimeError("Dữ liệu mẫu xếp loại không hợp lệ: " + " ".join(result.errors))
        submitted = actions.submit_batch(user=clerk_user, batch_id=batch.pk)
        decision = services.decision_create_draft(actor=head_user, nomination_ids=[n.pk for n in submitted])
        actions.sign_decision(user=head_user, decision_id=decision.pk)
        changed += 1
    for clerk, name, gender, birth, position in D.UNIT_CSTD:
        clerk_user = users[clerk]
        if Nomination.objects.filter(unit_id=clerk_user.unit_id, nominee_name=name, year=2026).exists():
            continue
        nomination = services.nomination_create(
            actor=clerk_user,
            award_type=awards["CSTD_CO_SO"],
            route="annual",
            year=2026,
            nominee_kind="individual",
            nominee_name=name,
            nominee_gender=gender,
            nominee_birth_year=birth,
            nominee_position=position,
            achievements="Hoàn thành xuất sắc nhiệm vụ năm 2026; có sáng kiến được công nhận cấp cơ sở.",
        )
        _attach(nomination, clerk_user)
        actions.perform(user=clerk_user, nomination_id=nomination.pk, action="submit")
        actions.perform(user=clerk_user, nomination_id=nomination.pk, action="record_vote", **UNIT_VOTE)
        changed += 1
    return changed


def upward(users, awards) -> int:
    """Proposals to the Prime Minister: one letter signed, two results recorded, two still waiting."""
    if Nomination.objects.filter(nominee_name=D.UPWARD[0][1], award_type=awards["BANG_KHEN_TTG"]).exists():
        return 0
    voted = []
    for clerk, name, kind, reviewer in D.UPWARD:
        actor = users[clerk]
        fields = {
            "award_type": awards["BANG_KHEN_TTG"],
            "route": "annual",
            "year": 2026,
            "nominee_kind": kind,
            "nominee_name": name,
            "achievements": "Thành tích xuất sắc tiêu biểu trong phong trào thi đua giai đoạn 2021–2025.",
        }
        if kind == "individual":
            gender = "female" if "Thị" in name else "male"
            fields.update(
                nominee_gender=gender, nominee_birth_year=1975, nominee_position="Chuyên viên chính"
            )
        nomination = services.nomination_create(actor=actor, **fields)
        _attach(nomination, actor)
        for user, action, params in [
            (actor, "submit", {}),
            (users[reviewer], "approve_cluster", {}),
            (
                users["thamdinh"],
                "pass_appraisal",
                {
                    "checklist": {"documents": True, "criteria": True},
                    "justification": "Đã đối chiếu thành tích 5 năm liên tục với hồ sơ gốc.",
                },
            ),
            (users["thuky"], "record_vote", VOTE),
        ]:
            actions.perform(user=user, nomination_id=nomination.pk, action=action, **params)
        voted.append(nomination)
    proposal = services.decision_create_draft(
        actor=users["chutich"], nomination_ids=[n.pk for n in voted[:4]], kind=Decision.Kind.PROPOSAL
    )
    actions.sign_decision(user=users["chutich"], decision_id=proposal.pk)
    number, day, issuer = D.UPWARD_RESULT
    actions.record_proposal_result(
        user=users["thamdinh"],
        proposal_id=proposal.pk,
        decision_number=number,
        decision_date=day,
        issuer=issuer,
        lines=[
            {"nomination": voted[0].pk, "result": "awarded"},
            {
                "nomination": voted[1].pk,
                "result": "not_awarded",
                "reason": "Chưa đủ thời gian 5 năm kể từ lần khen thưởng Bằng khen trước.",
            },
        ],
    )
    return 1
