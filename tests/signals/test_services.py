"""Logging, confirming and triaging signals through the services."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samos.accounts.roles import Role
from samos.audit.models import AuditEvent
from signals.models import Signal
from signals.services import (
    signal_anonymise,
    signal_confirm,
    signal_create,
    signal_delete,
    signal_set_status,
)
from signals.workflow import MANUAL_TARGETS, SignalStatus
from tests.factories import (
    AreaFactory,
    SignalFactory,
    SourceKindFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def create(author, **overrides):
    fields = {
        "author": author,
        "observation": "Pamfletten tegen het azc in de brievenbussen aan de Dorpsstraat.",
        "area": AreaFactory(),
        "source_kind": SourceKindFactory(),
        "themes": [ThemeFactory(name="Asielopvang")],
    }
    fields.update(overrides)
    return signal_create(**fields)


class TestCreate:
    def test_logs_a_signal_with_the_authors_organisation_and_an_audit_event(self):
        author = UserFactory(roles=[Role.SIGNALEERDER])
        signal = create(author)
        assert signal.status == SignalStatus.NIEUW
        assert signal.organisation == author.organisation
        assert [t.name for t in signal.themes.all()] == ["Asielopvang"]
        assert AuditEvent.objects.filter(action="signaal.gemeld", object_id=str(signal.uuid))

    @pytest.mark.parametrize("role", [Role.BURGEMEESTER, Role.COMMUNICATIE, Role.BEHEERDER])
    def test_roles_that_do_not_signal_cannot_log(self, role):
        with pytest.raises(PermissionDenied):
            create(UserFactory(roles=[role]))
        assert Signal.objects.count() == 0

    @pytest.mark.parametrize("observation", ["", "   ", "\n\t"])
    def test_missing_observation_is_refused(self, observation):
        with pytest.raises(ValidationError) as error:
            create(UserFactory(roles=[Role.SIGNALEERDER]), observation=observation)
        assert "observation" in error.value.message_dict
        assert Signal.objects.count() == 0

    def test_future_observation_time_is_refused(self):
        with pytest.raises(ValidationError) as error:
            create(
                UserFactory(roles=[Role.SIGNALEERDER]),
                observed_at=timezone.now() + timedelta(hours=2),
            )
        assert "toekomst" in error.value.message_dict["observed_at"][0]
        assert Signal.objects.count() == 0

    def test_inactive_area_is_refused(self):
        with pytest.raises(ValidationError):
            create(UserFactory(roles=[Role.SIGNALEERDER]), area=AreaFactory(is_active=False))

    def test_the_same_submission_token_saves_once(self):
        author = UserFactory(roles=[Role.SIGNALEERDER])
        token = uuid.uuid4()
        first = create(author, submission_token=token)
        again = create(author, submission_token=token)
        assert first.pk == again.pk
        assert Signal.objects.count() == 1


class TestConfirm:
    def test_another_user_confirms_once_and_the_count_follows(self):
        signal = SignalFactory()
        member = UserFactory(roles=[Role.KERNTEAMLID])
        signal_confirm(user=member, signal_uuid=signal.uuid, observation="Zag ik gisteren ook.")
        signal.refresh_from_db()
        assert signal.confirmation_count == 1
        with pytest.raises(ValidationError) as error:
            signal_confirm(user=member, signal_uuid=signal.uuid, observation="Nog een keer")
        assert "al bevestigd" in str(error.value)
        signal.refresh_from_db()
        assert signal.confirmation_count == 1

    def test_author_cannot_confirm_own_signal(self):
        signal = SignalFactory()
        with pytest.raises(PermissionDenied):
            signal_confirm(user=signal.author, signal_uuid=signal.uuid, observation="Ik ook")

    def test_cannot_confirm_what_one_cannot_see(self):
        from django.http import Http404

        signal = SignalFactory(vertrouwelijk=True)
        with pytest.raises(Http404):
            signal_confirm(
                user=UserFactory(roles=[Role.KERNTEAMLID]),
                signal_uuid=signal.uuid,
                observation="x",
            )

    def test_empty_confirmation_is_refused(self):
        signal = SignalFactory()
        with pytest.raises(ValidationError):
            signal_confirm(
                user=UserFactory(roles=[Role.COORDINATOR]), signal_uuid=signal.uuid, observation=" "
            )
        assert signal.confirmations.count() == 0


class TestTriage:
    def test_walk_every_transition_a_coordinator_may_choose(self):
        coordinator = UserFactory(roles=[Role.COORDINATOR])
        walked = 0
        for source, targets in MANUAL_TARGETS.items():
            for target in targets:
                walked += 1
                signal = SignalFactory(status=source)
                signal_set_status(
                    user=coordinator, signal_uuid=signal.uuid, status=target, reason="reden"
                )
                signal.refresh_from_db()
                assert signal.status == target
        assert walked == 5

    def test_disallowed_transitions_change_nothing(self):
        """Not allowed at all, or a consequence (gekoppeld, ingetrokken) chosen by hand."""
        coordinator = UserFactory(roles=[Role.COORDINATOR])
        for source in SignalStatus:
            for target in set(SignalStatus) - MANUAL_TARGETS.get(source, frozenset()):
                signal = SignalFactory(status=source)
                with pytest.raises(ValidationError):
                    signal_set_status(
                        user=coordinator, signal_uuid=signal.uuid, status=target, reason="x"
                    )
                signal.refresh_from_db()
                assert signal.status == source

    def test_archiving_needs_a_reason(self):
        signal = SignalFactory()
        with pytest.raises(ValidationError):
            signal_set_status(
                user=UserFactory(roles=[Role.COORDINATOR]),
                signal_uuid=signal.uuid,
                status=SignalStatus.GEARCHIVEERD,
            )

    @pytest.mark.parametrize("role", [Role.SIGNALEERDER, Role.KERNTEAMLID, Role.VOORZITTER])
    def test_only_the_coordinator_triages(self, role):
        signal = SignalFactory()
        with pytest.raises(PermissionDenied):
            signal_set_status(
                user=UserFactory(roles=[role]), signal_uuid=signal.uuid, status="bekeken"
            )


class TestDeleteAndAnonymise:
    def make_signal_with_file(self, settings):
        from signals.uploads import store_private_file

        signal = SignalFactory(observation="Mevrouw X belde over de buurman.")
        path = store_private_file(b"%PDF-1.4 test", extension="pdf")
        signal.attachments.create(
            path=path, download_name="brief.pdf", content_type="application/pdf", size=10
        )
        return signal, settings.MEDIA_ROOT / path

    def test_delete_removes_the_files_too(self, settings, django_capture_on_commit_callbacks):
        signal, file = self.make_signal_with_file(settings)
        assert file.exists()
        with django_capture_on_commit_callbacks(execute=True):
            signal_delete(user=UserFactory(roles=[Role.COORDINATOR]), signal_uuid=signal.uuid)
        assert not Signal.objects.filter(pk=signal.pk).exists()
        assert not file.exists()
        assert AuditEvent.objects.filter(action="signaal.verwijderd").exists()

    def test_anonymise_keeps_the_count_but_not_the_text_or_files(
        self, settings, django_capture_on_commit_callbacks
    ):
        signal, file = self.make_signal_with_file(settings)
        signal.confirmations.create(author=UserFactory(), observation="Ik ken mevrouw X ook.")
        with django_capture_on_commit_callbacks(execute=True):
            signal_anonymise(signal_uuid=signal.uuid)
        signal.refresh_from_db()
        assert signal.observation == "[geanonimiseerd]"
        assert signal.attachments.count() == 0
        assert not file.exists()
        assert signal.confirmations.get().observation == "[geanonimiseerd]"

    def test_only_the_coordinator_deletes(self, settings):
        signal, file = self.make_signal_with_file(settings)
        with pytest.raises(PermissionDenied):
            signal_delete(user=UserFactory(roles=[Role.KERNTEAMLID]), signal_uuid=signal.uuid)
        assert file.exists()
        assert Signal.objects.filter(pk=signal.pk).exists()
