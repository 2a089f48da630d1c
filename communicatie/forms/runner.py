"""The judgements form of the follow-up's communication step: per goal of the plan and per
target group in it, an outcome (or "not judged") and a note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from communicatie.services import JudgementEntry
from communicatie.workflow import Outcome, SubjectKind

NOT_JUDGED = ("", _("Niet beoordeeld"))


class JudgementsForm(forms.Form):
    def __init__(self, *, plan, existing=(), data=None, **kwargs):
        super().__init__(data=data, **kwargs)
        known = {(j.subject_kind, j.subject): j for j in existing}
        subjects = [(SubjectKind.DOEL, goal, None) for goal in (plan.goal_list if plan else [])]
        if plan is not None:
            subjects += [
                (SubjectKind.DOELGROEP, group.target_group.name, group.target_group)
                for group in plan.groups.all()
            ]
        self.subjects = []
        for index, (kind, subject, target_group) in enumerate(subjects):
            judged = known.get((kind, subject[:300]))
            outcome, note = f"oordeel_{index}", f"toelichting_{index}"
            self.fields[outcome] = forms.ChoiceField(
                label=_("Oordeel"),
                choices=[NOT_JUDGED, *Outcome.choices],
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[note] = forms.CharField(
                label=_("Toelichting"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.initial[outcome] = judged.outcome if judged else ""
            self.initial[note] = judged.note if judged else ""
            self.subjects.append(
                {
                    "kind": kind,
                    "kind_label": SubjectKind(kind).label,
                    "subject": subject,
                    "target_group": target_group,
                    "outcome": self[outcome],
                    "note": self[note],
                }
            )

    def entries(self) -> list[JudgementEntry]:
        return [
            JudgementEntry(
                subject_kind=row["kind"],
                subject=row["subject"][:300],
                outcome=self.cleaned_data.get(row["outcome"].name, ""),
                note=self.cleaned_data.get(row["note"].name, ""),
                target_group=row["target_group"],
            )
            for row in self.subjects
        ]
