from datetime import date

from django.core.management.base import BaseCommand, CommandError

from feedback.services import close_answered


class Command(BaseCommand):
    help = (
        "Tutup (selesai) masukan yang sudah ditanggapi sepuluh hari kerja lalu tanpa keberatan "
        "pengirim. Aman dijalankan berulang kali. Jalankan setiap hari (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini), untuk pengujian."
        )

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError("Tanggal harus berbentuk YYYY-MM-DD.") from error
        count = close_answered(today=day)
        self.stdout.write(f"{count} masukan ditutup.")
