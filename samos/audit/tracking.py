"""Audit every change of a tracked model, whatever path made it: the admin, a SAMOS page,
a management command or the shell. Apps register their models in AppConfig.ready():

    from samos.audit.tracking import track
    track(Area, label="gebied")

Each save writes `<label>.aangemaakt` or `<label>.gewijzigd` (with the names of the
changed fields, never their values: they may be personal data) and each delete
`<label>.verwijderd`, in the same transaction as the change. The actor is the user of
the request being handled (AuditActorMiddleware), else the system.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .services import audit_record

_request: ContextVar = ContextVar("samos_audit_request", default=None)
# Set while a service changes roles itself (and audits that with its own event).
_roles_by_service: ContextVar = ContextVar("samos_roles_by_service", default=False)


class AuditActorMiddleware:
    """Make the request's user the actor of the tracked changes made while handling it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


@contextmanager
def roles_changed_by_service():
    token = _roles_by_service.set(True)
    try:
        yield
    finally:
        _roles_by_service.reset(token)


def _record(action: str, obj, details=None) -> None:
    request = _request.get()
    actor = getattr(request, "user", None) if request is not None else None
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    audit_record(
        action=action,
        actor=actor,
        obj=obj,
        request=request,
        details=details,
        actor_label="" if actor else "systeem",
    )


def track(model, *, label: str, ignore: frozenset[str] = frozenset()) -> None:
    """Audit creates, changes and deletes of MODEL; changes of only IGNORE fields (such
    as last_login on every login) are not worth an event."""
    uid = f"samos.audit.track.{model._meta.label_lower}"
    concrete = [f for f in model._meta.concrete_fields if not f.primary_key]

    def before_save(sender, instance, raw=False, **kwargs):
        if raw or instance.pk is None:
            instance._audit_before = None
            return
        old = sender._default_manager.filter(pk=instance.pk).values(*[f.attname for f in concrete])
        instance._audit_before = next(iter(old), None)

    def after_save(sender, instance, created, raw=False, **kwargs):
        if raw:
            return
        before = getattr(instance, "_audit_before", None)
        if created or before is None:
            _record(f"{label}.aangemaakt", instance)
            return
        changed = sorted(
            f.name for f in concrete if before.get(f.attname) != getattr(instance, f.attname)
        )
        if set(changed) - ignore:
            _record(f"{label}.gewijzigd", instance, {"velden": changed})

    def after_delete(sender, instance, **kwargs):
        _record(f"{label}.verwijderd", instance)

    pre_save.connect(before_save, sender=model, weak=False, dispatch_uid=f"{uid}.pre")
    post_save.connect(after_save, sender=model, weak=False, dispatch_uid=f"{uid}.post")
    post_delete.connect(after_delete, sender=model, weak=False, dispatch_uid=f"{uid}.delete")


def track_user_access(user_model) -> None:
    """Audit changes of a user's groups (roles) and raw permissions made outside the
    role service — the service writes its own event."""

    def groups_changed(sender, instance, action, pk_set=None, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear") or _roles_by_service.get():
            return
        _record("gebruiker.rollen_gewijzigd_buiten_beheer", instance, {"wijziging": action})

    def permissions_changed(sender, instance, action, pk_set=None, **kwargs):
        if action in ("post_add", "post_remove", "post_clear"):
            _record("gebruiker.rechten_gewijzigd", instance, {"wijziging": action})

    m2m_changed.connect(
        groups_changed,
        sender=user_model.groups.through,
        weak=False,
        dispatch_uid="samos.audit.track.user.groups",
    )
    m2m_changed.connect(
        permissions_changed,
        sender=user_model.user_permissions.through,
        weak=False,
        dispatch_uid="samos.audit.track.user.permissions",
    )
