"""Response headers that hold for every page of the application."""


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
