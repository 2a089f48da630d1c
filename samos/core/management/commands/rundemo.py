"""Run the embedded default: the web server plus a Celery worker with beat, in one command.

Used by `make run`. The worker runs with the solo pool and the filesystem broker, so
reminders really fire without Redis. Ctrl-C or TERM stops both.

Links in mail and calendar items follow the port the demo runs on, unless
SAMOS_BASE_URL is set explicitly.
"""

import ctypes
import os
import signal
import socket
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from samos.accounts.demo import DEMO_PASSWORD, DEMO_USERS


def demo_base_url(port: int) -> str:
    """The address links point to: an explicit SAMOS_BASE_URL, else this demo's own port."""
    explicit = os.environ.get("SAMOS_BASE_URL", "").strip()
    return explicit.rstrip("/") if explicit else f"http://127.0.0.1:{port}"


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _die_with_parent() -> None:
    """In the worker, before it starts: on Linux, end with rundemo however rundemo ends
    (even killed with -9), so no worker or beat keeps running on its own."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _raise_keyboard_interrupt(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Start the web server and the task worker (with beat) of the embedded default."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))

    def handle(self, *args, port: int, **options):
        base_url = demo_base_url(port)
        # This process renders links in requests; the worker inherits the environment.
        settings.SAMOS_BASE_URL = base_url
        os.environ["SAMOS_BASE_URL"] = base_url
        # TERM (from `kill`, or from make when it is stopped) must run the cleanup below just
        # as Ctrl-C does; Python's default would end this process and orphan the worker.
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
        # runserver leaves with os._exit() when its port is taken, skipping our cleanup:
        # find that out before there is a worker to leave behind.
        if not _port_free(port):
            raise CommandError(
                f"Poort {port} is al in gebruik (draait SAMOS al?). Kies een andere: "
                f"make run PORT={port + 1}"
            )
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
            ],
            preexec_fn=_die_with_parent,  # runs in the child before exec; no threads yet
        )
        self._print_welcome(port)
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        except KeyboardInterrupt:
            pass
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()

    def _print_welcome(self, port: int) -> None:
        write = self.stdout.write
        write("")
        write(self.style.SUCCESS(f"SAMOS draait op {settings.SAMOS_BASE_URL}/"))
        write(f"Demo-accounts (wachtwoord: {DEMO_PASSWORD}):")
        for username, first, last, _title, _org, roles in DEMO_USERS:
            role_names = ", ".join(str(role.label) for role in roles)
            write(f"  {username:<14} {first} {last} — {role_names}")
        write("E-mail staat in var/mail/ en op de pagina Beheer › Uitgaande e-mail.")
        write("Stoppen: Ctrl-C.")
        write("")
