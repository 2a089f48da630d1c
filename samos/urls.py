"""Root URL configuration. Dutch paths; every view requires login unless marked otherwise."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView
from django.views.i18n import set_language

from samos.accounts.urls import two_factor_urlpatterns

admin.site.site_header = "SAMOS beheer"
admin.site.site_title = "SAMOS beheer"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("", include(two_factor_urlpatterns)),
    path("", include("samos.accounts.urls")),
    # The admin has no login of its own: everyone goes through the two-step login.
    path(
        "beheer/admin/login/",
        login_not_required(
            RedirectView.as_view(url=reverse_lazy("two_factor:login"), query_string=True)
        ),
    ),
    path("beheer/admin/", admin.site.urls),
    # Choosing the language must work before login too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("signalen/", include("signals.urls")),
    path("gebieden/", include("signals.area_urls")),
    path("", include("kernteam.urls")),
    path("", include("bob.urls")),
    path("", include("communicatie.urls")),
    path("", include("crisis.urls")),
    path("", include("samos.core.urls")),
    path("", include("samos.privacy.urls")),
]

handler403 = "samos.core.views.error_403"
handler404 = "samos.core.views.error_404"
handler500 = "samos.core.views.error_500"
