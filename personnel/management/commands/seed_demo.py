from django.core.management.base import BaseCommand, CommandError

from personnel.demo import DEFAULT_EMPLOYEES, DEFAULT_SEED, seed_demo


class Command(BaseCommand):
    help = (
        "Isi basis data dengan data demo: struktur organisasi Pemerintah Kota Tanjungpinang, "
        "pegawai ASN rekaan beserta jabatannya, dan pengguna staf demo. Hanya menambah yang "
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
        result = seed_demo(seed=seed, employees=employees)
        self.stdout.write(self.style.SUCCESS(result.summary()))
