"""The lists a municipality keeps itself: target groups, kinds of messages, and the
checklist for communicating in tense situations. Plans and messages are written through
their pages (services), not here."""

from django.contrib import admin

from samos.core.admin_mixins import SamosModelAdmin

from .models import ChecklistItem, MessageKind, TargetGroup


@admin.register(TargetGroup)
class TargetGroupAdmin(SamosModelAdmin):
    list_display = ("name", "description", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name",)


@admin.register(MessageKind)
class MessageKindAdmin(SamosModelAdmin):
    list_display = ("name", "is_event", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name",)


@admin.register(ChecklistItem)
class ChecklistItemAdmin(SamosModelAdmin):
    list_display = ("text", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("text", "explanation")
