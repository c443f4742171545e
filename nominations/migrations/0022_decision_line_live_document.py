"""A dossier is a line of at most one live (signed, not cancelled) document: a flag on the line,
set from the documents' statuses, and a partial unique index over the live lines."""

from django.db import migrations, models


def mark_live(apps, schema_editor):
    DecisionLine = apps.get_model("nominations", "DecisionLine")
    DecisionLine.objects.filter(decision__status__in=["leader_signed", "signed"]).exclude(result="returned").update(
        live=True
    )


class Migration(migrations.Migration):
    dependencies = [("nominations", "0021_lifecycle_route_fixed_at_submission")]

    operations = [
        migrations.AddField(
            model_name="decisionline",
            name="live",
            field=models.BooleanField(default=False, editable=False, verbose_name="thuộc văn bản đã ký"),
        ),
        migrations.RunPython(mark_live, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="decisionline",
            constraint=models.UniqueConstraint(
                condition=models.Q(("live", True)), fields=("nomination",), name="decision_line_one_live_document"
            ),
        ),
    ]
