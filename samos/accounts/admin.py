from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Organisation, User
from .services import user_deactivate


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("is_active", "groups", "organisation")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("SAMOS"), {"fields": ("organisation", "job_title")}),
    )
    actions = ["deactivate_users"]

    @admin.action(description=_("Deactiveren en alle sessies beëindigen"))
    def deactivate_users(self, request, queryset):
        for user in queryset:
            user_deactivate(actor=request.user, user=user, request=request)
        messages.success(request, _("De gekozen accounts zijn gedeactiveerd."))
