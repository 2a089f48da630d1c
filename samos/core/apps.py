from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samos.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from samos.accounts.roles import ALL_ROLES, Role

        from . import dashboard, navigation

        navigation.register(
            navigation.NavItem(
                label=_("Start"), url_name="core:dashboard", roles=ALL_ROLES, order=0
            )
        )
        # Who has sections in "Mijn werk" is known once every app registered them; the
        # panel is offered to every role and stays silent for a role without sections.
        dashboard.register(
            dashboard.Panel(
                template="core/partials/_panel_mywork.html",
                roles=ALL_ROLES,
                order=1,
                context=_mywork_context,
            )
        )
        dashboard.register(
            dashboard.Panel(
                template="core/partials/_panel_roles.html",
                roles=ALL_ROLES,
                order=900,
                context=dashboard_roles_context,
            )
        )
        dashboard.register(
            dashboard.Panel(
                template="core/partials/_panel_beheer.html",
                roles=frozenset({Role.BEHEERDER}),
                order=10,
                context=dashboard_beheer_context,
            )
        )


def dashboard_roles_context(request) -> dict:
    from samos.accounts.roles import Role

    return {"role_labels": [Role(code).label for code in sorted(request.user.roles)]}


def dashboard_beheer_context(request) -> dict:
    from .selectors import heartbeat_status

    return {"worker": heartbeat_status()}


def _mywork_context(request) -> dict:
    from . import mywork

    return mywork.panel_context(request)
