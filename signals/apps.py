from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "signals"
    verbose_name = _("Signalen")

    def ready(self):
        from samos.accounts.roles import Role, grant
        from samos.core import demo

        from .demo import seed_areas_and_themes

        grant(
            Role.BEHEERDER,
            *(
                f"signals.{verb}_{model}"
                for verb in ("view", "add", "change")
                for model in ("area", "theme")
            ),
        )
        demo.register_seeder(seed_areas_and_themes, order=20)
