from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CrisisConfig(AppConfig):
    name = "crisis"
    verbose_name = _("Overdracht aan crisisbeheersing")

    def ready(self):
        from samos.privacy.registry import register_source

        from . import datasubject
        from .dossier import register_dossier_section
        from .runner import register_runner_block

        register_dossier_section()
        register_runner_block()
        register_source(datasubject.SOURCE)
