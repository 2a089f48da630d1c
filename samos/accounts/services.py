"""Every write to users, roles and organisations goes through here."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import devices_for_user

from samos.audit.services import audit_record
from samos.audit.tracking import roles_changed_by_service

from .models import RoleGrant, User
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


def _apply_roles(user: User, roles: set[Role]) -> None:
    with roles_changed_by_service():  # audited by the caller, with the roles
        user.groups.set(Group.objects.filter(name__in=[r.value for r in roles]))
    user.is_staff = Role.BEHEERDER in roles
    user.save(update_fields=["is_staff"])
    user.__dict__.pop("roles", None)


def _held_roles(user: User) -> set[Role]:
    return {Role(name) for name in user.groups.values_list("name", flat=True) if name in Role}


@dataclass
class RolesResult:
    user: User
    pending: list[RoleGrant] = field(default_factory=list)


@transaction.atomic
def user_set_roles(*, actor: User | None, user: User, roles: set[str], request=None) -> RolesResult:
    """Give USER exactly ROLES, as far as ACTOR may. Beheerders also get `is_staff`.

    A beheerder never changes their own roles, and a role they do not hold themselves
    is not given but asked for: a RoleGrant waits for a second beheerder (four eyes).
    Removing roles takes effect at once. ACTOR None is the system (migrations, seeding,
    management commands run by whoever operates the server); it is audited as such.
    """
    if actor is not None and not actor.has_role(Role.BEHEERDER):
        raise PermissionDenied
    wanted = {Role(role) for role in roles}
    current = _held_roles(user)
    if actor is not None and actor.pk == user.pk and wanted != current:
        raise ValidationError(
            _("U kunt uw eigen rollen niet wijzigen; vraag dat aan een andere beheerder.")
        )
    added = wanted - current
    needs_approval = set() if actor is None else added - _held_roles(actor)
    applied = (wanted - needs_approval) | (current & needs_approval)
    pending = []
    for role in sorted(needs_approval):
        grant, created = RoleGrant.objects.get_or_create(
            user=user,
            role=role.value,
            status=RoleGrant.Status.PENDING,
            defaults={"requested_by": actor},
        )
        pending.append(grant)
        if created:
            audit_record(
                action="gebruiker.rol_aangevraagd",
                actor=actor,
                obj=user,
                request=request,
                details={"rol": role.value},
            )
    if applied != current:
        _apply_roles(user, applied)
        audit_record(
            action="gebruiker.rollen_gewijzigd",
            actor=actor,
            obj=user,
            request=request,
            details={
                "rollen": sorted(r.value for r in applied),
                "was": sorted(r.value for r in current),
            },
            actor_label="" if actor else "systeem",
        )
    return RolesResult(user=user, pending=pending)


def pending_roles_message(pending: list[RoleGrant]) -> str:
    """What the beheerder reads after asking for roles that wait for a second beheerder."""
    return ngettext(
        "De rol %(roles)s wacht op goedkeuring van een tweede beheerder.",
        "De rollen %(roles)s wachten op goedkeuring van een tweede beheerder.",
        len(pending),
    ) % {"roles": ", ".join(str(Role(grant.role).label) for grant in pending)}


@transaction.atomic
def role_grant_decide(*, actor: User, grant_uuid, approve: bool, request=None) -> RoleGrant:
    """A second beheerder approves or rejects a waiting RoleGrant. Neither the one who
    asked nor the user it is for may decide it."""
    if not actor.has_role(Role.BEHEERDER):
        raise PermissionDenied
    grant = RoleGrant.objects.select_for_update().select_related("user").get(uuid=grant_uuid)
    if grant.status != RoleGrant.Status.PENDING:
        raise ValidationError(_("Over deze roltoekenning is al beslist."))
    if actor.pk in (grant.requested_by_id, grant.user_id):
        raise ValidationError(
            _("Een tweede beheerder beslist hierover: niet wie het vroeg, en niet wie het krijgt.")
        )
    grant.status = RoleGrant.Status.APPROVED if approve else RoleGrant.Status.REJECTED
    grant.decided_by = actor
    grant.decided_at = timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        _apply_roles(grant.user, _held_roles(grant.user) | {Role(grant.role)})
    audit_record(
        action="gebruiker.rol_goedgekeurd" if approve else "gebruiker.rol_afgewezen",
        actor=actor,
        obj=grant.user,
        request=request,
        details={"rol": grant.role, "aangevraagd_door": grant.requested_by.get_username()},
    )
    return grant


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


def user_send_password_link(*, actor: User | None, user: User, request=None) -> None:
    """Mail USER a one-time link to set their own password. A beheerder never sets or
    sees a password; the link is Django's reset token (expires after
    PASSWORD_RESET_TIMEOUT, void once the password changed)."""
    if actor is not None and not actor.has_role(Role.BEHEERDER):
        raise PermissionDenied
    if not user.email:
        raise ValidationError(_("Dit account heeft geen e-mailadres; vul dat eerst in."))
    token = default_token_generator.make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("accounts:password_set", kwargs={"uidb64": uid, "token": token})
    context = {
        "name": user.first_name or user.get_username(),
        "username": user.get_username(),
        "link": f"{settings.SAMOS_BASE_URL.rstrip('/')}{path}",
    }
    with translation.override("nl"):
        message = EmailMultiAlternatives(
            # A fixed subject: no free text in any subject line.
            subject=_("Stel uw wachtwoord in voor SAMOS"),
            body=render_to_string("emails/password_link.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
            headers={"Auto-Submitted": "auto-generated"},
        )
    # Sent here, not through the claimed, swept path of reminders and invitations: the
    # beheerder asked for it just now and sees at once whether it went out (an SMTP
    # error reaches them), and can simply ask again. A link mailed hours later by a
    # sweeper, after an outage, would surprise the user and might already have expired;
    # and a claim row would keep a valid reset token's mail around for a retry.
    message.send()
    audit_record(
        action="gebruiker.wachtwoordlink_verstuurd", actor=actor, obj=user, request=request
    )


@transaction.atomic
def user_reset_second_factor(*, actor: User | None, user: User, request=None) -> int:
    """Remove every second-factor device of USER and end their sessions: they enrol a new
    authenticator at their next login. A beheerder never sees or adds a device."""
    if actor is not None and not actor.has_role(Role.BEHEERDER):
        raise PermissionDenied
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("Uw eigen tweestapsverificatie herstelt een andere beheerder."))
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    ended = _end_sessions_of(user)
    audit_record(
        action="gebruiker.tweestaps_hersteld",
        actor=actor,
        obj=user,
        request=request,
        details={"apparaten": removed, "sessies_beeindigd": ended},
    )
    return removed
