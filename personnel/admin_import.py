"""The personnel import in the admin: upload, preview, confirm; and the history of imports."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from personnel.importing import (
    COLUMNS,
    MAX_FILE_BYTES,
    PERMISSION,
    REQUIRED_COLUMNS,
    ImportFileError,
    plan_file,
    template_csv,
)
from personnel.models import ImportStatus, PersonnelImport
from personnel.services import (
    ImportAlreadyProcessed,
    personnel_import_apply,
    personnel_import_check,
)

PREVIEW_CHANGES = 50
PREVIEW_ERRORS = 500


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas data pegawai"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        help_text=gettext_lazy(
            "CSV (dipisahkan koma atau titik koma, UTF-8) atau XLSX, paling besar 10 MB. "
            "Baris 1 berisi nama kolom."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (%(size)s MB); batasnya %(limit)s MB.")
                % {
                    "size": round(upload.size / 1024 / 1024, 1),
                    "limit": MAX_FILE_BYTES // 1024 // 1024,
                }
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(
                _("Berkas «%(name)s» bukan CSV atau XLSX.") % {"name": upload.name}
            )
        return upload


@admin.register(PersonnelImport)
class PersonnelImportAdmin(admin.ModelAdmin):
    list_display = (
        "file_name",
        "uploaded_by",
        "uploaded_at",
        "status",
        "created_count",
        "updated_count",
        "unchanged_count",
        "error_count",
        "applied_at",
        "preview_link",
    )
    list_filter = ("status",)
    date_hierarchy = "uploaded_at"
    search_fields = ("file_name",)
    fields = (
        "file_name",
        "uploaded_by",
        "uploaded_at",
        "status",
        "applied_at",
        "created_count",
        "updated_count",
        "unchanged_count",
        "error_count",
        "errors",
    )
    readonly_fields = fields
    list_select_related = ("uploaded_by",)

    # The history is an audit trail: records come only from the upload view, and stay.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(uploaded_by=request.user)

    @admin.display(description=gettext_lazy("rincian"))
    def preview_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:personnel_personnelimport_preview", args=[obj.pk]),
            _("Lihat"),
        )

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path("impor/", wrap(self.upload_view), name="personnel_personnelimport_upload"),
            path(
                "impor/contoh.csv",
                wrap(self.template_view),
                name="personnel_personnelimport_template",
            ),
            path(
                "<int:pk>/pratinjau/",
                wrap(self.preview_view),
                name="personnel_personnelimport_preview",
            ),
            path(
                "<int:pk>/terapkan/",
                wrap(require_POST(self.apply_view)),
                name="personnel_personnelimport_apply",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": request.user.has_perm(PERMISSION)}
        return super().changelist_view(request, extra_context)

    def _check_permission(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "has_view_permission": self.has_view_permission(request),
            **extra,
        }

    def template_view(self, request):
        self._check_permission(request)
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="pegawai-contoh.csv"'
        return response

    def upload_view(self, request):
        self._check_permission(request)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                record = personnel_import_check(
                    name=upload.name, data=upload.read(), by=request.user
                )
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                return redirect("admin:personnel_personnelimport_preview", record.pk)
        context = self._context(
            request,
            _("Impor data pegawai"),
            form=form,
            required_columns=REQUIRED_COLUMNS,
            optional_columns=[c for c in COLUMNS if c not in REQUIRED_COLUMNS],
        )
        return TemplateResponse(request, "admin/personnel/personnelimport/upload.html", context)

    def preview_view(self, request, pk):
        self._check_permission(request)
        record = get_object_or_404(self.get_queryset(request), pk=pk)
        plan, file_error = None, None
        if record.status == ImportStatus.PREVIEWED:
            # The database may have moved since the upload; show what applying would do now.
            try:
                plan = plan_file(
                    name=record.file_name, data=bytes(record.content), user=request.user
                )
            except ImportFileError as error:
                file_error = str(error)
        errors = plan.errors if plan is not None else record.errors
        errors = [e.as_dict() if hasattr(e, "as_dict") else e for e in errors]
        context = self._context(
            request,
            _("Pratinjau impor: %(name)s") % {"name": record.file_name},
            record=record,
            plan=plan,
            file_error=file_error,
            changes=plan.changes(PREVIEW_CHANGES) if plan else [],
            errors=errors[:PREVIEW_ERRORS],
            error_total=len(errors),
            errors_hidden=max(0, len(errors) - PREVIEW_ERRORS),
            can_apply=(
                record.status == ImportStatus.PREVIEWED and plan is not None and not plan.errors
            ),
        )
        return TemplateResponse(request, "admin/personnel/personnelimport/preview.html", context)

    def apply_view(self, request, pk):
        self._check_permission(request)
        record = get_object_or_404(self.get_queryset(request), pk=pk)
        try:
            record = personnel_import_apply(record=record, by=request.user)
        except ImportAlreadyProcessed:
            messages.error(request, _("Impor ini sudah diproses sebelumnya."))
            return redirect("admin:personnel_personnelimport_preview", record.pk)
        except IntegrityError:
            messages.error(
                request,
                _(
                    "Data pegawai berubah selama impor berjalan; tidak ada data yang ditulis. "
                    "Buka pratinjau lagi lalu terapkan ulang."
                ),
            )
            return redirect("admin:personnel_personnelimport_preview", record.pk)
        if record.status == ImportStatus.REJECTED:
            messages.error(
                request,
                ngettext(
                    "Impor ditolak karena %(count)s galat; tidak ada data yang ditulis.",
                    "Impor ditolak karena %(count)s galat; tidak ada data yang ditulis.",
                    record.error_count,
                )
                % {"count": record.error_count},
            )
            return redirect("admin:personnel_personnelimport_preview", record.pk)
        messages.success(
            request,
            ngettext(
                "Impor diterapkan: %(created)s pegawai baru, %(updated)s diperbarui, "
                "%(unchanged)s tanpa perubahan.",
                "Impor diterapkan: %(created)s pegawai baru, %(updated)s diperbarui, "
                "%(unchanged)s tanpa perubahan.",
                record.created_count,
            )
            % {
                "created": record.created_count,
                "updated": record.updated_count,
                "unchanged": record.unchanged_count,
            },
        )
        return redirect("admin:personnel_personnelimport_changelist")
