"""`manage.py seed_signals N`: many generated signals at once, for benchmarks and load tests.

A thin wrapper around `signals.bulk.bulk_create_signals` (which explains why it bypasses
the services and writes one audit event for the batch). Needs the areas, themes and
source kinds of `seed_demo` (or real configuration) and at least one user who may log
signals.
"""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from samos.accounts.models import User
from signals.bulk import MissingConfiguration, bulk_create_signals
from signals.permissions import LOG_ROLES


def _log_role_names() -> list[str]:
    return [str(role) for role in LOG_ROLES]


class Command(BaseCommand):
    help = (
        "Maak N gegenereerde signalen in bulk (test- en benchmarkdata), verspreid over de "
        "actieve gebieden, thema's en bronnen van de laatste maanden (of, met --years, van "
        "jaren in een realistisch ritme). Draai eerst seed_demo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, help="Aantal signalen.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Startwaarde: dezelfde waarde, dezelfde data."
        )
        spread = parser.add_mutually_exclusive_group()
        spread.add_argument(
            "--months",
            type=int,
            default=6,
            help="Gelijkmatig verspreid over zoveel maanden terug (standaard; stresstest).",
        )
        spread.add_argument(
            "--years",
            type=int,
            help="Verspreid over zoveel jaren tot nu, in een realistisch ritme: drukker op "
            "werkdagen, rustiger op feestdagen en in vakanties, met een paar pieken in een "
            "gebied rond een spanning.",
        )
        parser.add_argument(
            "--author",
            metavar="USERNAME",
            help="Alle signalen op naam van deze gebruiker (standaard: alle actieve "
            "gebruikers met een rol die signalen mag melden).",
        )

    def handle(
        self,
        *args,
        count: int,
        seed: int,
        months: int,
        years: int | None,
        author: str | None,
        **options,
    ):
        if count < 1:
            raise CommandError("N moet minstens 1 zijn.")
        if months < 1:
            raise CommandError("--months moet minstens 1 zijn.")
        if years is not None and not 1 <= years <= 50:
            raise CommandError("--years moet tussen 1 en 50 liggen.")
        authors = self._authors(author)
        started = time.perf_counter()
        try:
            # All or nothing: an interrupted run leaves no half batch behind.
            with transaction.atomic():
                created = bulk_create_signals(
                    count=count,
                    seed=seed,
                    months=months,
                    years=years,
                    authors=authors,
                    now=timezone.now(),
                )
        except MissingConfiguration as error:
            raise CommandError(
                f"Er ontbreken {error} om signalen bij te maken. Draai eerst "
                "`python manage.py seed_demo` (of leg ze vast in het beheer)."
            ) from None
        seconds = time.perf_counter() - started
        rate = created / seconds if seconds else float("inf")
        self.stdout.write(
            self.style.SUCCESS(
                f"{created} signalen aangemaakt in {seconds:.1f} s ({rate:,.0f} per seconde)."
            )
        )

    def _authors(self, username: str | None) -> list[User]:
        may_log = User.objects.filter(is_active=True, groups__name__in=_log_role_names())
        if username is None:
            return list(may_log.distinct().order_by("pk"))
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Gebruiker {username!r} bestaat niet.")
        if not may_log.filter(pk=user.pk).exists():
            raise CommandError(
                f"Gebruiker {username!r} is niet actief of heeft geen rol die signalen mag melden."
            )
        return [user]
