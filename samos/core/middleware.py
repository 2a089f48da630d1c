"""Response headers that hold for every page of the application, and requests no page
can take."""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class NoStoreMiddleware:
    """Application pages may hold signal or case content (or a CSRF token): never cache.

    Static files are answered by whitenoise before this middleware and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = "no-store, private"
        return response


class DutchFirstLocaleMiddleware:
    """Dutch unless the user chose another language (cookie set by the language switch).

    Django's LocaleMiddleware follows the browser's Accept-Language; a municipal
    application is Dutch by default, also on an English browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        available = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RejectNulCharactersMiddleware:
    """Refuse (400) a request whose query string or form fields hold a NUL character.

    Nobody types one; PostgreSQL refuses it in any text it is sent, so a NUL that reached
    a query (a search term, a filter) would end in a server error. Form fields already
    reject it with a message; this covers everything a view reads directly.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request.GET) or (
            request.method == "POST"
            and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
            and _holds_nul(request.POST)
        ):
            return HttpResponseBadRequest(
                _("Dit verzoek bevat een ongeldig teken en is niet verwerkt."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


def _holds_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())
