from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrisisConfig(AppConfig):
    name = "crisis"
    verbose_name = _("Overdracht aan crisisbeheersing")

    def ready(self):
        from samos.core import demo
        from samos.privacy.registry import register_source

        from . import datasubject
        from .demo import seed_handover
        from .dossier import register_dossier_section
        from .runner import register_runner_block

        register_dossier_section()
        register_runner_block()
        register_source(datasubject.SOURCE)
        # After communicatie's demo (60): the windpark case is a story of its own.
        demo.register_seeder(seed_handover, order=70)
