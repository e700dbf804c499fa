from personnel.importing import PERMISSION
from personnel.importing.command import ImportCommand
from personnel.services import personnel_import_run


class Command(ImportCommand):
    help = (
        "Impor data pegawai ASN dari berkas CSV atau XLSX (kolom: lihat docs/import.md). "
        "Semua baris diperiksa dulu; bila ada satu galat saja, tidak ada yang ditulis."
    )
    permission = PERMISSION
    what = "data pegawai"

    def run(self, *, name, data, by, dry_run):
        return personnel_import_run(name=name, data=data, by=by, dry_run=dry_run)

    def summary(self, plan) -> str:
        return (
            f"Baris dibaca: {plan.rows_read}. Pegawai baru: {len(plan.creates)}, "
            f"diperbarui: {len(plan.updates)}, tanpa perubahan: {len(plan.unchanged)}, "
            f"galat: {len(plan.errors)}."
        )

    def change_lines(self, plan) -> list[str]:
        return [
            f"Baris {change.row}, {change.name}: {'; '.join(change.details)}"
            for change in plan.changes()
        ]
