"""Load the demo data of Gemeente Voorbeeldrade (idempotent: safe to run again)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from samos.core.demo import seeders


class Command(BaseCommand):
    help = "Load the demo municipality, accounts and data (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for seeder in seeders():
                seeder(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
