"""Demo accounts and organisations of the fictional Gemeente Voorbeeldrade."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from .models import Organisation, User
from .roles import Role

DEMO_PASSWORD = "samos-demo"  # noqa: S105  (documented demo password, demo mode only)

ORGANISATIONS = [
    ("Gemeente Voorbeeldrade", Organisation.Kind.GEMEENTE),
    ("Politie basisteam Rade-Oost", Organisation.Kind.POLITIE),
    ("Welzijn Voorbeeldrade", Organisation.Kind.WELZIJN),
    ("Jongerenwerk De Schakel", Organisation.Kind.JONGERENWERK),
    ("GGD Regio Rade", Organisation.Kind.GGD),
    ("Woonstichting Radeland", Organisation.Kind.WONINGCORPORATIE),
    ("Scholengemeenschap Het Baken", Organisation.Kind.ONDERWIJS),
]

# username, first name, last name, job title, organisation, roles
DEMO_USERS = [
    (
        "signaleerder",
        "Sanne",
        "de Wit",
        "Wijkagent",
        "Politie basisteam Rade-Oost",
        [Role.SIGNALEERDER],
    ),
    (
        # Sanne's colleague: her signals are there to confirm ("zie ik ook").
        "collega",
        "Mehmet",
        "Yilmaz",
        "Wijkagent",
        "Politie basisteam Rade-Oost",
        [Role.SIGNALEERDER],
    ),
    (
        "coordinator",
        "Karim",
        "Bouzid",
        "Adviseur openbare orde en veiligheid",
        "Gemeente Voorbeeldrade",
        [Role.COORDINATOR, Role.SIGNALEERDER],
    ),
    (
        "kernteamlid",
        "Ingrid",
        "Jansen",
        "Teamleider wijkteam",
        "Welzijn Voorbeeldrade",
        [Role.KERNTEAMLID, Role.SIGNALEERDER],
    ),
    (
        "voorzitter",
        "Pieter",
        "van Dalen",
        "Gemeentesecretaris",
        "Gemeente Voorbeeldrade",
        [Role.VOORZITTER, Role.KERNTEAMLID],
    ),
    (
        "burgemeester",
        "Marieke",
        "Hoekstra",
        "Burgemeester",
        "Gemeente Voorbeeldrade",
        [Role.BURGEMEESTER],
    ),
    (
        "communicatie",
        "Joost",
        "Verbeek",
        "Communicatieadviseur",
        "Gemeente Voorbeeldrade",
        [Role.COMMUNICATIE],
    ),
    (
        "beheerder",
        "Fatima",
        "El Amrani",
        "Functioneel beheerder",
        "Gemeente Voorbeeldrade",
        [Role.BEHEERDER],
    ),
]


def seed_accounts(stdout=None) -> None:
    """Create or update the demo organisations and one account per role (idempotent)."""
    orgs = {}
    for name, kind in ORGANISATIONS:
        orgs[name], _ = Organisation.objects.update_or_create(name=name, defaults={"kind": kind})
    for username, first, last, title, org, roles in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "job_title": title,
                "organisation": orgs[org],
                "email": f"{username}@voorbeeldrade.example",
                # The accounts predate the story (its first signals are weeks old).
                "date_joined": timezone.now() - timedelta(days=365),
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_active = True
        user.is_staff = Role.BEHEERDER in roles
        user.save()
        user.groups.set(Group.objects.filter(name__in=[r.value for r in roles]))
    if stdout is not None:
        stdout.write(f"  demo-accounts: {', '.join(u[0] for u in DEMO_USERS)}")
