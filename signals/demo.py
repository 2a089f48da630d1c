"""Areas and themes of the fictional Gemeente Voorbeeldrade."""

from .models import Area, SourceKind, Theme

MUNICIPALITY = "Gemeente Voorbeeldrade"

# kern or wijk name, kind, buurten
AREAS = [
    ("Rade-Centrum", Area.Kind.WIJK, ["Marktkwartier", "Stationsbuurt", "Havenfront"]),
    ("Rade-Noord", Area.Kind.WIJK, ["Bloemenbuurt", "De Akkers", "Noorderpark"]),
    ("Rade-Oost", Area.Kind.WIJK, ["Molenwijk", "Oosterhof"]),
    ("Rade-Zuid", Area.Kind.WIJK, ["Zuiderveld", "Bedrijventerrein De Linge"]),
    ("Oldenmere", Area.Kind.KERN, ["Dorpskern Oldenmere", "Merepolder"]),
    ("Brammelo", Area.Kind.KERN, ["Dorpskern Brammelo", "Brammeler Esch"]),
    ("Kleidijk", Area.Kind.KERN, ["Dorpskern Kleidijk", "Buitengebied Kleidijk"]),
    ("Haarbroek", Area.Kind.KERN, ["Dorpskern Haarbroek", "Haarbroeker Veld"]),
    ("Lindevenne", Area.Kind.KERN, ["Dorpskern Lindevenne", "Venneweg"]),
    ("Eschveld", Area.Kind.KERN, ["Dorpskern Eschveld"]),
    ("Molenrade", Area.Kind.KERN, ["Dorpskern Molenrade", "Rade-Molenpolder"]),
    ("Zandwijk", Area.Kind.KERN, ["Dorpskern Zandwijk", "Zandwijker Heide"]),
]

THEMES = [
    ("Asielopvang", "Opvang van asielzoekers en statushouders, azc-plannen."),
    ("Windmolens en energie", "Windparken, zonneparken en de energietransitie."),
    ("Landbouw en stikstof", "Boerenprotesten, stikstofbeleid, uitkoop."),
    ("Woningbouw", "Nieuwbouwplannen, woningtekort, toewijzing van woningen."),
    ("Datacenters en hoogspanning", "Datacenters, hoogspanningsstations en -lijnen."),
    ("Jongerenoverlast", "Overlast en spanningen rond groepen jongeren."),
    ("Polarisatie en online", "Tegenstellingen tussen groepen, online ophitsing."),
    ("Desinformatie", "Geruchten en onjuiste informatie die onrust voeden."),
]

SOURCE_KINDS = [
    "Eigen waarneming",
    "Bewoner",
    "Sleutelfiguur",
    "Sociale media / online",
    "Nieuwsmedia",
    "Partnerorganisatie",
    "Monitor / cijfers",
]


def seed_areas_and_themes(stdout=None) -> None:
    """Create the area tree and the themes (idempotent)."""
    root, _ = Area.objects.get_or_create(
        parent=None, name=MUNICIPALITY, defaults={"kind": Area.Kind.GEMEENTE, "cbs_code": "GM9999"}
    )
    for index, (name, kind, buurten) in enumerate(AREAS, start=1):
        area, _ = Area.objects.get_or_create(
            parent=root, name=name, defaults={"kind": kind, "cbs_code": f"WK9999{index:02d}"}
        )
        for sub_index, buurt in enumerate(buurten, start=1):
            Area.objects.get_or_create(
                parent=area,
                name=buurt,
                defaults={"kind": Area.Kind.BUURT, "cbs_code": f"BU9999{index:02d}{sub_index:02d}"},
            )
    for name, description in THEMES:
        Theme.objects.get_or_create(name=name, defaults={"description": description})
    for order, name in enumerate(SOURCE_KINDS):
        SourceKind.objects.get_or_create(name=name, defaults={"order": order})
    if stdout is not None:
        stdout.write(f"  gebieden: {Area.objects.count()}, thema's: {Theme.objects.count()}")
