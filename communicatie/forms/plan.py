"""The communication plan as one form: the plan's own fields, and per target group a
fieldset (include it, core message, tone, channels, timing). Used on the plan page and
in the runner's communication step, so both write the same plan the same way."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from communicatie.permissions import PLAN_READ_ROLES
from communicatie.services.plan import GROUP_FIELDS, GroupEntry

PLAN_FIELD_LABELS = {
    "goals": (
        _("Communicatiedoelen"),
        _("Eén doel per regel. Per doel beoordeelt het kernteam later of het werkte."),
        4,
    ),
    "spokespersons": (_("Woordvoerder(s)"), "", 1),
    "timing": (
        _("Tijdstippen en volgorde"),
        _("Wie hoort wat wanneer? Bijvoorbeeld: partners vóór de pers."),
        2,
    ),
    "can_influence": (_("Waar heeft de gemeente invloed op?"), "", 2),
    "cannot_influence": (
        _("Waar heeft de gemeente geen invloed op?"),
        _("Zeg het eerlijk: onduidelijkheid over invloed voedt onvrede."),
        2,
    ),
}
GROUP_FIELD_LABELS = {
    "core_message": (_("Kernboodschap"), forms.Textarea(attrs={"rows": 2})),
    "tone": (_("Toon en stijl"), forms.TextInput()),
    "channels": (_("Kanalen"), forms.TextInput()),
    "timing": (_("Moment"), forms.TextInput()),
}


class PlanForm(forms.Form):
    """PlanForm(target_groups=…, plan=…, data=None, with_approver=False).

    `values()` gives the plan's fields for services.plan_update, `group_entries()` the
    target groups that are ticked, `group_rows` the fieldsets for the template."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *, target_groups, plan, data=None, with_approver=False, **kwargs):
        groups = {group.target_group_id: group for group in plan.groups.all()}
        initial = {"version": plan.version}
        for name in PLAN_FIELD_LABELS:
            initial[name] = getattr(plan, name)
        super().__init__(data=data, initial=initial, **kwargs)
        for name, (label, help_text, rows) in PLAN_FIELD_LABELS.items():
            widget = forms.TextInput() if rows == 1 else forms.Textarea(attrs={"rows": rows})
            self.fields[name] = forms.CharField(
                label=label, help_text=help_text, required=False, widget=widget, max_length=5000
            )
        self.with_approver = with_approver
        if with_approver:
            self.fields["approver"] = forms.ModelChoiceField(
                label=_("Gemandateerde voor goedkeuring"),
                help_text=_("Leeg: de burgemeester keurt de uitingen goed."),
                queryset=get_user_model()
                .objects.filter(is_active=True, groups__name__in=sorted(PLAN_READ_ROLES))
                .distinct()
                .order_by("first_name", "last_name", "username"),
                required=False,
                empty_label=_("— alleen de burgemeester —"),
            )
            self.initial["approver"] = plan.approver_id
        # Every active target group, plus any the plan names that has been switched off since.
        self.target_groups = list(target_groups)
        known = {group.pk for group in self.target_groups}
        self.target_groups += [
            g.target_group for g in groups.values() if g.target_group_id not in known
        ]
        self.group_rows = []
        for group in self.target_groups:
            existing = groups.get(group.pk)
            prefix = f"groep_{group.pk}"
            include = f"{prefix}_in_plan"
            self.fields[include] = forms.BooleanField(
                label=_("%(name)s hoort bij het plan") % {"name": group.name}, required=False
            )
            self.initial[include] = existing is not None
            names = [include]
            for field, (label, widget) in GROUP_FIELD_LABELS.items():
                name = f"{prefix}_{field}"
                self.fields[name] = forms.CharField(
                    label=label, required=False, widget=widget, max_length=2000
                )
                self.initial[name] = getattr(existing, field) if existing else ""
                names.append(name)
            self.group_rows.append({"group": group, "fields": [self[name] for name in names]})

    def clean(self):
        data = super().clean()
        for group in self.target_groups:
            prefix = f"groep_{group.pk}"
            filled = any((data.get(f"{prefix}_{f}") or "").strip() for f in GROUP_FIELDS)
            if filled and not data.get(f"{prefix}_in_plan"):
                # Text typed for a group that is not ticked would be lost silently.
                self.add_error(
                    f"{prefix}_in_plan",
                    _(
                        "U schreef iets bij %(name)s: vink aan dat deze doelgroep bij het "
                        "plan hoort, of wis de tekst."
                    )
                    % {"name": group.name},
                )
        return data

    def values(self) -> dict:
        values = {name: self.cleaned_data.get(name, "") for name in PLAN_FIELD_LABELS}
        if self.with_approver:
            values["approver"] = self.cleaned_data.get("approver")
        return values

    def group_entries(self) -> list[GroupEntry]:
        entries = []
        for group in self.target_groups:
            prefix = f"groep_{group.pk}"
            if self.cleaned_data.get(f"{prefix}_in_plan"):
                entries.append(
                    GroupEntry(
                        target_group=group,
                        **{f: self.cleaned_data.get(f"{prefix}_{f}", "") for f in GROUP_FIELDS},
                    )
                )
        return entries

    def plan_fields(self):
        """The bound fields of the plan itself, in order (for the template)."""
        names = [*PLAN_FIELD_LABELS, *(["approver"] if self.with_approver else [])]
        return [self[name] for name in names]
