"""Users and roles as a SAMOS page for the beheerder (/beheer/gebruikers/).

Views stay thin: the rules (four eyes on roles, never your own roles or second factor,
no superusers) live in samos.accounts.services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View
from django_otp import devices_for_user

from samos.core.forms import add_service_errors

from .models import RoleGrant, User
from .password_links import send_password_link_after_commit
from .permission_table import LABELS, PERMISSIONS, Can
from .permissions import RoleRequiredMixin
from .roles import ROLE_DESCRIPTIONS, Role
from .services import (
    pending_roles_message,
    user_deactivate,
    user_reset_second_factor,
    user_send_password_link,
    user_set_roles,
)
from .user_forms import UserPageForm

BEHEER = frozenset({Role.BEHEERDER})


def _managed_users():
    # A superuser account (made on the server) is not the beheerder's to see or edit.
    return User.objects.filter(is_superuser=False).select_related("organisation")


def _user_or_404(uuid) -> User:
    user = _managed_users().filter(uuid=uuid).first()
    if user is None:
        raise Http404
    return user


class UserListView(RoleRequiredMixin, TemplateView):
    allowed_roles = BEHEER
    template_name = "accounts/beheer/user_list.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("zoek", "").strip()[:100]
        users = _managed_users().prefetch_related("groups").order_by("last_name", "first_name")
        if query:
            users = users.filter(
                Q(username__icontains=query)
                | Q(first_name__icontains=query)
                | Q(last_name__icontains=query)
                | Q(email__icontains=query)
            )
        rows = [
            {
                "user": user,
                "roles": [Role(g.name).label for g in user.groups.all() if g.name in Role.values],
            }
            for user in users[:500]
        ]
        return super().get_context_data(rows=rows, query=query, **kwargs)


class RoleTableView(RoleRequiredMixin, TemplateView):
    """What each role may do, read from the one permission table."""

    allowed_roles = BEHEER
    template_name = "accounts/beheer/role_table.html"

    def get_context_data(self, **kwargs):
        roles = list(Role)
        rows = [
            {"label": LABELS[can], "cells": [role in PERMISSIONS[can] for role in roles]}
            for can in Can
        ]
        return super().get_context_data(
            roles=[{"role": role, "description": ROLE_DESCRIPTIONS[role]} for role in roles],
            rows=rows,
            **kwargs,
        )


class _UserFormView(RoleRequiredMixin, FormView):
    allowed_roles = BEHEER
    form_class = UserPageForm
    template_name = "accounts/beheer/user_form.html"
    subject: User | None = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.subject}

    def get_context_data(self, **kwargs):
        subject = self.subject
        pending = (
            [
                Role(g.role).label
                for g in subject.role_grants.filter(status=RoleGrant.Status.PENDING)
            ]
            if subject
            else []
        )
        return super().get_context_data(
            subject=subject,
            pending_roles=pending,
            has_second_factor=bool(subject and list(devices_for_user(subject, confirmed=None))),
            **kwargs,
        )

    @transaction.atomic
    def form_valid(self, form):
        actor = self.request.user
        creating = self.subject is None
        user = form.save(commit=False)
        deactivating = not creating and "is_active" in form.changed_data and not user.is_active
        if deactivating:
            user.is_active = True  # user_deactivate does it, and ends the sessions
        if creating:
            user.set_unusable_password()  # no shared first password: the user sets their own
        try:
            with transaction.atomic():
                user.save()
                result = user_set_roles(
                    actor=actor,
                    user=user,
                    roles=set(form.cleaned_data["roles"]),
                    request=self.request,
                )
                for part in form.parts:
                    part.save(
                        actor=actor, user=user, cleaned_data=form.cleaned_data, request=self.request
                    )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if deactivating:
            user_deactivate(actor=actor, user=user, request=self.request)
        if result.pending:
            messages.warning(self.request, pending_roles_message(result.pending))
        if creating:
            send_password_link_after_commit(self.request, user)
            messages.success(
                self.request,
                _("%(name)s is aangemaakt. Er gaat een link om het wachtwoord in te stellen.")
                % {"name": user},
            )
        else:
            messages.success(self.request, _("De gegevens zijn opgeslagen."))
        return redirect("accounts:beheer_user_edit", uuid=user.uuid)


class UserCreateView(_UserFormView):
    pass


class UserEditView(_UserFormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_role(Role.BEHEERDER):
            self.subject = _user_or_404(kwargs["uuid"])
        return super().dispatch(request, *args, **kwargs)


class _UserActionView(RoleRequiredMixin, View):
    allowed_roles = BEHEER
    http_method_names = ["post"]

    def post(self, request, uuid):
        user = _user_or_404(uuid)
        try:
            self.act(request, user)
        except (ValidationError, PermissionDenied) as error:
            for message in getattr(error, "messages", None) or [_("Dat mag u niet doen.")]:
                messages.error(request, message)
        return redirect("accounts:beheer_user_edit", uuid=user.uuid)


class UserResetSecondFactorView(_UserActionView):
    def act(self, request, user):
        user_reset_second_factor(actor=request.user, user=user, request=request)
        messages.success(
            request,
            _(
                "De tweestapsverificatie van %(name)s is hersteld: bij de volgende keer "
                "inloggen stelt %(name)s een nieuwe authenticator-app in."
            )
            % {"name": user},
        )


class UserPasswordLinkView(_UserActionView):
    def act(self, request, user):
        try:
            user_send_password_link(actor=request.user, user=user, request=request)
        except OSError as error:
            raise ValidationError(
                _("De mail kon niet worden verstuurd; probeer het later.")
            ) from error
        messages.success(request, _("De link om het wachtwoord in te stellen is verstuurd."))
