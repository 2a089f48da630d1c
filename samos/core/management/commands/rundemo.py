"""Run the embedded default: the web server plus a Celery worker with beat, in one command.

Used by `make run`. The worker runs with the solo pool and the filesystem broker, so
reminders really fire without Redis. Ctrl-C stops both.
"""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from samos.accounts.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Start the web server and the task worker (with beat) of the embedded default."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))

    def handle(self, *args, port: int, **options):
        worker = subprocess.Popen(  # noqa: S603  (fixed argument list, no shell)
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "samos",
                "worker",
                "--beat",
                "--pool=solo",
                "--loglevel=warning",
                "--schedule",
                str(settings.VAR_DIR / "celery" / f"beat-schedule-{port}"),
                "--hostname",
                f"samos-demo-{port}@%h",
            ]
        )
        self._print_welcome(port)
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()

    def _print_welcome(self, port: int) -> None:
        write = self.stdout.write
        write("")
        write(self.style.SUCCESS(f"SAMOS draait op http://127.0.0.1:{port}/"))
        write(f"Demo-accounts (wachtwoord: {DEMO_PASSWORD}):")
        for username, first, last, _title, _org, roles in DEMO_USERS:
            role_names = ", ".join(str(role.label) for role in roles)
            write(f"  {username:<14} {first} {last} — {role_names}")
        write("E-mail staat in var/mail/ en op de pagina Beheer › Uitgaande e-mail.")
        write("Stoppen: Ctrl-C.")
        write("")
