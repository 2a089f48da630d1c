"""Logging, listing, reading, confirming and deleting signals; attachment downloads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View

from samos.accounts.permissions import RoleRequiredMixin
from samos.audit.services import audit_record
from samos.core.forms import add_service_errors
from samos.core.links import links_for, refs_for
from samos.core.seek import capped_count, seek_page
from signals import selectors, services
from signals.filters import SignalFilter
from signals.forms import (
    ConfirmationForm,
    SignalForm,
    StatusForm,
)
from signals.permissions import (
    EXPORT_ROLES,
    LOG_ROLES,
    TRIAGE_ROLES,
    VIEW_ROLES,
    author_may_still_change,
    can_confirm,
    can_edit,
    can_triage,
    can_withdraw,
    correction_deadline,
)
from signals.uploads import attachment_response
from signals.uploads.limits import oversized_uploads
from signals.workflow import MANUAL_TARGETS, SignalStatus

from ._common import NOTHING_CHOSEN, PAGE_SIZE, _is_uuid, case_url_for_selection
from ._rows import signal_meta, signal_rows


class SignalCreateView(RoleRequiredMixin, FormView):
    allowed_roles = LOG_ROLES
    form_class = SignalForm
    template_name = "signals/signal_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["oversized_files"] = oversized_uploads(self.request)
        wanted = self.request.GET.get("aandachtsverzoek")
        if wanted and self.request.method == "GET":
            kwargs.setdefault("initial", {})
            match = (
                selectors.attention_request_list_visible_for(user=self.request.user, only_open=True)
                .filter(uuid=wanted if _is_uuid(wanted) else None)
                .first()
            )
            if match is not None:
                kwargs["initial"]["attention_request"] = match.pk
            else:
                messages.warning(
                    self.request,
                    _(
                        "Het gekozen aandachtsverzoek bestaat niet (meer) of is gesloten; "
                        "het is overgeslagen."
                    ),
                )
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open_attention_requests=selectors.attention_request_list_visible_for(
                user=self.request.user, only_open=True
            ),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            signal = services.signal_create(
                author=self.request.user,
                nature=data["nature"],
                observation=data["observation"],
                impression=data["impression"],
                observed_at=data["observed_at"],
                area=data["area"],
                themes=data["themes"],
                source_kind=data["source_kind"],
                channel=data["channel"],
                urgency=data["urgency"],
                confidentiality=data["confidentiality"],
                contains_personal_data=data["contains_personal_data"],
                submission_token=data["submission_token"],
                attachments=data["attachments"],
                held_uploads=form.held_uploads,
                attention_request=data.get("attention_request"),
                request=self.request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Dank u. Het signaal is opgeslagen."))
        return redirect(signal)

    def form_invalid(self, form):
        """Keep everything: the text (the bound form), and attachments that passed their
        checks, held server-side so that nobody has to choose the photo again."""
        held = form.held_uploads
        new_files = form.cleaned_data.get("attachments") if "attachments" not in form.errors else []
        if new_files:
            held = held + services.held_uploads_store(owner=self.request.user, uploads=new_files)
        if held:
            messages.info(
                self.request,
                ngettext(
                    "Uw tekst en uw bijlage zijn bewaard; u hoeft de bijlage niet opnieuw te "
                    "kiezen.",
                    "Uw tekst en uw %(count)d bijlagen zijn bewaard; u hoeft ze niet opnieuw "
                    "te kiezen.",
                    len(held),
                )
                % {"count": len(held)},
            )
        if self.request.FILES and "attachments" in form.errors:
            messages.warning(
                self.request,
                _("Uw tekst is bewaard. Kies de bijlagen opnieuw: een browser onthoudt ze niet."),
            )
        return self.render_to_response(self.get_context_data(form=form, held_uploads=held))


class SignalListView(RoleRequiredMixin, TemplateView):
    allowed_roles = VIEW_ROLES
    template_name = "signals/signal_list.html"

    def get_context_data(self, **kwargs):
        queryset = selectors.signal_list_rows_visible_for(user=self.request.user)
        signal_filter = SignalFilter(self.request.GET, queryset=queryset)
        # Newest first, as the model orders signals (and the signal_observed_idx index).
        page = seek_page(
            signal_filter.qs,
            ordering=selectors.SIGNAL_LIST_ORDERING,
            params=self.request.GET,
            size=PAGE_SIZE,
            salt="signal_list",
        )
        query = self.request.GET
        active = sum(
            1 for name in signal_filter.form.fields if any(v.strip() for v in query.getlist(name))
        )
        return super().get_context_data(
            filter=signal_filter,
            active_filters=active,
            # Folded on arrival; open when the filters just failed, so the message shows.
            filters_open=bool(signal_filter.form.is_bound and signal_filter.form.errors),
            page=page,
            count=capped_count(signal_filter.qs),
            rows=signal_rows(page),
            query_string=page.query_string,
            can_triage=can_triage(self.request.user),
            can_export=self.request.user.has_role(*EXPORT_ROLES),
            selection_links=links_for("signals", self.request.user, ()),
            **{"chosen": set(), **kwargs},
        )

    def post(self, request):
        """'Casus openen met de gekozen signalen': nothing ticked keeps the list as it was,
        with its filters, and says so at the top."""
        url = case_url_for_selection(
            request.user, request.POST.getlist("signals"), request.POST.get("open_case", "1")
        )
        if url is None:
            return self.render_to_response(self.get_context_data(selection_errors=[NOTHING_CHOSEN]))
        return redirect(url)


class SignalDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = VIEW_ROLES
    template_name = "signals/signal_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        # An exercise signal may be read (its exercise links here), never triaged,
        # confirmed or changed: it is fictitious material, marked as such on the page.
        signal = selectors.signal_get_for(
            user=user, uuid=self.kwargs["uuid"], include_exercise=True
        )
        if signal.is_sensitive:
            audit_record(action="signaal.bekeken", actor=user, obj=signal, request=self.request)
        real = not signal.is_exercise
        triage = can_triage(user) and real
        return super().get_context_data(
            signal=signal,
            meta=signal_meta(signal),
            confirmations=selectors.confirmation_list_for(signal=signal),
            attachments=signal.attachments.all(),
            can_confirm=real
            and can_confirm(user, signal)
            and not selectors.has_confirmed(user=user, signal=signal),
            can_triage=triage,
            can_edit=real and can_edit(user, signal),
            can_withdraw=real and can_withdraw(user, signal),
            own_window=author_may_still_change(user, signal) and not triage,
            deadline=correction_deadline(signal),
            belongs_to=refs_for("signal", user, signal),
            answered=selectors.attention_request_answered_by(user=user, signal=signal),
            revisions=signal.revisions.select_related("author"),
            next_signal=selectors.next_in_inbox(user=user, after=signal) if triage else None,
            status_form=StatusForm(),
            next_statuses=[
                (status, SignalStatus(status).label)
                for status in sorted(MANUAL_TARGETS.get(signal.status, ()))
            ],
            **kwargs,
        )


class SignalConfirmView(RoleRequiredMixin, FormView):
    allowed_roles = LOG_ROLES
    form_class = ConfirmationForm
    template_name = "signals/confirmation_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.signal = selectors.signal_get_for(user=request.user, uuid=kwargs["uuid"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(signal=self.signal, **kwargs)

    def form_valid(self, form):
        try:
            services.signal_confirm(
                user=self.request.user,
                signal_uuid=self.signal.uuid,
                observation=form.cleaned_data["observation"],
                request=self.request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Dank u. Uw bevestiging is toegevoegd."))
        return redirect(self.signal)


class SignalDeleteView(RoleRequiredMixin, TemplateView):
    """Ask for confirmation, then delete the signal with its files."""

    allowed_roles = TRIAGE_ROLES
    template_name = "signals/signal_confirm_delete.html"

    def get_context_data(self, **kwargs):
        signal = selectors.signal_get_for(user=self.request.user, uuid=self.kwargs["uuid"])
        return super().get_context_data(signal=signal, **kwargs)

    def post(self, request, uuid):
        services.signal_delete(user=request.user, signal_uuid=uuid, request=request)
        messages.success(request, _("Het signaal en zijn bijlagen zijn verwijderd."))
        return redirect("signals:signal_list")


class AttachmentDownloadView(RoleRequiredMixin, View):
    allowed_roles = VIEW_ROLES

    def get(self, request, uuid, attachment_uuid):
        signal = selectors.signal_get_for(user=request.user, uuid=uuid)
        attachment = selectors.attachment_get_for(signal=signal, uuid=attachment_uuid)
        audit_record(action="bijlage.gedownload", actor=request.user, obj=signal, request=request)
        return attachment_response(
            path=attachment.path,
            download_name=attachment.download_name,
            content_type=attachment.content_type,
        )


class SignalsToConfirmView(RoleRequiredMixin, TemplateView):
    """ "Zie ik ook?": recent signals of colleagues in the signaller's own areas."""

    allowed_roles = LOG_ROLES
    template_name = "signals/signals_to_confirm.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            signals=list(selectors.signals_to_confirm_for(user=self.request.user)[:30]),
            assigned_areas=selectors.assigned_area_names(user=self.request.user),
            window_days=selectors.CONFIRM_WINDOW_DAYS,
            **kwargs,
        )
