from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BobConfig(AppConfig):
    name = "bob"
    verbose_name = _("BOB-procedure")

    def ready(self):
        from samos.accounts.roles import Role, grant
        from samos.core import demo, navigation
        from samos.reminders.registry import register_source

        from . import reminders
        from .demo import seed_bob
        from .permissions import ACTION_ROLES

        grant(Role.BEHEERDER, "bob.view_decisionlist", "bob.view_action")
        navigation.register(
            navigation.NavItem(_("Acties"), "bob:action_list", ACTION_ROLES, order=45)
        )
        register_source("bob.actions", reminders.open_actions)
        register_source("bob.information_requests", reminders.open_information_requests)
        register_source("bob.adopted_decision_lists", reminders.adopted_decision_lists)
        demo.register_seeder(seed_bob, order=50)
