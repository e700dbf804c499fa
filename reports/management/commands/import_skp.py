from personnel.importing.command import ImportCommand
from reports.importing import PERMISSION
from reports.services import skp_import_run


class Command(ImportCommand):
    help = (
        "Impor hasil penilaian SKP (ekspor e-Kinerja) dari berkas CSV atau XLSX, satu baris per "
        "indikator (kolom: lihat docs/import.md). Laporan dibuat sebagai draf. Semua baris "
        "diperiksa dulu; bila ada satu galat saja, tidak ada yang ditulis."
    )
    permission = PERMISSION
    what = "hasil penilaian SKP"

    def run(self, *, name, data, by, dry_run):
        return skp_import_run(name=name, data=data, by=by, dry_run=dry_run)

    def summary(self, plan) -> str:
        return (
            f"Baris dibaca: {plan.rows_read}. Laporan baru: {len(plan.creates)}, "
            f"draf diganti: {len(plan.replaces)}, indikator: {plan.indicator_count}, "
            f"galat: {len(plan.errors)}."
        )

    def change_lines(self, plan) -> list[str]:
        return [
            f"Baris {planned.row}, {planned.name}, periode {planned.period}: "
            f"{'laporan baru' if planned.action == 'create' else 'draf diganti'}, "
            f"{len(planned.indicators)} indikator, predikat "
            f"{planned.report.get_predikat_display()}"
            for planned in plan.changes()
        ]
