"""The demo data of the whole portal: the personnel app's city, the reports app's SKP, feedback.

It lives in the portal app because apps import one way (portal → reports → personnel): the
personnel app may not know about reports.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from feedback.demo import seed_assessments, seed_feedback
from forums.demo import seed_forums
from personnel.demo import DEFAULT_EMPLOYEES, DEFAULT_SEED, seed_demo
from portal.search import refresh_words
from reports.demo import DEMO_TODAY, seed_reports
from selection.demo import seed_selections
from training.demo import seed_training


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
        assessed = seed_assessments(seed=seed, today=DEMO_TODAY)
        self.stdout.write(self.style.SUCCESS(f"Penilaian masyarakat: {assessed} penilaian baru."))
        selections = seed_selections(seed=seed, today=DEMO_TODAY)
        self.stdout.write(self.style.SUCCESS(f"Seleksi terbuka: {selections} seleksi baru."))
        forums, commitments = seed_forums(seed=seed, today=DEMO_TODAY)
        self.stdout.write(
            self.style.SUCCESS(f"Forum warga: {forums} forum baru, {commitments} komitmen baru.")
        )
        events, records = seed_training(seed=seed, today=DEMO_TODAY)
        self.stdout.write(
            self.style.SUCCESS(f"Pelatihan: {events} pelatihan baru, {records} kehadiran baru.")
        )
        if personnel.employees or reports.reports:
            # The word list that corrects typos in the search (nightly in production).
            self.stdout.write(f"Daftar kata pencarian: {refresh_words()} kata.")
            # Fresh statistics, so the first pages after a bulk load get sensible plans. A table
            # autovacuum holds is left to it (SKIP_LOCKED): inside a transaction that wrote to
            # the table (the tests'), a vacuum waiting to truncate it held the ANALYZE ~5 s a
            # table, minutes in all.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE (SKIP_LOCKED)")
