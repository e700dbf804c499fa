from personnel.importing.command import ImportCommand
from training.importing import PERMISSION
from training.services import training_import_run


class Command(ImportCommand):
    help = (
        "Impor kehadiran pelatihan dari berkas CSV atau XLSX, satu baris per pegawai per "
        "pelatihan (kolom: lihat docs/import.md). Kehadiran yang sudah tercatat diperbarui. "
        "Semua baris diperiksa dulu; bila ada satu galat saja, tidak ada yang ditulis."
    )
    permission = PERMISSION
    what = "kehadiran pelatihan"

    def run(self, *, name, data, by, dry_run):
        return training_import_run(name=name, data=data, by=by, dry_run=dry_run)

    def summary(self, plan) -> str:
        return (
            f"Baris dibaca: {plan.rows_read}. Kehadiran baru: {len(plan.creates)}, "
            f"diperbarui: {len(plan.updates)}, tanpa perubahan: {len(plan.unchanged)}, "
            f"galat: {len(plan.errors)}."
        )

    def change_lines(self, plan) -> list[str]:
        return [
            f"Baris {planned.row}, {planned.name}, {planned.event_code}: "
            f"{'; '.join(planned.details)}"
            for planned in plan.changes()
        ]
