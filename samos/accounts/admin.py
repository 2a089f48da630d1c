"""Admin of users, their roles and organisations: a functional administrator's tools.

A beheerder manages accounts but cannot make anyone — themselves included — more
powerful on their own: no superuser flag, no raw permissions, no password field, no
second-factor device in sight. Roles go through `user_set_roles` (four eyes for a role
the beheerder does not hold; never their own roles); passwords are set by the user from
a link; a lost authenticator is reset, never read or added.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samos.core.admin_mixins import SamosModelAdmin

from .models import Organisation, RoleGrant, User
from .password_links import send_password_link_after_commit
from .roles import Role
from .services import (
    pending_roles_message,
    role_grant_decide,
    user_deactivate,
    user_reset_second_factor,
    user_send_password_link,
    user_set_roles,
)

# The groups are the seven roles, kept in step by the role services; in the admin they
# would only show a raw permission list in English.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)

USER_FIELDS = ["username", "first_name", "last_name", "email", "organisation", "job_title"]


class UserRolesForm(forms.ModelForm):
    """The account's own fields and its roles; nothing that grants power directly."""

    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Een rol die u zelf niet hebt, wacht op goedkeuring van een tweede beheerder. "
            "Uw eigen rollen wijzigt een andere beheerder."
        ),
    )

    class Meta:
        model = User
        fields = [*USER_FIELDS, "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = list(self.instance.groups.values_list("name", flat=True))


@admin.register(Organisation)
class OrganisationAdmin(SamosModelAdmin):
    list_display = ("name", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)


@admin.register(User)
class UserAdmin(SamosModelAdmin):
    form = UserRolesForm
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("is_active", "groups", "organisation")
    search_fields = ("username", "first_name", "last_name", "email")
    readonly_fields = ("last_login", "date_joined")
    actions = ["send_password_link", "reset_second_factor", "deactivate_users"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": USER_FIELDS}),
            (_("Toegang"), {"fields": ["is_active", "roles"] if obj else ["roles"]}),
        ]
        if obj is not None:
            fieldsets.append((_("Gegevens"), {"fields": ["last_login", "date_joined"]}))
        return fieldsets

    def get_queryset(self, request):
        users = super().get_queryset(request)
        # A superuser account (made on the server) is not the beheerder's to edit.
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        deactivating = change and "is_active" in form.changed_data and not obj.is_active
        if not change:
            # No shared first password: the user sets their own from the link.
            obj.set_unusable_password()
        if deactivating:
            obj.is_active = True  # user_deactivate does it, and ends the sessions
        super().save_model(request, obj, form, change)
        if deactivating:
            user_deactivate(actor=request.user, user=obj, request=request)
        if not change or "roles" in form.changed_data:
            self._save_roles(request, obj, set(form.cleaned_data["roles"]))
        if not change and obj.email:
            send_password_link_after_commit(request, obj)
            messages.info(request, _("Er gaat een link om het wachtwoord in te stellen."))

    def _save_roles(self, request, user, roles):
        try:
            result = user_set_roles(actor=request.user, user=user, roles=roles, request=request)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return
        if result.pending:
            messages.warning(request, pending_roles_message(result.pending))

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: the audit trail keeps pointing at the account

    @admin.action(description=_("Link sturen om het wachtwoord in te stellen"))
    def send_password_link(self, request, queryset):
        sent = 0
        for user in queryset:
            try:
                user_send_password_link(actor=request.user, user=user, request=request)
                sent += 1
            except ValidationError as error:
                messages.error(request, f"{user}: {error.messages[0]}")
        if sent:
            messages.success(request, _("De link is verstuurd."))

    @admin.action(description=_("Tweestapsverificatie herstellen (opnieuw instellen)"))
    def reset_second_factor(self, request, queryset):
        for user in queryset:
            try:
                user_reset_second_factor(actor=request.user, user=user, request=request)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, f"{user}: {' '.join(getattr(error, 'messages', []))}")
                return
        messages.success(
            request, _("Bij de volgende keer inloggen stellen zij een nieuwe authenticator in.")
        )

    @admin.action(description=_("Deactiveren en alle sessies beëindigen"))
    def deactivate_users(self, request, queryset):
        for user in queryset:
            user_deactivate(actor=request.user, user=user, request=request)
        messages.success(request, _("De gekozen accounts zijn gedeactiveerd."))


@admin.register(RoleGrant)
class RoleGrantAdmin(SamosModelAdmin):
    """Waiting role grants: a second beheerder approves or rejects them here."""

    list_display = ("user", "role", "status", "requested_by", "requested_at", "decided_by")
    list_filter = ("status", "role")
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        # Actions need a change permission by default; ours check the rules themselves.
        actions = super().get_actions(request)
        if not request.user.has_role(Role.BEHEERDER):
            return {}
        return actions

    def _decide(self, request, queryset, *, approve):
        for grant in queryset:
            try:
                role_grant_decide(
                    actor=request.user, grant_uuid=grant.uuid, approve=approve, request=request
                )
            except ValidationError as error:
                messages.error(request, f"{grant}: {error.messages[0]}")
            else:
                messages.success(
                    request,
                    (_("Goedgekeurd: %(grant)s.") if approve else _("Afgewezen: %(grant)s."))
                    % {"grant": grant},
                )

    @admin.action(description=_("Goedkeuren (vier ogen)"), permissions=["view"])
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Afwijzen"), permissions=["view"])
    def reject(self, request, queryset):
        self._decide(request, queryset, approve=False)
