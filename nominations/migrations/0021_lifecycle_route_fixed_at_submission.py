"""Fix at submission, with the path, whether a dossier goes through its council's vote.

Until now the appraisal read it again from the catalog in force that day, so a catalog edit
changed the route of dossiers already in flight. Existing rows are filled in sets: from their
history where it shows the answer (a vote held, or an appraisal passed straight to the
signature), else from the authority in force today, which is what the appraisal would have read.
"""

from datetime import date

from django.db import migrations, models
from django.utils import timezone

VOTES = ("council_vote", "unit_vote")
PAST_A_VOTE = ("awaiting_signature", "awaiting_proposal")


def vote_required_today(AwardAuthority, award_type, today):
    rows = [
        row
        for row in AwardAuthority.objects.filter(award_type=award_type)
        if (row.effective_from is None or row.effective_from <= today)
        and (row.effective_to is None or today <= row.effective_to)
    ]
    rows.sort(key=lambda r: (r.province_id is not None, r.effective_from or date.min), reverse=True)
    if rows:
        return rows[0].vote_required
    # policy.paths' default where the catalog has no row: a grassroots title needs no vote.
    return award_type.level != "grassroots"


def backfill(apps, schema_editor):
    Nomination = apps.get_model("nominations", "Nomination")
    AuditEvent = apps.get_model("nominations", "AuditEvent")
    AwardAuthority = apps.get_model("nominations", "AwardAuthority")
    AwardType = apps.get_model("nominations", "AwardType")
    submitted = Nomination.objects.exclude(status="draft")
    voted = AuditEvent.objects.filter(to_status__in=VOTES).values("nomination_id")
    skipped = AuditEvent.objects.filter(action="pass_appraisal", to_status__in=PAST_A_VOTE).values(
        "nomination_id"
    )
    submitted.filter(pk__in=voted).update(vote_required=True)
    submitted.filter(pk__in=skipped).exclude(pk__in=voted).update(vote_required=False)
    # A unit-path dossier that never waited for its council's vote was sent straight to its head.
    submitted.filter(path="unit").exclude(pk__in=voted).update(vote_required=False)
    rest = submitted.exclude(path="unit").exclude(pk__in=voted).exclude(pk__in=skipped)
    today = timezone.localdate()
    for award_type in AwardType.objects.filter(pk__in=rest.values("award_type_id")):
        rest.filter(award_type=award_type).update(
            vote_required=vote_required_today(AwardAuthority, award_type, today)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0020_statistical_form_basis"),
    ]

    operations = [
        migrations.AddField(
            model_name="nomination",
            name="vote_required",
            field=models.BooleanField(
                default=True,
                help_text="Xác định khi nộp hồ sơ theo thẩm quyền đang có hiệu lực.",
                verbose_name="qua biểu quyết của Hội đồng",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
