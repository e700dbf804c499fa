"""The training attendance import in the admin: the shared upload → preview → apply views."""

from django.contrib import admin
from django.utils.translation import gettext_lazy, ngettext

from personnel.admin_import import FileImportAdmin
from training import importing, services
from training.models import TrainingImport


@admin.register(TrainingImport)
class TrainingImportAdmin(FileImportAdmin):
    import_permission = importing.PERMISSION
    import_title = gettext_lazy("Impor kehadiran pelatihan")
    upload_label = gettext_lazy("Berkas kehadiran pelatihan")
    upload_note = gettext_lazy(
        "Satu baris per pegawai per pelatihan. Kode pelatihan harus sudah ada di portal; JP "
        "paling sedikit 1 dan paling banyak JP pelatihannya. Kehadiran yang sudah tercatat "
        "untuk pegawai dan pelatihan yang sama diperbarui. Format kolom nip sebagai Teks di "
        "Excel agar NIP tidak dibulatkan."
    )
    columns = importing.COLUMNS
    required_columns = importing.REQUIRED_COLUMNS
    sample_file_name = "pelatihan-contoh.csv"
    count_labels = (
        ("created_count", gettext_lazy("Kehadiran baru")),
        ("updated_count", gettext_lazy("Kehadiran diperbarui")),
        ("unchanged_count", gettext_lazy("Tanpa perubahan")),
    )
    change_headers = (
        gettext_lazy("Baris"),
        gettext_lazy("NIP"),
        gettext_lazy("Nama"),
        gettext_lazy("Kode pelatihan"),
        gettext_lazy("Perubahan"),
    )

    plan_file = staticmethod(importing.plan_file)
    sample_csv = staticmethod(importing.template_csv)

    def check_upload(self, *, name, data, by):
        return services.training_import_check(name=name, data=data, by=by)

    def apply_upload(self, *, record, by):
        return services.training_import_apply(record=record, by=by)

    def change_cells(self, change) -> list:
        return [change.row, change.nip, change.name, change.event_code, "; ".join(change.details)]

    def applied_message(self, record) -> str:
        return ngettext(
            "Impor diterapkan: %(created)s kehadiran baru, %(updated)s diperbarui, "
            "%(unchanged)s tanpa perubahan.",
            "Impor diterapkan: %(created)s kehadiran baru, %(updated)s diperbarui, "
            "%(unchanged)s tanpa perubahan.",
            record.created_count,
        ) % {
            "created": record.created_count,
            "updated": record.updated_count,
            "unchanged": record.unchanged_count,
        }
