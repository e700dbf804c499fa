"""Recount reports.PublishedCount (with its sums) and relist reports.ListingKey from the reports.

The triggers keep both exact on every write; this is for data loaded with triggers off
(bench/generate_scale.py, a `session_replication_role = replica` restore) or a check after
one. It runs the SQL functions `reports_published_count_rebuild()` and
`reports_listing_key_rebuild()` in one transaction, holding a SHARE lock on reports_report and
personnel_employee (reads go on, writes wait) for the seconds it takes.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction


class Command(BaseCommand):
    help = (
        "Hitung ulang tabel jumlah laporan terbit (reports_publishedcount dan jumlahnya) dan "
        "kunci urutan daftar laporan (reports_listingkey) dari laporannya."
    )

    def handle(self, *args, **options):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT reports_published_count_rebuild()")
            (total,) = cursor.fetchone()
            cursor.execute("SELECT reports_listing_key_rebuild()")
            (listed,) = cursor.fetchone()
        self.stdout.write(f"Dihitung ulang: {total} laporan terbit, {listed} kunci daftar.")
