"""Login, logout and two-factor pages (Dutch URLs)."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LogoutView
from django.urls import path
from django.views.generic import RedirectView
from two_factor import views as tf

from . import user_pages, views

app_name = "accounts"

urlpatterns = [
    path("uitloggen/", LogoutView.as_view(), name="logout"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("beheer/gebruikers/", user_pages.UserListView.as_view(), name="beheer_users"),
    path("beheer/rollen/", user_pages.RoleTableView.as_view(), name="beheer_roles"),
    path(
        "beheer/gebruikers/nieuw/", user_pages.UserCreateView.as_view(), name="beheer_user_create"
    ),
    path(
        "beheer/gebruikers/<uuid:uuid>/", user_pages.UserEditView.as_view(), name="beheer_user_edit"
    ),
    path(
        "beheer/gebruikers/<uuid:uuid>/tweestaps-herstellen/",
        user_pages.UserResetSecondFactorView.as_view(),
        name="beheer_user_reset_2fa",
    ),
    path(
        "beheer/gebruikers/<uuid:uuid>/wachtwoordlink/",
        user_pages.UserPasswordLinkView.as_view(),
        name="beheer_user_password_link",
    ),
    # The link a beheerder sends: the user sets their own password (before any login).
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        login_not_required(views.PasswordSetView.as_view()),
        name="password_set",
    ),
    path(
        "wachtwoord-ingesteld/",
        login_not_required(views.PasswordSetDoneView.as_view()),
        name="password_set_done",
    ),
]

# The two-factor pages keep the `two_factor` namespace their templates reverse. Only
# these are exposed: there is deliberately no page to switch two-factor off.
two_factor_urlpatterns = (
    [
        path("inloggen/", login_not_required(tf.LoginView.as_view()), name="login"),
        path("tweestaps/instellen/", tf.SetupView.as_view(), name="setup"),
        path("tweestaps/qr/", tf.QRGeneratorView.as_view(), name="qr"),
        path("tweestaps/gereed/", tf.SetupCompleteView.as_view(), name="setup_complete"),
        path("tweestaps/reservecodes/", tf.BackupTokensView.as_view(), name="backup_tokens"),
        # Their "account security" page is our account page.
        path("tweestaps/", RedirectView.as_view(pattern_name="accounts:account"), name="profile"),
    ],
    "two_factor",
)
