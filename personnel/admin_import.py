"""File imports in the admin: upload, preview, confirm; and the history of imports.

`FileImportAdmin` is the shared admin of every import's history model (personnel here, SKP
evaluations in reports): a read-only history plus the upload, sample, preview and apply views,
all behind the import's own permission. A subclass names its permission, columns, planner and
services, and how its counts and planned changes read.
"""

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

from personnel import importing
from personnel.importing import ImportFileError
from personnel.importing.history import ImportAlreadyProcessed
from personnel.models import ImportStatus, PersonnelImport
from personnel.services import personnel_import_apply, personnel_import_check

PREVIEW_CHANGES = 50
PREVIEW_ERRORS = 500
MAX_FILE_BYTES = importing.MAX_FILE_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        help_text=gettext_lazy(
            "CSV (dipisahkan koma atau titik koma, UTF-8) atau XLSX, paling besar 10 MB. "
            "Baris 1 berisi nama kolom."
        ),
    )

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["file"].label = label

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
        if not upload.name.lower().endswith(importing.EXTENSIONS):
            raise forms.ValidationError(
                _("Berkas «%(name)s» bukan CSV atau XLSX.") % {"name": upload.name}
            )
        return upload


class FileImportAdmin(admin.ModelAdmin):
    """The history of one kind of import, with its upload → preview → apply views."""

    # What a subclass names.
    import_permission: str = ""
    import_title = ""  # the upload page's title and the link to it
    upload_label = ""  # the file field's label
    upload_note = ""  # one more paragraph under the column lists
    columns: tuple[str, ...] = ()
    required_columns: tuple[str, ...] = ()
    sample_file_name = "contoh.csv"
    count_labels: tuple[tuple[str, str], ...] = ()  # (history count field, label)
    change_headers: tuple[str, ...] = ()

    @staticmethod
    def plan_file(*, name, data, user):
        raise NotImplementedError

    @staticmethod
    def sample_csv() -> bytes:
        raise NotImplementedError

    def check_upload(self, *, name, data, by):
        raise NotImplementedError

    def apply_upload(self, *, record, by):
        raise NotImplementedError

    def change_cells(self, change) -> list:
        """One planned change as the cells of a preview row, under `change_headers`."""
        raise NotImplementedError

    def applied_message(self, record) -> str:
        raise NotImplementedError

    # The shared machinery.
    change_list_template = "admin/import/change_list.html"
    list_filter = ("status",)
    date_hierarchy = "uploaded_at"
    search_fields = ("file_name",)
    list_select_related = ("uploaded_by",)

    def get_list_display(self, request):
        counts = [name for name, _label in self.count_labels]
        return (
            "file_name",
            "uploaded_by",
            "uploaded_at",
            "status",
            *counts,
            "error_count",
            "applied_at",
            "preview_link",
        )

    def get_fields(self, request, obj=None):
        counts = [name for name, _label in self.count_labels]
        return (
            "file_name",
            "uploaded_by",
            "uploaded_at",
            "status",
            "applied_at",
            *counts,
            "error_count",
            "errors",
        )

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

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

    def _url_name(self, suffix: str) -> str:
        opts = self.model._meta
        return f"{opts.app_label}_{opts.model_name}_{suffix}"

    def _urls(self, record=None) -> dict:
        urls = {
            "upload": reverse(f"admin:{self._url_name('upload')}"),
            "template": reverse(f"admin:{self._url_name('template')}"),
        }
        if record is not None:
            urls["apply"] = reverse(f"admin:{self._url_name('apply')}", args=[record.pk])
        return urls

    @admin.display(description=gettext_lazy("rincian"))
    def preview_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse(f"admin:{self._url_name('preview')}", args=[obj.pk]),
            _("Lihat"),
        )

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path("impor/", wrap(self.upload_view), name=self._url_name("upload")),
            path("impor/contoh.csv", wrap(self.template_view), name=self._url_name("template")),
            path("<int:pk>/pratinjau/", wrap(self.preview_view), name=self._url_name("preview")),
            path(
                "<int:pk>/terapkan/",
                wrap(require_POST(self.apply_view)),
                name=self._url_name("apply"),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_import": request.user.has_perm(self.import_permission),
            "import_title": self.import_title,
            "import_urls": self._urls(),
        }
        return super().changelist_view(request, extra_context)

    def _check_permission(self, request):
        if not request.user.has_perm(self.import_permission):
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
        response = HttpResponse(self.sample_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.sample_file_name}"'
        return response

    def upload_view(self, request):
        self._check_permission(request)
        form = UploadForm(request.POST or None, request.FILES or None, label=self.upload_label)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                record = self.check_upload(name=upload.name, data=upload.read(), by=request.user)
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                return redirect(f"admin:{self._url_name('preview')}", record.pk)
        context = self._context(
            request,
            self.import_title,
            form=form,
            required_columns=self.required_columns,
            optional_columns=[c for c in self.columns if c not in self.required_columns],
            upload_note=self.upload_note,
            import_urls=self._urls(),
        )
        return TemplateResponse(request, "admin/import/upload.html", context)

    def preview_view(self, request, pk):
        self._check_permission(request)
        record = get_object_or_404(self.get_queryset(request), pk=pk)
        plan, file_error = None, None
        if record.status == ImportStatus.PREVIEWED:
            # The database may have moved since the upload; show what applying would do now.
            try:
                plan = self.plan_file(
                    name=record.file_name, data=bytes(record.content), user=request.user
                )
            except ImportFileError as error:
                file_error = str(error)
        errors = plan.errors if plan is not None else record.errors
        errors = [e.as_dict() if hasattr(e, "as_dict") else e for e in errors]
        if plan is not None:
            counts = plan.record_counts()
            summary = [(_("Baris dibaca"), plan.rows_read)]
        else:
            counts = {name: getattr(record, name) for name, _label in self.count_labels}
            summary = []
        summary += [(label, counts.get(name, 0)) for name, label in self.count_labels]
        summary.append((_("Galat"), len(errors) if plan is not None else record.error_count))
        if plan is None and record.applied_at:
            summary.append((_("Diterapkan"), record.applied_at))
        changes = plan.changes(PREVIEW_CHANGES) if plan is not None else []
        context = self._context(
            request,
            _("Pratinjau impor: %(name)s") % {"name": record.file_name},
            record=record,
            plan=plan,
            summary=summary,
            file_error=file_error,
            change_headers=self.change_headers,
            change_rows=[self.change_cells(change) for change in changes],
            errors=errors[:PREVIEW_ERRORS],
            error_total=len(errors),
            errors_hidden=max(0, len(errors) - PREVIEW_ERRORS),
            can_apply=(
                record.status == ImportStatus.PREVIEWED and plan is not None and not plan.errors
            ),
            import_urls=self._urls(record),
        )
        return TemplateResponse(request, "admin/import/preview.html", context)

    def apply_view(self, request, pk):
        self._check_permission(request)
        record = get_object_or_404(self.get_queryset(request), pk=pk)
        preview = f"admin:{self._url_name('preview')}"
        try:
            record = self.apply_upload(record=record, by=request.user)
        except ImportAlreadyProcessed:
            messages.error(request, _("Impor ini sudah diproses sebelumnya."))
            return redirect(preview, record.pk)
        except IntegrityError:
            messages.error(
                request,
                _(
                    "Data berubah selama impor berjalan; tidak ada data yang ditulis. "
                    "Buka pratinjau lagi lalu terapkan ulang."
                ),
            )
            return redirect(preview, record.pk)
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
            return redirect(preview, record.pk)
        messages.success(request, self.applied_message(record))
        return redirect(f"admin:{self._url_name('changelist')}")


@admin.register(PersonnelImport)
class PersonnelImportAdmin(FileImportAdmin):
    import_permission = importing.PERMISSION
    import_title = gettext_lazy("Impor data pegawai")
    upload_label = gettext_lazy("Berkas data pegawai")
    upload_note = gettext_lazy(
        "Tanggal ditulis TTTT-BB-HH, HH-BB-TTTT atau HH/BB/TTTT. Format kolom nip sebagai Teks "
        "di Excel agar NIP tidak dibulatkan."
    )
    columns = importing.COLUMNS
    required_columns = importing.REQUIRED_COLUMNS
    sample_file_name = "pegawai-contoh.csv"
    count_labels = (
        ("created_count", gettext_lazy("Pegawai baru")),
        ("updated_count", gettext_lazy("Pegawai diperbarui")),
        ("unchanged_count", gettext_lazy("Tanpa perubahan")),
    )
    change_headers = (
        gettext_lazy("Baris"),
        gettext_lazy("NIP"),
        gettext_lazy("Nama"),
        gettext_lazy("Perubahan"),
    )

    plan_file = staticmethod(importing.plan_file)
    sample_csv = staticmethod(importing.template_csv)

    def check_upload(self, *, name, data, by):
        return personnel_import_check(name=name, data=data, by=by)

    def apply_upload(self, *, record, by):
        return personnel_import_apply(record=record, by=by)

    def change_cells(self, change) -> list:
        details = "; ".join(change.details)
        if change.action == "create":
            details = _("baru: %(details)s") % {"details": details}
        return [change.row, change.nip, change.name, details]

    def applied_message(self, record) -> str:
        return ngettext(
            "Impor diterapkan: %(created)s pegawai baru, %(updated)s diperbarui, "
            "%(unchanged)s tanpa perubahan.",
            "Impor diterapkan: %(created)s pegawai baru, %(updated)s diperbarui, "
            "%(unchanged)s tanpa perubahan.",
            record.created_count,
        ) % {
            "created": record.created_count,
            "updated": record.updated_count,
            "unchanged": record.unchanged_count,
        }
