"""Create N generated signals quickly (for benchmarks): `manage.py seed_signals 100000`."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from samos.accounts.models import User
from signals.bulk import MissingConfiguration, bulk_create_signals
from signals.permissions import LOG_ROLES


class Command(BaseCommand):
    help = "Create N generated signals in bulk (run seed_demo first)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--months", type=int, default=6)

    def handle(self, *args, count: int, seed: int, months: int, **options):
        if count < 1:
            raise CommandError("N must be at least 1.")
        authors = list(
            User.objects.filter(groups__name__in=[r.value for r in LOG_ROLES]).distinct()
        )
        started = time.perf_counter()
        try:
            with transaction.atomic():
                created = bulk_create_signals(
                    count=count, seed=seed, months=months, authors=authors, now=timezone.now()
                )
        except MissingConfiguration:
            raise CommandError(
                "Geen gebieden, thema's, bronnen of melders: draai eerst `manage.py seed_demo`."
            ) from None
        seconds = time.perf_counter() - started
        self.stdout.write(f"{created} signalen aangemaakt in {seconds:.1f} s.")
