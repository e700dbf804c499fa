"""Submissions in the staff admin: read-only for now; moderation arrives in a later landing.

Moderators (the `moderate_submission` permission) see every submission with its sender's
identity and contact; unit responders see only submissions routed to their units, never the
contact data, and no name when the sender chose anonim.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from feedback import codes
from feedback.choices import Privacy
from feedback.models import Submission, TimelineEvent
from personnel import scoping
from personnel.admin import UnitScopedAdmin

IDENTITY = ("name", "email", "phone")


def is_moderator(user) -> bool:
    return scoping.is_unrestricted(user) or (
        user.is_active and user.is_staff and user.has_perm("feedback.moderate_submission")
    )


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyMixin, admin.TabularInline):
    model = TimelineEvent
    fields = ("created_at", "kind", "status", "is_public", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyMixin, UnitScopedAdmin):
    list_display = (
        "tracking_code",
        "created_at",
        "kind",
        "subject",
        "target_label",
        "privacy",
        "status",
    )
    list_filter = ("status", "kind", "privacy", "target_type")
    search_fields = ("code", "subject")
    date_hierarchy = "created_at"
    list_per_page = 50
    inlines = [EventInline]
    ordering = ("-created_at",)

    def get_queryset(self, request):
        # Skip UnitScopedAdmin's narrowing for moderators: they see every submission.
        queryset = super(UnitScopedAdmin, self).get_queryset(request).for_admin()
        if is_moderator(request.user):
            return queryset
        return scoping.scoped_queryset(Submission, request.user, queryset)

    def _in_scope(self, request, obj):
        return obj is None or is_moderator(request.user) or super()._in_scope(request, obj)

    def get_fields(self, request, obj=None):
        fields = [
            "tracking_code",
            "status",
            "kind",
            "target_type",
            "target_label",
            "routed_to",
            "subject",
            "body",
            "privacy",
            "name",
            "email",
            "phone",
            "consent_at",
            "created_at",
            "closed_at",
            "contact_purged_at",
        ]
        if not is_moderator(request.user):
            hidden = {"email", "phone"}
            if obj is None or obj.privacy == Privacy.ANONIM:
                hidden.add("name")
            fields = [field for field in fields if field not in hidden]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_search_results(self, request, queryset, search_term):
        # A tracking code is found however it was typed: TPI-7K3F-… or 7k3f….
        code = codes.normalize(search_term)
        if code:
            return queryset.filter(code=code), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("kode pelacakan"), ordering="code")
    def tracking_code(self, obj):
        return obj.display_code

    @admin.display(description=_("sasaran"))
    def target_label(self, obj):
        label = obj.get_target_type_display()
        return f"{label}: {obj.target}" if obj.target else label
