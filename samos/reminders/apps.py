from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "samos.reminders"
    label = "reminders"
    verbose_name = _("Herinneringen")

    def ready(self):
        from samos.accounts.roles import Role
        from samos.core import dashboard

        dashboard.register(
            dashboard.Panel(
                template="core/partials/_panel_failed_reminders.html",
                roles=frozenset({Role.BEHEERDER}),
                order=5,
                context=_failed_panel_context,
            )
        )


def _failed_panel_context(request) -> dict:
    from .selectors import failed_reminder_count

    return {"failed_reminders": failed_reminder_count()}
