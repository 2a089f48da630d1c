"""Every write to users, roles and organisations goes through here."""

from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from samos.audit.services import audit_record

from .models import User
from .roles import Role, granted_permissions


def roles_sync(*, using: str = "default") -> None:
    """Create a group per role and give it exactly the permissions the apps granted."""
    for role in Role:
        group, _ = Group.objects.using(using).get_or_create(name=role.value)
        wanted = granted_permissions(role)
        perms = []
        for dotted in sorted(wanted):
            app_label, codename = dotted.split(".", 1)
            perm = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if perm is not None:  # the model may not be migrated yet in this run
                perms.append(perm)
        group.permissions.set(perms)


@transaction.atomic
def user_set_roles(*, actor: User | None, user: User, roles: set[str], request=None) -> User:
    """Give USER exactly ROLES. Beheerders also get `is_staff` for the admin."""
    if actor is not None and not actor.has_role(Role.BEHEERDER):
        raise PermissionDenied
    roles = {Role(role) for role in roles}
    user.groups.set(Group.objects.filter(name__in=[r.value for r in roles]))
    user.is_staff = Role.BEHEERDER in roles
    user.save(update_fields=["is_staff"])
    user.__dict__.pop("roles", None)
    audit_record(
        action="gebruiker.rollen_gewijzigd",
        actor=actor,
        obj=user,
        request=request,
        details={"rollen": sorted(r.value for r in roles)},
    )
    return user


def _end_sessions_of(user: User) -> int:
    """Delete every stored session of USER (database session backend)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, actor: User | None, user: User, request=None) -> User:
    """Deactivate USER and end all of their sessions at once."""
    if actor is not None and not actor.has_role(Role.BEHEERDER):
        raise PermissionDenied
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = _end_sessions_of(user)
    audit_record(
        action="gebruiker.gedeactiveerd",
        actor=actor,
        obj=user,
        request=request,
        details={"sessies_beeindigd": ended},
    )
    return user
