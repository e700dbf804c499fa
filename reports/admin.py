from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from personnel import scoping
from personnel.admin import (
    CurrentUnitFilter,
    ScopedChoicesMixin,
    UnitScopedAdmin,
    by_employee_or_position,
)
from personnel.choices import JabatanType
from reports import services
from reports.choices import BerAkhlak, PeriodKind, ReportStatus
from reports.distribution import staff_warnings
from reports.models import (
    BehaviourRating,
    DistributionRule,
    Indicator,
    Period,
    Report,
    UnitRating,
    Withholding,
)


def warn_distribution(request, periods):
    """Tell staff which rated units in their scope break the distribution rules."""
    units = scoping.units_for(request.user)
    for period in periods:
        for warning in staff_warnings(period, units):
            messages.warning(request, str(warning))


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["__str__", "code", "kind", "start", "end", "is_open"]
    list_filter = ["kind", "year", "is_open"]
    search_fields = ["code"]
    readonly_fields = ["code", "start", "end"]
    ordering = ["-year", "kind", "-number"]

    def get_readonly_fields(self, request, obj=None):
        # A period with reports keeps its identity; only opening and closing it remain.
        if obj is not None and obj.reports.exists():
            return [*self.readonly_fields, "kind", "year", "number"]
        return self.readonly_fields


class ReportJabatanTypeFilter(admin.SimpleListFilter):
    """The jabatan type at evaluation time, from its choices: a field's own filter lists the
    values found in the table, a DISTINCT over every report (~0.2 s for 1.2 million)."""

    title = gettext_lazy("jenis jabatan")
    parameter_name = "jabatan_type"

    def lookups(self, request, model_admin):
        return JabatanType.choices

    def queryset(self, request, queryset):
        if self.value() in JabatanType.values:
            return queryset.filter(jabatan_type=self.value())
        return queryset


class ChildInlineMixin(ScopedChoicesMixin):
    """Rows of a report are edited with it, and only while it is a draft."""

    extra = 0

    def _draft(self, obj):
        return obj is None or obj.status == ReportStatus.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._draft(obj) and super().has_delete_permission(request, obj)


class IndicatorInline(ChildInlineMixin, admin.StackedInline):
    model = Indicator
    fields = [("kind", "aspect", "order"), "rhk", "iki", ("target", "realisasi"), "feedback"]

    def get_extra(self, request, obj=None, **kwargs):
        return 2 if obj is None else 0


class BehaviourInline(ChildInlineMixin, admin.TabularInline):
    model = BehaviourRating
    fields = ["value", "rating", "notes", "leader_expectation"]
    max_num = len(BerAkhlak.values)

    def get_extra(self, request, obj=None, **kwargs):
        return len(BerAkhlak.values) if obj is None else 0


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "employee",
            "period",
            "hasil_kerja",
            "perilaku",
            "evaluator",
            "evaluator_superior",
            "evaluator_notes",
        ]

    request_user = None  # set by ReportAdmin.get_form

    def clean(self):
        cleaned = super().clean()
        employee, period = cleaned.get("employee"), cleaned.get("period")
        if self.instance.pk is None and employee and period:
            existing = list(Report.objects.filter(employee=employee, period=period))
            try:
                self.snapshot = services.snapshot_for(employee=employee, period=period)
            except ValidationError:
                self.snapshot = None
            errors = services.new_report_errors(
                period=period,
                existing=existing,
                unit_id=self.snapshot["unit_id"] if self.snapshot else None,
                allowed_unit_ids=services.allowed_unit_ids(self.request_user),
            )
            for field, messages_ in errors.items():
                for message in messages_:
                    self.add_error(field, message)
        return cleaned


WORKFLOW_ACTIONS = {
    # action: (label, service, statuses it applies to, needs a reason)
    "submit": (gettext_lazy("Ajukan"), services.report_submit, [ReportStatus.DRAFT], False),
    "return": (
        gettext_lazy("Kembalikan ke pejabat penilai"),
        services.report_return,
        [ReportStatus.SUBMITTED, ReportStatus.APPROVED],
        True,
    ),
    "approve": (gettext_lazy("Setujui"), services.report_approve, [ReportStatus.SUBMITTED], False),
    "publish": (gettext_lazy("Terbitkan"), services.report_publish, [ReportStatus.APPROVED], False),
    "correct": (
        gettext_lazy("Buka koreksi (versi baru)"),
        services.report_correct,
        [ReportStatus.PUBLISHED],
        True,
    ),
    "withdraw": (gettext_lazy("Tarik"), services.report_withdraw, [ReportStatus.PUBLISHED], True),
}
ACTION_PERMISSIONS = {
    "submit": services.SUBMIT,
    "return": services.APPROVE,
    "approve": services.APPROVE,
    "publish": services.PUBLISH,
    "correct": services.PUBLISH,
    "withdraw": services.PUBLISH,
}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Alasan koreksi dan penarikan dipublikasikan bersama laporan."),
    )


def _run(service, report, user, reason=None):
    if service is services.report_return:
        return service(report=report, by=user, note=reason or "")
    if reason is not None:
        return service(report=report, by=user, reason=reason)
    return service(report=report, by=user)


@admin.register(Report)
class ReportAdmin(UnitScopedAdmin):
    form = ReportForm
    list_display = ["employee", "period", "version", "unit", "predikat", "status"]
    list_filter = [
        "period",
        "status",
        "predikat",
        CurrentUnitFilter,
        ReportJabatanTypeFilter,
    ]
    # The latest entered first, from the primary key's index: the model's order (year, then
    # name) sorted every report of the city at each load of the list (2.4 s for 1.2 million).
    # A column's header still sorts by it.
    ordering = ["-id"]
    search_fields = ["^employee__nip", "employee__name", "position__title"]  # see below
    search_help_text = gettext_lazy("Cari dengan awal NIP, nama pegawai atau nama jabatan.")
    list_select_related = ["employee", "period", "unit"]
    # No second count of every report in scope beside a filtered list's own (~50 ms for 1.2
    # million); the list still says how many match.
    show_full_result_count = False
    autocomplete_fields = ["employee", "period", "evaluator", "evaluator_superior"]
    inlines = [IndicatorInline, BehaviourInline]
    actions = ["submit_selected", "approve_selected", "publish_selected"]
    list_per_page = 100
    readonly_fields = [
        "version",
        "status",
        "predikat",
        "unit",
        "position_title",
        "jabatan_type",
        "golongan",
        "correction_reason",
        "withdrawal_reason",
        "submitted_at",
        "approved_at",
        "published_at",
        "withdrawn_at",
    ]

    def get_search_results(self, request, queryset, search_term):
        """Reports whose employee's NIP starts with each word, or whose employee's name or
        position's title holds it (personnel.admin.by_employee_or_position()). The title is
        the position's as it is now; the title kept on the report at evaluation time only
        differs once a position is renamed."""
        return by_employee_or_position(queryset, search_term), False

    def get_fieldsets(self, request, obj=None):
        main = ["employee", "period", "hasil_kerja", "perilaku", "evaluator_notes"]
        people = ["evaluator", "evaluator_superior"]
        if obj is None:
            return [(None, {"fields": main}), (_("Pejabat penilai"), {"fields": people})]
        return [
            (None, {"fields": ["status", "version", "predikat", *main, "correction_reason"]}),
            (_("Pejabat penilai"), {"fields": people}),
            (
                _("Saat penilaian"),
                {"fields": ["unit", "position_title", "jabatan_type", "golongan"]},
            ),
            (
                _("Alur"),
                {
                    "fields": [
                        "submitted_at",
                        "approved_at",
                        "published_at",
                        "withdrawn_at",
                        "withdrawal_reason",
                    ]
                },
            ),
        ]

    def has_change_permission(self, request, obj=None):
        # Out of draft the report is read-only here; the workflow buttons move it on.
        if obj is not None and obj.status != ReportStatus.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != ReportStatus.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if any(obj.status != ReportStatus.DRAFT for obj in objs):
            protected = [*protected, _("Hanya draf yang dapat dihapus.")]
        return deleted, model_count, perms_needed, protected

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.request_user = request.user
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, BehaviourInline) and obj.pk is None and request.method == "GET":
            # A new report offers the seven BerAKHLAK values ready to rate.
            kwargs["initial"] = [{"value": value} for value in BerAkhlak.values]
        return kwargs

    def save_model(self, request, obj, form, change):
        if not change:
            for field, value in form.snapshot.items():
                setattr(obj, field, value)
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["workflow_actions"] = [
                (name, label)
                for name, (label, _service, statuses, _reason) in WORKFLOW_ACTIONS.items()
                if obj.status in statuses and request.user.has_perm(ACTION_PERMISSIONS[name])
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        chosen = request.GET.get("period__id__exact", "")
        if chosen.isdigit():
            warn_distribution(request, Period.objects.filter(pk=chosen))
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path(
                "<int:pk>/alur/<slug:action>/",
                self.admin_site.admin_view(self.workflow_view),
                name="reports_report_workflow",
            ),
            *super().get_urls(),
        ]

    def workflow_view(self, request, pk, action):
        if action not in WORKFLOW_ACTIONS:
            raise PermissionDenied
        label, service, statuses, needs_reason = WORKFLOW_ACTIONS[action]
        report = get_object_or_404(self.get_queryset(request), pk=pk)
        if not request.user.has_perm(ACTION_PERMISSIONS[action]):
            raise PermissionDenied
        form = ReasonForm(request.POST or None) if needs_reason else None
        if request.method == "POST" and (form is None or form.is_valid()):
            reason = form.cleaned_data["reason"] if form else None
            try:
                result = _run(service, report, request.user, reason)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(_messages(error)))
            else:
                messages.success(request, _("Selesai: %(action)s.") % {"action": label})
                warn_distribution(request, [result.period])
                return redirect("admin:reports_report_change", result.pk)
            return redirect("admin:reports_report_change", report.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{label}: {report}",
            "report": report,
            "form": form,
            "action_label": label,
            "applies": report.status in statuses,
        }
        return TemplateResponse(request, "admin/reports/report/workflow.html", context)

    def _bulk(self, request, queryset, service, done_message):
        done, refused, periods = 0, [], {}
        for report in queryset.select_related("employee", "period"):
            try:
                service(report=report, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                refused.append(f"{report}: {' '.join(_messages(error))}")
            else:
                done += 1
                periods[report.period_id] = report.period
        if done:
            messages.success(request, done_message % {"count": done})
            warn_distribution(request, periods.values())
        for line in refused[:20]:
            messages.warning(request, line)
        if len(refused) > 20:
            messages.warning(
                request, _("…dan %(count)s laporan lain ditolak.") % {"count": len(refused) - 20}
            )

    @admin.action(description=gettext_lazy("Ajukan laporan terpilih"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        self._bulk(request, queryset, services.report_submit, _("%(count)s laporan diajukan."))

    @admin.action(description=gettext_lazy("Setujui laporan terpilih"), permissions=["approve"])
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, services.report_approve, _("%(count)s laporan disetujui."))

    @admin.action(description=gettext_lazy("Terbitkan laporan terpilih"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, services.report_publish, _("%(count)s laporan diterbitkan."))

    def has_submit_permission(self, request):
        return request.user.has_perm(services.SUBMIT)

    def has_approve_permission(self, request):
        return request.user.has_perm(services.APPROVE)

    def has_publish_permission(self, request):
        return request.user.has_perm(services.PUBLISH)


def _messages(error) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error) or _("Anda tidak memiliki hak untuk tindakan ini.")]


class WithholdingForm(forms.ModelForm):
    class Meta:
        model = Withholding
        fields = ["employee", "reason"]

    def clean_employee(self):
        employee = self.cleaned_data["employee"]
        if Withholding.objects.active().filter(employee=employee).exists():
            raise ValidationError(_("Laporan pegawai ini sudah dikecualikan."))
        return employee


@admin.register(Withholding)
class WithholdingAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    form = WithholdingForm
    list_display = ["employee", "decided_by", "decided_at", "lifted_at"]
    list_filter = ["lifted_at"]
    search_fields = ["^employee__nip", "employee__name"]
    list_select_related = ["employee", "decided_by"]
    autocomplete_fields = ["employee"]
    actions = ["lift_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return ["employee", "reason", "decided_by", "decided_at", "lifted_at", "lifted_by"]
        return []

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["employee", "reason"]
        return ["employee", "reason", "decided_by", "decided_at", "lifted_at", "lifted_by"]

    def has_delete_permission(self, request, obj=None):
        return False  # a decision is lifted, never erased

    def save_model(self, request, obj, form, change):
        if change:
            return
        created = services.withholding_decide(
            employee=obj.employee, reason=obj.reason, by=request.user
        )
        obj.pk = created.pk

    @admin.action(description=gettext_lazy("Cabut pengecualian terpilih"), permissions=["change"])
    def lift_selected(self, request, queryset):
        for withholding in queryset.filter(lifted_at__isnull=True):
            services.withholding_lift(withholding=withholding, by=request.user)
        messages.success(request, _("Pengecualian dicabut."))


@admin.register(UnitRating)
class UnitRatingAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["unit", "year", "predikat", "basis"]
    list_filter = ["year", "predikat"]
    search_fields = ["unit__name", "unit__code"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]

    def changelist_view(self, request, extra_context=None):
        # Filtered to a year, the list says which rated units break the rules in that year's
        # annual reports (as they stand in the workflow).
        year = request.GET.get("year", "")
        if year.isdigit():
            warn_distribution(request, Period.objects.filter(kind=PeriodKind.ANNUAL, year=year))
        return super().changelist_view(request, extra_context)


@admin.register(DistributionRule)
class DistributionRuleAdmin(admin.ModelAdmin):
    list_display = ["organisation_predikat", "employee_predikat", "max_percent", "min_percent"]
    list_filter = ["organisation_predikat"]
    list_editable = ["max_percent", "min_percent"]


import reports.admin_import  # noqa: E402, F401  (registers the SKP import history and views)
