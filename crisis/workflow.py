"""To whom a case is handed over. SAMOS complements the crisis plan and the GGD's
psychosocial protocol: when a case escalates, one of them takes over."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Recipient(models.TextChoices):
    CRISISORGANISATIE = "crisisorganisatie", _("Regionale crisisorganisatie (veiligheidsregio)")
    GGD_PSH = "ggd_psh", _("GGD: psychosociale hulpverlening (PSH-protocol)")
