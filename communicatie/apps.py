from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicatieConfig(AppConfig):
    name = "communicatie"
    verbose_name = _("Communicatie")

    def ready(self):
        from samos.accounts.roles import Role, grant
        from samos.core import demo, navigation
        from samos.reminders.registry import register_source

        from . import reminders
        from .demo import seed_communicatie
        from .permissions import PLAN_READ_ROLES
        from .views.approvals import register_approval_panel
        from .views.documents import register_dossier_sections
        from .views.runner import register_runner_blocks

        grant(
            Role.BEHEERDER,
            "communicatie.view_targetgroup",
            "communicatie.add_targetgroup",
            "communicatie.change_targetgroup",
            "communicatie.view_messagekind",
            "communicatie.add_messagekind",
            "communicatie.change_messagekind",
            "communicatie.view_checklistitem",
            "communicatie.add_checklistitem",
            "communicatie.change_checklistitem",
        )
        navigation.register(
            navigation.NavItem(
                _("Communicatie"), "communicatie:overview", PLAN_READ_ROLES, order=48
            )
        )
        register_source("communicatie.approval_notices", reminders.approval_notices)
        register_source("communicatie.pending_approvals", reminders.pending_approvals)
        register_source("communicatie.planned_messages", reminders.planned_messages)
        register_approval_panel()
        register_runner_blocks()
        register_dossier_sections()
        # After bob's demo (50): the Oldenmere case and its sessions exist by then.
        demo.register_seeder(seed_communicatie, order=60)
