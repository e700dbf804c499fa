"""The command-line side shared by every import: `manage.py import_… FILE [--dry-run] [--user]`."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from personnel.importing.base import ImportFileError


class ImportCommand(BaseCommand):
    """Read a file, check it whole, and write it only when every row is right.

    A subclass names its permission and what it imports, runs its service, and says what a
    plan counts and changes.
    """

    permission = ""
    what = ""  # "data pegawai", "hasil penilaian SKP"

    def run(self, *, name: str, data: bytes, by, dry_run: bool):
        raise NotImplementedError

    def summary(self, plan) -> str:
        raise NotImplementedError

    def change_lines(self, plan) -> list[str]:
        return []

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
            if not account.has_perm(self.permission):
                raise CommandError(f"Pengguna {user} tidak berhak mengimpor {self.what}.")

        try:
            plan = self.run(name=path.name, data=data, by=account, dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        except IntegrityError as error:
            raise CommandError(
                "Data berubah selama impor berjalan; tidak ada data yang ditulis. "
                f"Jalankan ulang perintah ini. ({error})"
            ) from None

        for warning in plan.warnings:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(self.summary(plan))
        if verbosity >= 2:
            for line in self.change_lines(plan):
                self.stdout.write(line)
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
