from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BobConfig(AppConfig):
    name = "bob"
    verbose_name = _("BOB-procedure")

    def ready(self):
        from samos.accounts.roles import Role, grant

        grant(Role.BEHEERDER, "bob.view_decisionlist", "bob.view_action")
