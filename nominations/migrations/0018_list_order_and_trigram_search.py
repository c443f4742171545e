from django.db import migrations, models


def trigram_on(apps, schema_editor):
    """PostgreSQL: a pg_trgm GIN index serves LIKE '%…%' on the normalised name (and the unit's).
    SQLite keeps today's behaviour (the same LIKE, scanned)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS nom_name_search_trgm ON nominations_nomination "
        "USING gin (nominee_name_search gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS unit_name_search_trgm ON nominations_unit USING gin (name_search gin_trgm_ops)"
    )


def trigram_off(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS nom_name_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS unit_name_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0017_signing_methods_and_issuance"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="nomination",
            index=models.Index(fields=["-status_changed_at", "-id"], name="nom_changed_order"),
        ),
        migrations.RunPython(trigram_on, trigram_off),
    ]
