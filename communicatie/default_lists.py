"""The starting lists a municipality can change in the admin: target groups, kinds of
messages, and the checklist for communicating in tense situations (written from the
Handreiking's communication section, the infoblad on polarisation and the Town Deal
lessons). Installed by a data migration, and again by the demo seeder after a flush."""

TARGET_GROUPS = [
    ("Bewoners van de kern of wijk", "Iedereen die in het gebied woont."),
    ("Direct betrokken bewoners", "Omwonenden, betrokkenen bij het incident, hun familie."),
    ("Ondernemers", "Winkeliers, horeca en andere ondernemers in het gebied."),
    ("Partners", "Politie, woningcorporatie, welzijn, scholen, zorg en andere partners."),
    ("Gemeenteraad", "De raad en de fractievoorzitters."),
    ("Media", "Lokale en regionale pers."),
    ("Eigen medewerkers", "Balie, klantcontactcentrum, boa's en wijkteams."),
    ("Online gemeenschappen", "Facebookgroepen, WhatsApp-groepen en fora van het gebied."),
]

MESSAGE_KINDS = [
    ("Bewonersbrief", False),
    ("Persbericht", False),
    ("Social-mediabericht", False),
    ("Bewonersavond", True),
    ("Raadsinformatiebrief", False),
    ("Bericht aan partners", False),
    ("Intern bericht", False),
    ("Woordvoeringslijn", False),
]

CHECKLIST = [
    (
        "Partners weten het vóór de pers",
        "Politie, corporatie, scholen en welzijn horen een besluit of bericht van de gemeente "
        "zelf, niet uit de krant of van een bewoner. Wie overvallen wordt, kan niets uitleggen.",
    ),
    (
        "Zeg waar de gemeente wel en geen invloed op heeft",
        "Wees duidelijk over de eigen rol: wat de gemeente kan, mag en beslist, en wat bij "
        "provincie, Rijk of anderen ligt. Onduidelijkheid over invloed voedt het gevoel "
        "niet serieus genomen te worden.",
    ),
    (
        "Wees eerlijk als een besluit zal teleurstellen",
        "Mensen hebben liever onpopulaire eerlijkheid dan om de hete brij heen draaien. "
        "Zeg dat een besluit niet iedereen zal bevallen, en waarom het toch zo is.",
    ),
    (
        "Eén woordvoerder, één lijn",
        "Spreek af wie namens de gemeente spreekt en zorg dat balie, wijkteam en partners "
        "dezelfde lijn kennen. Tegenstrijdige berichten doen meer schade dan stilte.",
    ),
    (
        "Laat zien hoe zorgen zijn meegewogen",
        "Leg uit welke belangen tegen elkaar zijn afgewogen. Dat verandert de uitkomst niet, "
        "maar maakt een besluit begrijpelijker en de overheid betrouwbaarder.",
    ),
    (
        "Reageer online binnen de afgesproken tijd",
        "Spreek af binnen hoeveel uur op vragen en geruchten in online groepen wordt "
        "gereageerd, en door wie. Een gerucht dat een dag blijft staan, wordt een feit.",
    ),
    (
        "Geen inspraak voor de bühne",
        "Vraag alleen om een mening als er nog iets te kiezen valt, en vertel achteraf wat "
        "er met de inbreng is gedaan.",
    ),
    (
        "Kies toon en moment met het oog op de-escalatie",
        "Lees een tekst na met de ogen van de meest betrokken bewoner. Verstuur niets op een "
        "moment dat het vuur oppookt, zoals vlak voor een geplande bijeenkomst of demonstratie.",
    ),
]


def add_default_lists(TargetGroup, MessageKind, ChecklistItem) -> None:  # noqa: N803
    """Add what is missing, by name; never overwrites what a municipality changed. Takes
    the models as arguments so the data migration can pass its historical ones."""
    for order, (name, description) in enumerate(TARGET_GROUPS, start=1):
        TargetGroup.objects.get_or_create(
            name=name, defaults={"description": description, "order": order * 10}
        )
    for order, (name, is_event) in enumerate(MESSAGE_KINDS, start=1):
        MessageKind.objects.get_or_create(
            name=name, defaults={"is_event": is_event, "order": order * 10}
        )
    for order, (text, explanation) in enumerate(CHECKLIST, start=1):
        ChecklistItem.objects.get_or_create(
            text=text, defaults={"explanation": explanation, "order": order * 10}
        )
