"""Print the environment variables SAMOS reads, as the Markdown table of the README."""

from django.conf import settings
from django.core.management.base import BaseCommand

from samos.env import REGISTRY


class Command(BaseCommand):
    help = "Print every environment variable with its default and help text (Markdown)."

    def handle(self, *args, **options):
        settings.SECRET_KEY  # noqa: B018  (importing settings fills the registry)
        self.stdout.write("| variable | default | meaning |")
        self.stdout.write("|---|---|---|")
        for var in sorted(REGISTRY.values(), key=lambda v: v.name):
            default = var.default
            if isinstance(default, list):
                default = ",".join(default)
            if str(settings.BASE_DIR) in str(default):
                # A path of this machine: describe it instead of printing it.
                default = "(under the project folder)"
            shown = f"`{default}`" if default not in ("", None) else "—"
            self.stdout.write(f"| `{var.name}` | {shown} | {var.help} |")
