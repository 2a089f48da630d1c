"""factory_boy factories shared by all tests."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from samos.accounts.models import Organisation, User

TEST_PASSWORD = "een-lang-testwachtwoord-2026"  # noqa: S105


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.GEMEENTE


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `roles=[Role.X, …]` puts them in the role groups."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Persoon {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@voorbeeldrade.example")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=[str(r) for r in extracted]))
        self.save()


def add_totp_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def totp_token(device: TOTPDevice) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


# --- signals -------------------------------------------------------------------------


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "signals.Area"

    name = factory.Sequence(lambda n: f"Kern {n}")
    kind = "kern"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "signals.Theme"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Thema {n}")


class SourceKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "signals.SourceKind"
        django_get_or_create = ("name",)

    name = "Eigen waarneming"


class SignalFactory(factory.django.DjangoModelFactory):
    """A signal; traits `vertrouwelijk` and `persoonsgegevens` make it sensitive."""

    class Meta:
        model = "signals.Signal"

    observation = "Groep jongeren bij het winkelcentrum, er werd vuurwerk afgestoken."
    area = factory.SubFactory(AreaFactory)
    source_kind = factory.SubFactory(SourceKindFactory)
    author = factory.SubFactory(UserFactory, roles=["signaleerder"])
    organisation = factory.LazyAttribute(lambda s: s.author.organisation)

    class Params:
        vertrouwelijk = factory.Trait(confidentiality="vertrouwelijk")
        persoonsgegevens = factory.Trait(contains_personal_data=True)


# --- kernteam and bob ----------------------------------------------------------------


class CaseFactory(factory.django.DjangoModelFactory):
    """A case in one area; `signals=[…]` are linked without going through the service."""

    class Meta:
        model = "kernteam.Case"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Casus {n}")
    opened_by = factory.SubFactory(UserFactory, roles=["coordinator"])

    class Params:
        oefening = factory.Trait(is_exercise=True)
        gesloten = factory.Trait(status="gesloten", evaluation="Geleerd: vroeg praten werkt.")

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create:
            self.areas.set(extracted or [AreaFactory()])


class KernteamMemberFactory(factory.django.DjangoModelFactory):
    """A seat in the standing kernteam."""

    class Meta:
        model = "kernteam.KernteamMember"

    user = factory.SubFactory(UserFactory, roles=["kernteamlid"])
    function = "politie"


class SessionFactory(factory.django.DjangoModelFactory):
    """A planned session of a case, chaired by a voorzitter; traits for its status."""

    class Meta:
        model = "kernteam.Session"

    case = factory.SubFactory(CaseFactory)
    kind = "eerste"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2))
    location = "Gemeentehuis, kamer 2"
    chair = factory.SubFactory(UserFactory, roles=["voorzitter"])
    convened_by = factory.SubFactory(UserFactory, roles=["kernteamlid"])

    class Params:
        bezig = factory.Trait(status="bezig")
        afgerond = factory.Trait(status="afgerond")


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "kernteam.Attendee"

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory, roles=["kernteamlid"])


class ActionFactory(factory.django.DjangoModelFactory):
    """A SMART action of a case, carried out and coordinated by kernteam members."""

    class Meta:
        model = "bob.Action"

    case = factory.SubFactory(CaseFactory)
    title = factory.Sequence(lambda n: f"Actie {n}")
    intended_result = "Bewoners weten waar ze met vragen terecht kunnen."
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    executor = factory.SubFactory(UserFactory, roles=["kernteamlid"])
    coordinator = factory.SubFactory(UserFactory, roles=["coordinator"])
    created_by = factory.SelfAttribute("coordinator")


# --- communicatie -----------------------------------------------------------------------


def message_kind(name: str):
    """One of the kinds the migration puts in (Bewonersbrief, Persbericht, Bewonersavond …)."""
    from communicatie.models import MessageKind

    return MessageKind.objects.get(name=name)


class MessageFactory(factory.django.DjangoModelFactory):
    """A concept message (uiting) of a case, by a communicatieadviseur. Use the services
    to move it on (submit, approve, mark sent): that is what the tests are about."""

    class Meta:
        model = "communicatie.Message"
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory)
    kind = factory.LazyFunction(lambda: message_kind("Bewonersbrief"))
    title = factory.Sequence(lambda n: f"Bewonersbrief {n}")
    text = "Beste bewoners, de gemeente nodigt u uit voor een avond in het dorpshuis."
    created_by = factory.SubFactory(UserFactory, roles=["communicatieadviseur"])

    @factory.post_generation
    def versioned(self, create, extracted, **kwargs):
        # Every message starts with its first version, as message_create makes it.
        if create:
            from communicatie.models import MessageVersion

            MessageVersion.objects.create(
                message=self, number=1, title=self.title, text=self.text, author=self.created_by
            )
