from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BobConfig(AppConfig):
    name = "bob"
    verbose_name = _("BOB-procedure")
