from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from feedback.notify import overdue_digest


class Command(BaseCommand):
    help = (
        "Kirim ringkasan harian masukan yang melewati batas waktu: ke moderator (verifikasi) "
        "dan ke penanggap unit (tanggapan). Jalankan setiap pagi hari kerja (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Tanggal acuan YYYY-MM-DD (bawaan: hari ini), untuk pengujian."
        )

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError("Tanggal harus berbentuk YYYY-MM-DD.") from error
        count = overdue_digest(today=day)
        self.stdout.write(f"{count} e-mail ringkasan dikirim.")
