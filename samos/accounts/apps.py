from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samos.accounts"
    label = "accounts"
    verbose_name = _("Accounts en rollen")

    def ready(self):
        from samos.core import demo, navigation

        from . import receivers  # noqa: F401  (login/logout audit)
        from .demo import seed_accounts
        from .roles import Role, grant

        # Groups and their permissions follow the code after every migrate. Not tied to
        # this app as sender: other apps' permissions are created after ours.
        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="samos_roles_sync")
        grant(
            Role.BEHEERDER,
            *(
                f"accounts.{verb}_{model}"
                for verb in ("view", "add", "change")
                for model in ("user", "organisation")
            ),
            "accounts.view_rolegrant",
            "auth.view_group",
            "audit.view_auditevent",
            "reminders.view_sentreminder",
            "core.view_workerheartbeat",
        )
        demo.register_seeder(seed_accounts, order=10)

        from samos.audit.tracking import track, track_user_access

        from .models import Organisation, RoleGrant, User

        track(User, label="gebruiker", ignore=frozenset({"last_login"}))
        track(Organisation, label="organisatie")
        track(RoleGrant, label="roltoekenning")
        track_user_access(User)
        navigation.register(
            navigation.NavItem(
                label=_("Gebruikers"),
                url_name="accounts:beheer_users",
                roles=frozenset({Role.BEHEERDER}),
                order=89,
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Beheer"),
                url_name="admin:index",
                roles=frozenset({Role.BEHEERDER}),
                order=90,
            )
        )


def _sync_roles_after_migrate(sender, using="default", **kwargs):
    from .services import roles_sync

    roles_sync(using=using)
