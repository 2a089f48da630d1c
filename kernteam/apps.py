from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KernteamConfig(AppConfig):
    name = "kernteam"
    verbose_name = _("Kernteam")
