from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from feedback import ratelimit
from feedback.services import purge_contacts


class Command(BaseCommand):
    help = (
        "Hapus nama, e-mail dan telepon pengirim masukan yang sudah ditutup (selesai atau "
        "ditolak) lebih dari N hari; judul, isi dan linimasa tetap tersimpan. Sekalian hapus "
        "penghitung batas permintaan yang jendelanya sudah lewat. Jalankan setiap hari (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.FEEDBACK_CONTACT_RETENTION_DAYS,
            help="Hari sesudah ditutup (bawaan: DJANGO_FEEDBACK_CONTACT_RETENTION_DAYS, "
            f"sekarang {settings.FEEDBACK_CONTACT_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Hanya hitung, jangan hapus apa pun."
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 0:
            raise CommandError("Jumlah hari tidak boleh negatif.")
        count = purge_contacts(older_than_days=days, dry_run=dry_run)
        if dry_run:
            self.stdout.write(f"{count} masukan akan dihapus data kontaknya (uji coba).")
            return
        counters = ratelimit.purge_expired()
        self.stdout.write(
            self.style.SUCCESS(
                f"Data kontak {count} masukan dihapus; {counters} penghitung kedaluwarsa dihapus."
            )
        )
