from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KernteamConfig(AppConfig):
    name = "kernteam"
    verbose_name = _("Kernteam")

    def ready(self):
        from .mywork import register_work_sections

        register_work_sections()
        from .area_page import register_area_sections

        register_area_sections()
        from django.urls import reverse

        from samos.accounts.roles import Role, grant
        from samos.core import dashboard, demo, links, navigation
        from samos.reminders.registry import register_source
        from signals.selectors import register_hiding_rule

        from . import reminders
        from .demo import seed_kernteam
        from .permissions import CASE_EDIT_ROLES, CASE_READ_ROLES
        from .selectors import hidden_signals_q

        navigation.register(
            navigation.NavItem(_("Casussen"), "kernteam:case_list", CASE_READ_ROLES, order=40)
        )

        # Need-to-know: the signals of a besloten case follow the case.
        register_hiding_rule(hidden_signals_q)
        demo.register_seeder(seed_kernteam, order=40)
        register_source("kernteam.sessions", reminders.planned_sessions)

        from samos.privacy.registry import register_source as register_subject_source
        from signals.retention import register_usage

        from . import datasubject, retention

        register_usage("kernteam.cases", retention.SIGNAL_USAGE)
        register_subject_source(datasubject.SOURCE)

        dashboard.register(
            dashboard.Panel(
                template="kernteam/partials/_panel_phases.html",
                roles=CASE_READ_ROLES,
                order=35,
                context=phase_panel_context,
            )
        )
        # The signal page names the cases that hold it (signals must not import us).
        links.register_refs("signal", "kernteam.cases", _signal_cases)
        # The inbox opens one case from several chosen signals.
        links.register(
            links.SlotLink(
                slot="signals",
                label=_("Casus openen met de gekozen signalen"),
                roles=CASE_EDIT_ROLES,
                url=lambda uuids: (
                    f"{reverse('kernteam:case_create')}?signalen=" + ",".join(str(u) for u in uuids)
                ),
            )
        )
        # The signal page and the inbox offer to open a case (signals must not import us).
        links.register(
            links.SlotLink(
                slot="signal",
                label=_("Casus openen met dit signaal"),
                roles=CASE_EDIT_ROLES,
                url=lambda signal: f"{reverse('kernteam:case_create')}?signalen={signal.uuid}",
            )
        )
        links.register(
            links.SlotLink(
                slot="signal",
                label=_("Aan een open casus koppelen"),
                roles=CASE_EDIT_ROLES,
                url=lambda signal: reverse(
                    "kernteam:signal_link", kwargs={"signal_uuid": signal.uuid}
                ),
                order=60,
            )
        )
        grant(
            Role.BEHEERDER,
            "kernteam.view_kernteammember",
            "kernteam.add_kernteammember",
            "kernteam.change_kernteammember",
            "kernteam.view_case",
        )


def _signal_cases(user, signal) -> list[dict]:
    from .selectors import cases_holding_signal

    return cases_holding_signal(user=user, signal=signal)


def phase_panel_context(request) -> dict:
    from .selectors import phase_per_area

    return {"phases": phase_per_area(user=request.user)}
