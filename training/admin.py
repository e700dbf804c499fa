from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy

from training.models import TrainingEvent, TrainingRecord


class RecordInline(admin.TabularInline):
    model = TrainingRecord
    extra = 0
    autocomplete_fields = ["employee"]
    fields = ["employee", "jp", "certificate_number"]


@admin.register(TrainingEvent)
class TrainingEventAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "topic", "provider", "start", "end", "jp", "participants"]
    list_filter = ["topic", "mode", "start"]
    search_fields = ["title", "code", "provider"]
    date_hierarchy = "start"
    inlines = [RecordInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(participant_count=Count("records"))

    @admin.display(description=gettext_lazy("peserta"), ordering="participant_count")
    def participants(self, obj):
        return obj.participant_count


@admin.register(TrainingRecord)
class TrainingRecordAdmin(admin.ModelAdmin):
    list_display = ["employee", "event", "jp", "certificate_number"]
    list_filter = ["event__topic", "event__start"]
    search_fields = ["^employee__nip", "employee__name", "event__title", "certificate_number"]
    autocomplete_fields = ["employee", "event"]
    list_select_related = ["employee", "event"]


import training.admin_import  # noqa: E402, F401  (registers the attendance import history and views)
