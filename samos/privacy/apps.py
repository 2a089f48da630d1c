from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "samos.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from samos.accounts.roles import Role
        from samos.core import navigation

        from . import sources
        from .registry import register_source

        # The cross-cutting parts of samos; the apps register their own sources.
        for source in sources.SAMOS_SOURCES:
            register_source(source)
        navigation.register(
            navigation.NavItem(
                _("Persoonsgegevens zoeken"),
                "privacy:subject_search",
                frozenset({Role.BEHEERDER}),
                order=90,
            )
        )
