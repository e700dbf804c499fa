from django.core.management.base import BaseCommand

from portal.search import refresh_words


class Command(BaseCommand):
    help = (
        "Susun ulang daftar kata untuk koreksi salah ketik di pencarian, dari nama unit, nama "
        "jabatan dan indikator laporan yang terbit. Jalankan berkala (misalnya tiap malam)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Daftar kata pencarian: {refresh_words()} kata.")
