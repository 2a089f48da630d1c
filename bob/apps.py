from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BobConfig(AppConfig):
    name = "bob"
    verbose_name = _("BOB-procedure")

    def ready(self):
        from .mywork import register_work_sections

        register_work_sections()
        from samos.accounts.roles import Role, grant
        from samos.core import dashboard, demo, navigation
        from samos.reminders.registry import register_source

        from . import reminders
        from .demo import seed_bob
        from .permissions import ACTION_ROLES, SESSION_READ_ROLES
        from .views.blocks import register_bob_blocks
        from .views.case_documents import reading_panel_context

        grant(Role.BEHEERDER, "bob.view_decisionlist", "bob.view_action")
        navigation.register(
            navigation.NavItem(_("Acties"), "bob:action_list", ACTION_ROLES, order=45)
        )
        navigation.register(
            navigation.NavItem(_("Stukken"), "bob:reading_table", SESSION_READ_ROLES, order=47)
        )
        dashboard.register(
            dashboard.Panel(
                template="bob/partials/_panel_reading.html",
                roles=SESSION_READ_ROLES,
                order=20,
                context=reading_panel_context,
            )
        )
        register_source("bob.actions", reminders.open_actions)
        register_source("bob.information_requests", reminders.open_information_requests)
        register_source("bob.adopted_decision_lists", reminders.adopted_decision_lists)
        from . import assessment_reminders

        register_source("bob.assessment_notes", assessment_reminders.assessment_notes)
        register_source("bob.assessment_reviews", assessment_reminders.assessment_reviews)
        demo.register_seeder(seed_bob, order=50)
        from .assessment_demo import seed_assessment

        demo.register_seeder(seed_assessment, order=52)
        register_bob_blocks()
        _register_assessment_links()

        from samos.privacy.registry import register_source as register_subject_source
        from samos.retention.registry import register as register_retention
        from signals.retention import register_usage

        from . import datasubject, retention

        register_retention(retention.CLOSED_CASES)
        register_usage("bob.citations", retention.SIGNAL_USAGE)
        register_subject_source(datasubject.SOURCE)

        from kernteam.events import case_closed

        from .receivers import request_closing_dossier

        case_closed.connect(request_closing_dossier, dispatch_uid="bob.closing_dossier")

        # Exercises: injects in every step, the given beeld and oordeel at the start.
        from kernteam.events import session_started

        from .exercise_demo import seed_exercises
        from .injects import on_session_started, register_exercise_blocks

        demo.register_seeder(seed_exercises, order=55)

        register_exercise_blocks()
        session_started.connect(on_session_started, dispatch_uid="bob.exercise_given_steps")


def _register_assessment_links() -> None:
    """The signal page and the signal lists offer a vooraf-afweging (signals must not
    import us)."""
    from django.urls import reverse

    from samos.accounts.permission_table import Can, roles_that
    from samos.core import links

    def from_signals(uuids) -> str:
        return f"{reverse('bob:assessment_create')}?signalen=" + ",".join(str(u) for u in uuids)

    links.register(
        links.SlotLink(
            slot="signals",
            label=_("Vooraf-afweging met de gekozen signalen"),
            roles=roles_that(Can.ASSESS),
            url=from_signals,
            order=60,
        )
    )
    links.register(
        links.SlotLink(
            slot="signal",
            label=_("Vooraf-afweging maken"),
            roles=roles_that(Can.ASSESS),
            url=lambda signal: from_signals([signal.uuid]),
            order=40,
        )
    )
