from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "signals"
    verbose_name = _("Signalen")

    def ready(self):
        from .mywork import register_work_sections

        register_work_sections()
        from .area_page import register_area_sections

        register_area_sections()
        from samos.accounts import user_form_parts

        from .user_areas import AREAS_PART

        user_form_parts.register(AREAS_PART)
        from samos.accounts.roles import Role, grant
        from samos.core import dashboard, demo, navigation

        from . import panels, stats
        from .demo import seed_areas_and_themes
        from .demo_story import seed_demo_signals
        from .permissions import LOG_ROLES, READ_ALL_ORDINARY_ROLES, TRIAGE_ROLES, VIEW_ROLES

        grant(
            Role.BEHEERDER,
            *(
                f"signals.{verb}_{model}"
                for verb in ("view", "add", "change")
                for model in ("area", "theme", "sourcekind")
            ),
        )
        demo.register_seeder(seed_areas_and_themes, order=20)
        # Reference data a beheerder maintains: every change audited, whatever its path.
        from samos.audit.tracking import track

        from .models import Area, SourceKind, Theme

        track(Area, label="gebied")
        track(Theme, label="thema")
        track(SourceKind, label="bronsoort")
        demo.register_seeder(seed_demo_signals, order=30)

        from samos.privacy.registry import register_source
        from samos.retention.registry import register

        from . import datasubject, retention

        register(retention.PERSONAL_DATA_SIGNALS)
        register(retention.UNLINKED_SIGNALS)
        register_source(datasubject.SOURCE)

        for label, url_name, roles, order in [
            (_("Signaal melden"), "signals:signal_create", LOG_ROLES, 10),
            (_("Signalen"), "signals:signal_list", VIEW_ROLES, 20),
            (_("Inbox"), "signals:inbox", TRIAGE_ROLES, 25),
            (_("Aandachtsverzoeken"), "signals:attention_list", LOG_ROLES, 30),
        ]:
            navigation.register(navigation.NavItem(label, url_name, roles, order=order))

        for template, roles, order, context in [
            ("_panel_inbox.html", TRIAGE_ROLES, 15, panels.coordinator_panel_context),
            ("_panel_signaller.html", LOG_ROLES, 20, panels.signaller_panel_context),
            ("_panel_attention.html", LOG_ROLES, 21, panels.attention_panel_context),
            ("_panel_heat.html", READ_ALL_ORDINARY_ROLES, 40, stats.heat_panel_context),
            ("_panel_trend.html", READ_ALL_ORDINARY_ROLES, 41, stats.trend_panel_context),
        ]:
            dashboard.register(
                dashboard.Panel(
                    template=f"signals/partials/{template}",
                    roles=roles,
                    order=order,
                    context=context,
                )
            )
