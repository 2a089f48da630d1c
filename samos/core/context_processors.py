from django.conf import settings

from . import navigation


def samos(request):
    return {
        "nav_items": navigation.items_for(request.user, request.path)
        if hasattr(request, "user")
        else [],
        "demo_mode": settings.DEMO_MODE,
    }
