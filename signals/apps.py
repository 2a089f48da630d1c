from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "signals"
    verbose_name = _("Signalen")

    def ready(self):
        from samos.accounts.roles import Role, grant
        from samos.core import dashboard, demo, navigation

        from .demo import seed_areas_and_themes
        from .panels import coordinator_panel_context, signaller_panel_context
        from .permissions import LOG_ROLES, TRIAGE_ROLES, VIEW_ROLES

        grant(
            Role.BEHEERDER,
            *(
                f"signals.{verb}_{model}"
                for verb in ("view", "add", "change")
                for model in ("area", "theme")
            ),
        )
        demo.register_seeder(seed_areas_and_themes, order=20)

        navigation.register(
            navigation.NavItem(_("Signaal melden"), "signals:signal_create", LOG_ROLES, order=10)
        )
        navigation.register(
            navigation.NavItem(_("Signalen"), "signals:signal_list", VIEW_ROLES, order=20)
        )
        navigation.register(navigation.NavItem(_("Inbox"), "signals:inbox", TRIAGE_ROLES, order=25))
        dashboard.register(
            dashboard.Panel(
                template="signals/partials/_panel_signaller.html",
                roles=LOG_ROLES,
                order=20,
                context=signaller_panel_context,
            )
        )
        dashboard.register(
            dashboard.Panel(
                template="signals/partials/_panel_inbox.html",
                roles=TRIAGE_ROLES,
                order=15,
                context=coordinator_panel_context,
            )
        )
