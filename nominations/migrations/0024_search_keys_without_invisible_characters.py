"""Search keys no longer hold invisible format characters (zero-width space, joiners, BOM, soft
hyphen): the stored keys of names that contain one are computed again, as the query's key is."""

from django.db import migrations

from nominations.text import normalize_search

INVISIBLE = "[\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff]"
KEYS = [
    ("Nomination", "nominee_name", "nominee_name_search"),
    ("AwardRecord", "nominee_name", "nominee_name_search"),
    ("Initiative", "owner_name", "owner_name_search"),
    ("AssessmentGrade", "nominee_name", "nominee_name_search"),
    ("ServiceRecord", "nominee_name", "nominee_name_search"),
    ("Unit", "name", "name_search"),
]


def recompute(apps, schema_editor):
    for model_name, source, key in KEYS:
        model = apps.get_model("nominations", model_name)
        for pk, value in model.objects.filter(**{f"{source}__regex": INVISIBLE}).values_list("pk", source):
            model.objects.filter(pk=pk).update(**{key: normalize_search(value)[:255]})


class Migration(migrations.Migration):
    dependencies = [("nominations", "0023_achievements_bounded")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
