"""Install the starting lists (communicatie.default_lists)."""

from django.db import migrations

from communicatie.default_lists import add_default_lists


def add_lists(apps, schema_editor):
    add_default_lists(
        apps.get_model("communicatie", "TargetGroup"),
        apps.get_model("communicatie", "MessageKind"),
        apps.get_model("communicatie", "ChecklistItem"),
    )


class Migration(migrations.Migration):
    dependencies = [("communicatie", "0001_initial")]

    operations = [migrations.RunPython(add_lists, migrations.RunPython.noop)]
