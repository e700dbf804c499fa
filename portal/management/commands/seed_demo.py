"""The demo data of the whole portal: the personnel app's city, the reports app's SKP, feedback.

It lives in the portal app because apps import one way (portal → reports → personnel): the
personnel app may not know about reports.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from feedback.demo import seed_feedback
from personnel.demo import DEFAULT_EMPLOYEES, DEFAULT_SEED, seed_demo
from reports.demo import seed_reports


class Command(BaseCommand):
    help = (
        "Isi basis data dengan data demo: struktur organisasi Pemerintah Kota Tanjungpinang, "
        "pegawai ASN rekaan beserta jabatannya, pengguna staf demo, serta periode penilaian, "
        "laporan kinerja (SKP), predikat organisasi dan masukan warga. Hanya menambah yang "
        "belum ada; menjalankannya lagi tidak mengubah apa pun."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Bilangan acak awal; seed yang sama menghasilkan data yang sama "
            f"(bawaan: {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--employees",
            type=int,
            default=DEFAULT_EMPLOYEES,
            help=f"Jumlah pegawai rekaan (bawaan: {DEFAULT_EMPLOYEES}).",
        )

    def handle(self, *args, seed, employees, **options):
        if employees < 1:
            raise CommandError("Jumlah pegawai harus paling sedikit 1.")
        personnel = seed_demo(seed=seed, employees=employees)
        self.stdout.write(self.style.SUCCESS(personnel.summary()))
        reports = seed_reports(seed=seed)
        self.stdout.write(self.style.SUCCESS(reports.summary()))
        feedback = seed_feedback(seed=seed)
        self.stdout.write(self.style.SUCCESS(feedback.summary()))
        if personnel.employees or reports.reports:
            # Fresh statistics, so the first pages after a bulk load get sensible plans.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
