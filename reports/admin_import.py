"""The SKP results import in the admin: the shared upload → preview → apply views."""

from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from personnel.admin_import import FileImportAdmin
from reports import importing, services
from reports.models import SkpImport


@admin.register(SkpImport)
class SkpImportAdmin(FileImportAdmin):
    import_permission = importing.PERMISSION
    import_title = gettext_lazy("Impor hasil SKP")
    upload_label = gettext_lazy("Berkas hasil penilaian SKP")
    upload_note = gettext_lazy(
        "Satu baris per indikator (RHK/IKI); kolom tingkat laporan (rating, pejabat penilai, "
        "catatan, BerAKHLAK) diulang atau dikosongkan setelah baris pertama laporan. Laporan "
        "dibuat sebagai draf; draf yang sudah ada untuk pegawai dan periode yang sama diganti. "
        "Format kolom NIP sebagai Teks di Excel agar NIP tidak dibulatkan."
    )
    columns = importing.COLUMNS
    required_columns = importing.REQUIRED_COLUMNS
    sample_file_name = "skp-contoh.csv"
    count_labels = (
        ("report_count", gettext_lazy("Laporan baru (draf)")),
        ("replaced_count", gettext_lazy("Draf diganti")),
        ("indicator_count", gettext_lazy("Indikator")),
    )
    change_headers = (
        gettext_lazy("Baris"),
        gettext_lazy("NIP"),
        gettext_lazy("Nama"),
        gettext_lazy("Periode"),
        gettext_lazy("Tindakan"),
        gettext_lazy("Indikator"),
        gettext_lazy("Predikat"),
    )

    plan_file = staticmethod(importing.plan_file)
    sample_csv = staticmethod(importing.template_csv)

    def check_upload(self, *, name, data, by):
        return services.skp_import_check(name=name, data=data, by=by)

    def apply_upload(self, *, record, by):
        return services.skp_import_apply(record=record, by=by)

    def change_cells(self, change) -> list:
        action = _("laporan baru") if change.action == "create" else _("draf diganti")
        return [
            change.row,
            change.nip,
            change.name,
            change.period,
            action,
            len(change.indicators),
            change.report.get_predikat_display(),
        ]

    def applied_message(self, record) -> str:
        return ngettext(
            "Impor diterapkan: %(created)s laporan baru dan %(replaced)s draf diganti, "
            "dengan %(indicators)s indikator. Ajukan laporannya dari daftar laporan kinerja.",
            "Impor diterapkan: %(created)s laporan baru dan %(replaced)s draf diganti, "
            "dengan %(indicators)s indikator. Ajukan laporannya dari daftar laporan kinerja.",
            record.report_count,
        ) % {
            "created": record.report_count,
            "replaced": record.replaced_count,
            "indicators": record.indicator_count,
        }
