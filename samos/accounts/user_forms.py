"""The beheerder's user form (/beheer/gebruikers/): the account, its roles and whether it is
active — no permission lists, no staff or superuser switches. Roles go through
services.user_set_roles, which enforces the four-eyes rule."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, User
from .roles import ROLE_DESCRIPTIONS, Role
from .user_form_parts import registered_parts

ACCOUNT_FIELDS = ["first_name", "last_name", "username", "email", "organisation", "job_title"]


class RoleChoiceWidget(forms.CheckboxSelectMultiple):
    """A checkbox per role that carries what the role may do (the page shows it under the
    name; see templates/accounts/beheer/user_form.html)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["description"] = ROLE_DESCRIPTIONS.get(Role(value), "") if value else ""
        return option


class UserPageForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Role.choices,
        widget=RoleChoiceWidget,
        required=False,
        help_text=_(
            "Een rol die u zelf niet hebt, wacht op goedkeuring van een tweede beheerder. "
            "Uw eigen rollen wijzigt een andere beheerder."
        ),
    )

    class Meta:
        model = User
        fields = [*ACCOUNT_FIELDS, "is_active"]
        labels = {
            "first_name": _("Voornaam"),
            "last_name": _("Achternaam"),
            "username": _("Gebruikersnaam"),
            "email": _("E-mailadres"),
            "is_active": _("Actief (kan inloggen)"),
        }
        help_texts = {
            "username": _("Letters, cijfers en @ . + - _; zo logt iemand in."),
            "email": _("Hier komt de link om het wachtwoord in te stellen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)
        self.fields["organisation"].empty_label = _("— geen —")
        self.fields["email"].required = True
        if self.instance.pk:
            self.fields["roles"].initial = sorted(self.instance.roles)
        else:
            del self.fields["is_active"]  # a new account is active; deactivate afterwards
        # Fields other apps add (a user's areas), shown after the roles.
        subject = self.instance if self.instance.pk else None
        self.parts = registered_parts()
        self.part_field_names = []
        for part in self.parts:
            added = part.fields(subject)
            self.fields.update(added)
            self.part_field_names.extend(added)

    @property
    def part_fields(self):
        return [self[name] for name in self.part_field_names]
