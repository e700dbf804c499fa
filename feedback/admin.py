"""Submissions in the staff admin: read-only records, changed only through moderation services.

Moderators (the `moderate_submission` permission) see every submission with its sender's
identity, contact and original text, and work the queue (new submissions, oldest first) with
the bulk "verify" action and the per-submission moderation page (reject, redact, route, mark as
duplicate, ban the sender, show again after flags). Unit responders see only submissions routed
to their units, never the contact data nor the unredacted text, and no name when the sender
chose anonim.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from feedback import codes, services
from feedback.choices import Privacy, Status
from feedback.models import Ban, BanKind, Holiday, Submission, TimelineEvent
from personnel import scoping
from personnel.admin import UnitScopedAdmin
from personnel.models import Unit

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


ALL = "semua"


class QueueFilter(admin.SimpleListFilter):
    """Status, defaulting to the moderation queue (baru) for moderators."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(ALL, _("Semua")), *Status.choices]

    def _default(self, request):
        return Status.BARU if is_moderator(request.user) else ALL

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset

    def __init__(self, request, params, model, model_admin):
        self.default = self._default(request)
        super().__init__(request, params, model, model_admin)


class HiddenFilter(admin.SimpleListFilter):
    title = _("dilaporkan pengunjung")
    parameter_name = "tersembunyi"

    def lookups(self, request, model_admin):
        return [("ya", _("Disembunyikan, menunggu tinjauan"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(hidden_at__isnull=False)
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = _("batas waktu")
    parameter_name = "terlambat"

    def lookups(self, request, model_admin):
        return [("ya", _("Melewati batas waktu"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(is_overdue=True)
        return queryset


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tampil di halaman status masukan."),
    )


class RedactForm(forms.Form):
    subject = forms.CharField(label=_("Judul publik"), max_length=150)
    body = forms.CharField(label=_("Isi publik"), widget=forms.Textarea(attrs={"rows": 8}))


class RouteForm(forms.Form):
    units = forms.ModelMultipleChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.filter(is_active=True).order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )


class DuplicateForm(forms.Form):
    original = forms.CharField(label=_("Kode pelacakan masukan asli"), max_length=40)

    def clean_original(self):
        code = codes.normalize(self.cleaned_data["original"])
        original = Submission.objects.filter(code=code).first() if code else None
        if original is None:
            raise ValidationError(_("Tidak ada masukan dengan kode itu."))
        return original


class BanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Blokir"), choices=BanKind.choices)
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}))


MODERATION_FORMS = {
    "reject": RejectForm,
    "redact": RedactForm,
    "route": RouteForm,
    "duplicate": DuplicateForm,
    "ban": BanForm,
    "unhide": forms.Form,
}


def _run(action, submission, data, by):
    if action == "reject":
        services.moderation_reject(submission=submission, reason=data["reason"], by=by)
    elif action == "redact":
        services.moderation_redact(
            submission=submission, subject=data["subject"], body=data["body"], by=by
        )
    elif action == "route":
        services.moderation_route(submission=submission, units=data["units"], by=by)
    elif action == "duplicate":
        services.moderation_mark_duplicate(submission=submission, original=data["original"], by=by)
    elif action == "ban":
        services.moderation_ban(
            submission=submission, kind=data["kind"], reason=data["reason"], by=by
        )
    elif action == "unhide":
        services.moderation_unhide(submission=submission, by=by)


class ResponseForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Atas nama unit"), queryset=Unit.objects.none())
    text = forms.CharField(
        label=_("Tanggapan resmi"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Ditampilkan di halaman status dengan nama unit."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ClarifyForm(ResponseForm):
    text = forms.CharField(
        label=_("Pertanyaan untuk pengirim"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ditampilkan di halaman status; pengirim menjawab dari sana."),
    )


def can_respond(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm(services.RESPOND)


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
        "overdue",
        "flagged",
    )
    list_filter = (QueueFilter, OverdueFilter, HiddenFilter, "kind", "privacy", "target_type")
    search_fields = ("code", "subject")
    date_hierarchy = "created_at"
    list_per_page = 50
    inlines = [EventInline]
    ordering = ("created_at", "id")
    actions = ["verify"]

    def get_queryset(self, request):
        # Skip UnitScopedAdmin's narrowing for moderators: they see every submission.
        queryset = (
            super(UnitScopedAdmin, self)
            .get_queryset(request)
            .for_admin()
            .with_overdue(timezone.localdate())
        )
        if is_moderator(request.user):
            return queryset
        return scoping.scoped_queryset(Submission, request.user, queryset)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_moderator(request.user):
            actions.pop("verify", None)
        return actions

    @admin.action(description=_("Verifikasi masukan terpilih"))
    def verify(self, request, queryset):
        refused = queryset.exclude(status=Status.BARU).count()
        done = 0
        for submission in queryset.filter(status=Status.BARU):
            services.moderation_verify(submission=submission, by=request.user)
            done += 1
        self.message_user(
            request, _("%(done)d masukan diverifikasi.") % {"done": done}, messages.SUCCESS
        )
        if refused:
            self.message_user(
                request,
                _("%(count)d masukan tidak berstatus baru dan dilewati.") % {"count": refused},
                messages.WARNING,
            )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/moderasi/",
                self.admin_site.admin_view(self.moderate_view),
                name="feedback_submission_moderate",
            ),
            path(
                "<int:object_id>/tanggapan/",
                self.admin_site.admin_view(self.respond_view),
                name="feedback_submission_respond",
            ),
            *super().get_urls(),
        ]

    def respond_view(self, request, object_id):
        if not can_respond(request.user):
            raise PermissionDenied
        submission = self.get_object(request, object_id)
        if submission is None:
            return redirect("admin:feedback_submission_changelist")
        units = Unit.objects.filter(
            pk__in=submission.routings.values("unit"),
        ).filter(pk__in=scoping.units_for(request.user).values("pk"))
        action = request.POST.get("action") if request.method == "POST" else None
        forms_ = {
            "respond": ResponseForm(units=units),
            "clarify": ClarifyForm(units=units),
        }
        if action in forms_:
            form = type(forms_[action])(request.POST, units=units)
            forms_[action] = form
            if form.is_valid():
                data = form.cleaned_data
                try:
                    if action == "respond":
                        services.unit_respond(
                            submission=submission,
                            unit=data["unit"],
                            text=data["text"],
                            by=request.user,
                        )
                    else:
                        services.unit_ask_clarification(
                            submission=submission,
                            unit=data["unit"],
                            question=data["text"],
                            by=request.user,
                        )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(request, _("Tercatat."), messages.SUCCESS)
                    return redirect("admin:feedback_submission_respond", submission.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Tanggapan untuk %(code)s") % {"code": submission.display_code},
            "submission": submission,
            "sender": submission.public_name,
            "forms": forms_,
            "events": submission.timeline.select_related("unit"),
        }
        status = 400 if action else 200
        return TemplateResponse(
            request, "admin/feedback/submission/respond.html", context, status=status
        )

    def moderate_view(self, request, object_id):
        if not is_moderator(request.user):
            raise PermissionDenied
        submission = self.get_object(request, object_id)
        if submission is None:
            return redirect("admin:feedback_submission_changelist")
        action = request.POST.get("action") if request.method == "POST" else None
        bound = {}
        if action in MODERATION_FORMS:
            form = MODERATION_FORMS[action](request.POST)
            bound[action] = form
            if form.is_valid():
                try:
                    _run(action, submission, form.cleaned_data, request.user)
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(request, _("Tindakan moderasi dicatat."), messages.SUCCESS)
                    return redirect("admin:feedback_submission_moderate", submission.pk)
        suggestion = {
            "subject": submission.public_subject or services.suggest_redaction(submission.subject),
            "body": submission.public_body or services.suggest_redaction(submission.body),
        }
        forms_ = {
            "reject": bound.get("reject") or RejectForm(),
            "redact": bound.get("redact") or RedactForm(initial=suggestion),
            "route": bound.get("route")
            or RouteForm(initial={"units": services.suggested_units(submission)}),
            "duplicate": bound.get("duplicate") or DuplicateForm(),
            "ban": bound.get("ban") or BanForm(),
        }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Moderasi %(code)s") % {"code": submission.display_code},
            "submission": submission,
            "forms": forms_,
            "routings": submission.routings.select_related("unit"),
            "redaction_changes": suggestion["body"] != submission.body
            or suggestion["subject"] != submission.subject,
        }
        status = 400 if bound else 200
        return TemplateResponse(
            request, "admin/feedback/submission/moderate.html", context, status=status
        )

    def _in_scope(self, request, obj):
        return obj is None or is_moderator(request.user) or super()._in_scope(request, obj)

    def get_fields(self, request, obj=None):
        fields = [
            "tracking_code",
            "status",
            "kind",
            "target_type",
            "target_label",
            "routed_units",
            "subject",
            "body",
            "public_subject",
            "public_body",
            "rejection_reason",
            "duplicate_of",
            "hidden_at",
            "privacy",
            "name",
            "email",
            "phone",
            "consent_at",
            "created_at",
            "verify_due",
            "close_due",
            "objected_at",
            "closed_at",
            "contact_purged_at",
        ]
        if can_respond(request.user) and obj is not None and obj.routings.exists():
            fields.insert(0, "respond_link")
        if is_moderator(request.user):
            fields.insert(0, "moderation_link")
        else:
            hidden = {"email", "phone", "public_subject", "public_body"}
            if obj is None or obj.privacy == Privacy.ANONIM:
                hidden.add("name")
            shown = {"subject": "shown_subject", "body": "shown_body"}
            fields = [shown.get(field, field) for field in fields if field not in hidden]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_search_results(self, request, queryset, search_term):
        # A tracking code is found however it was typed: TPI-7K3F-… or 7k3f….
        code = codes.normalize(search_term)
        if code:
            return queryset.filter(code=code), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("moderasi"))
    def moderation_link(self, obj):
        url = reverse("admin:feedback_submission_moderate", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Buka halaman moderasi"))

    @admin.display(description=_("tanggapan"))
    def respond_link(self, obj):
        url = reverse("admin:feedback_submission_respond", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Tanggapi atau minta klarifikasi"))

    @admin.display(description=_("diteruskan ke unit"))
    def routed_units(self, obj):
        return format_html_join(", ", "{}", ((r.unit.name,) for r in obj.routings.all()))

    @admin.display(description=_("judul"))
    def shown_subject(self, obj):
        return obj.shown_subject

    @admin.display(description=_("isi"))
    def shown_body(self, obj):
        return obj.shown_body

    @admin.display(description=_("terlambat"), boolean=True, ordering="is_overdue")
    def overdue(self, obj):
        return getattr(obj, "is_overdue", False)

    @admin.display(description=_("dilaporkan"), boolean=True)
    def flagged(self, obj):
        return obj.hidden_at is not None

    @admin.display(description=_("kode pelacakan"), ordering="code")
    def tracking_code(self, obj):
        return obj.display_code

    @admin.display(description=_("sasaran"))
    def target_label(self, obj):
        label = obj.get_target_type_display()
        return f"{label}: {obj.target}" if obj.target else label


@admin.register(Ban)
class BanAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Bans are made from a submission's moderation page; this list shows who is banned."""

    list_display = ("kind", "short_key", "reason", "created_by", "created_at")
    list_filter = ("kind",)
    fields = ("kind", "key", "reason", "created_by", "created_at")
    readonly_fields = fields

    @admin.display(description=_("sidik"))
    def short_key(self, obj):
        return f"{obj.key[:12]}…"


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Holidays and collective leave days: service deadlines skip them."""

    list_display = ("date", "name")
    date_hierarchy = "date"
    search_fields = ("name",)
