"""Recount reports.PublishedCount from the reports themselves.

The triggers keep the counts exact on every write; this is for data loaded with triggers off
(bench/generate_scale.py, a `session_replication_role = replica` restore) or a check after
one. It runs the SQL function `reports_published_count_rebuild()` in one transaction, holding
a SHARE lock on reports_report (reads go on, writes wait) for the few seconds it takes.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction


class Command(BaseCommand):
    help = "Hitung ulang tabel jumlah laporan terbit (reports_publishedcount) dari laporannya."

    def handle(self, *args, **options):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT reports_published_count_rebuild()")
            (total,) = cursor.fetchone()
        self.stdout.write(f"Dihitung ulang: {total} laporan terbit.")
