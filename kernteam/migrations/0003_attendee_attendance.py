"""Attendance becomes a status per attendee instead of a yes/no/unknown flag."""

from django.db import migrations, models

# present True → aanwezig, False → afwezig zonder bericht (nothing more is known), None → "".
FORWARD = {True: "aanwezig", False: "afwezig_zonder_bericht"}
BACKWARD = {
    "aanwezig": True,
    "te_laat": True,
    "afwezig_met_bericht": False,
    "afwezig_zonder_bericht": False,
}


def present_to_attendance(apps, schema_editor):
    Attendee = apps.get_model("kernteam", "Attendee")
    for present, status in FORWARD.items():
        Attendee.objects.filter(present=present).update(attendance=status)


def attendance_to_present(apps, schema_editor):
    Attendee = apps.get_model("kernteam", "Attendee")
    for status, present in BACKWARD.items():
        Attendee.objects.filter(attendance=status).update(present=present)


class Migration(migrations.Migration):
    dependencies = [
        ("kernteam", "0002_session_preparation_attendee"),
    ]

    operations = [
        migrations.AddField(
            model_name="attendee",
            name="attendance",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "niet vastgelegd"),
                    ("aanwezig", "aanwezig"),
                    ("te_laat", "later aangeschoven"),
                    ("afwezig_met_bericht", "afwezig met bericht"),
                    ("afwezig_zonder_bericht", "afwezig zonder bericht"),
                ],
                default="",
                max_length=24,
                verbose_name="aanwezigheid",
            ),
        ),
        migrations.RunPython(present_to_attendance, attendance_to_present),
        migrations.RemoveField(model_name="attendee", name="present"),
    ]
