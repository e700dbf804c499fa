from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from personnel.importing import ImportFileError
from personnel.services import personnel_import_run


class Command(BaseCommand):
    help = (
        "Impor data pegawai ASN dari berkas CSV atau XLSX (kolom: lihat docs/import.md). "
        "Semua baris diperiksa dulu; bila ada satu galat saja, tidak ada yang ditulis."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas .csv atau .xlsx")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Periksa dan laporkan saja, tanpa menulis ke basis data.",
        )
        parser.add_argument(
            "--user",
            help=(
                "Nama pengguna yang dicatat sebagai pengimpor; cakupan unit dan izinnya "
                "berlaku. Tanpa opsi ini, impor dari baris perintah tidak dibatasi unit."
            ),
        )

    def handle(self, *args, file, dry_run, user, verbosity=1, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Berkas tidak dapat dibaca: {path} ({error.strerror})") from None
        account = None
        if user:
            try:
                account = get_user_model()._default_manager.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"Pengguna tidak ditemukan: {user}") from None
            if not account.has_perm("personnel.import_personnel"):
                raise CommandError(f"Pengguna {user} tidak berhak mengimpor data pegawai.")

        try:
            plan = personnel_import_run(name=path.name, data=data, by=account, dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        except IntegrityError as error:
            raise CommandError(
                "Data pegawai berubah selama impor berjalan; tidak ada data yang ditulis. "
                f"Jalankan ulang perintah ini. ({error})"
            ) from None

        for warning in plan.warnings:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(
            f"Baris dibaca: {plan.rows_read}. Pegawai baru: {len(plan.creates)}, "
            f"diperbarui: {len(plan.updates)}, tanpa perubahan: {len(plan.unchanged)}, "
            f"galat: {len(plan.errors)}."
        )
        if verbosity >= 2:
            for change in plan.changes():
                self.stdout.write(f"Baris {change.row}, {change.name}: {'; '.join(change.details)}")
        for error in plan.errors:
            self.stderr.write(str(error))
        if plan.errors:
            raise CommandError(
                f"Impor dibatalkan: {len(plan.errors)} galat. Tidak ada data yang ditulis."
            )
        if dry_run:
            self.stdout.write("Uji coba (--dry-run): tidak ada data yang ditulis.")
            return
        self.stdout.write(self.style.SUCCESS("Impor selesai."))
