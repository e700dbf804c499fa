from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums import services
from forums.choices import RegistrationStatus
from forums.models import Commitment, CommitmentUpdate, Forum, ForumAspiration, Registration
from personnel.admin import ScopedChoicesMixin, UnitScopedAdmin
from personnel.models import Unit


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "community", "status", "created_at"]
    readonly_fields = ["name", "email", "community", "status", "created_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # residents register on the public page, where the seats are counted


@admin.register(Forum)
class ForumAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["title", "unit", "starts_at", "capacity", "published_at"]
    list_filter = ["unit"]
    search_fields = ["title", "venue"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["unit"]
    inlines = [RegistrationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "unit", "starts_at", "ends_at", "venue", "agenda"]}),
        (
            gettext_lazy("Pendaftaran"),
            {"fields": ["capacity", "registration_closes_at", "published_at"]},
        ),
        (
            gettext_lazy("Sesudah forum"),
            {
                "fields": [
                    "minutes",
                    "attendance_asn",
                    "attendance_residents",
                    "attendance_leaders",
                ]
            },
        ),
    ]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "forum", "status", "created_at"]
    list_filter = ["status", "forum"]
    search_fields = ["name", "email"]
    readonly_fields = ["forum", "name", "email", "community", "status", "created_at"]
    actions = ["cancel_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=gettext_lazy("Batalkan pendaftaran terpilih"))
    def cancel_selected(self, request, queryset):
        promoted = []
        for registration in queryset.exclude(status=RegistrationStatus.CANCELLED):
            moved_up = services.registration_cancel(registration=registration)
            if moved_up is not None:
                promoted.append(moved_up.name)
        messages.success(request, _("Pendaftaran dibatalkan."))
        if promoted:
            messages.info(
                request,
                _("Naik dari daftar tunggu: %(names)s.") % {"names": ", ".join(promoted)},
            )


class UpdateInline(admin.StackedInline):
    model = CommitmentUpdate
    extra = 1
    fields = ["date", "status", "progress", "text"]


@admin.register(Commitment)
class CommitmentAdmin(UnitScopedAdmin):
    list_display = ["title", "unit", "due_date", "status", "progress"]
    list_filter = ["status", "unit"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["unit", "forum"]
    readonly_fields = ["status", "progress"]
    inlines = [UpdateInline]
    list_select_related = ["unit"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.commitment_sync(commitment=form.instance)


class AspirationForm(forms.ModelForm):
    """The aspiration's own words; saving enters it as a feedback submission."""

    subject = forms.CharField(label=gettext_lazy("Pokok aspirasi"), max_length=200)
    body = forms.CharField(label=gettext_lazy("Uraian"), widget=forms.Textarea)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Ditujukan kepada unit"),
        queryset=Unit.objects.active().order_by("name"),
        required=False,
        help_text=gettext_lazy("Kosongkan untuk wilayah penyelenggara forum."),
    )

    class Meta:
        model = ForumAspiration
        fields = ["forum", "raised_by"]


@admin.register(ForumAspiration)
class ForumAspirationAdmin(admin.ModelAdmin):
    form = AspirationForm
    list_display = ["forum", "subject", "code", "status"]
    list_filter = ["forum"]
    search_fields = ["submission__subject", "submission__code", "forum__title"]
    list_select_related = ["forum", "submission"]
    autocomplete_fields = ["forum"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    @admin.display(description=gettext_lazy("pokok"))
    def subject(self, obj):
        return obj.submission.subject

    @admin.display(description=gettext_lazy("kode pelacakan"))
    def code(self, obj):
        return obj.submission.display_code

    @admin.display(description=gettext_lazy("status"))
    def status(self, obj):
        return obj.submission.get_status_display()

    def save_model(self, request, obj, form, change):
        recorded = services.aspiration_record(
            forum=form.cleaned_data["forum"],
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            unit=form.cleaned_data["unit"],
            raised_by=form.cleaned_data["raised_by"],
        )
        obj.pk, obj.submission = recorded.pk, recorded.submission
        messages.info(
            request,
            _("Kode pelacakan aspirasi ini: %(code)s") % {"code": recorded.submission.display_code},
        )
