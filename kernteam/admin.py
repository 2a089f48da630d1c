from django.contrib import admin

from samos.core.admin_mixins import ReadOnlyModelAdmin, SamosModelAdmin

from .models import Case, KernteamMember, PhaseChange


@admin.register(KernteamMember)
class KernteamMemberAdmin(SamosModelAdmin):
    """Configuration of the kernteam: who sits at the table, chair, secretary."""

    list_display = (
        "user",
        "function",
        "is_chair",
        "is_secretary",
        "prepares_sessions",
        "is_active",
    )
    list_filter = ("function", "is_chair", "is_active")


class PhaseChangeInline(admin.TabularInline):
    model = PhaseChange
    extra = 0
    can_delete = False
    readonly_fields = ("from_phase", "to_phase", "reason", "changed_by", "changed_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyModelAdmin):
    """Read-only overview for beheerders; cases change through the kernteam's pages."""

    list_display = ("title", "phase", "status", "is_confidential", "is_exercise", "opened_at")
    list_filter = ("status", "phase", "is_confidential", "is_exercise")
    search_fields = ("title",)
    inlines = [PhaseChangeInline]

    def get_queryset(self, request):
        # Need-to-know holds in the admin too: a beheerder does not see besloten cases
        # unless they take part in them.
        from .selectors import case_need_to_know_q

        return super().get_queryset(request).filter(case_need_to_know_q(request.user))
