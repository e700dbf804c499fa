"""Reading a training attendance file (through the shared reader) and the sample clerks fill in."""

import csv
import io

from personnel import importing as personnel_importing
from personnel.importing import ParsedFile
from training.importing.base import COLUMNS, REQUIRED_COLUMNS

# Employees and events of the demo data (`manage.py seed_demo`), so the sample imports there.
SAMPLE_ROWS = (
    ("197105152006021001", "Marzuki Mustafa, S.Ked., M.Kes.", "pelayanan-prima-2025-1", 16,
     "800/112/BKPSDM-TPI/VII/2025"),
    ("198403132025212007", "Syafitri, S.Ked.", "jf-nakes-2025-2", 24, "445/087/DINKES/VIII/2025"),
    ("197805052005042007", "Mardiana Hasanah, S.Kom., M.T.", "spbe-2025-1", 8,
     "B-214/PANRB/II/2025"),
    ("199310092025212003", "Kartini Utami, S.Kom.", "tik-data-2025-1", 12, ""),
    ("197108092003092006", "Herlina Yusnita, S.E., M.AP.", "skp-2025-1", 12,
     "800/131/BKPSDM-TPI/VII/2025"),
    ("199410012024211008", "Fadhil", "berakhlak-2025-2", 6, "800/058/BKPSDM-TPI/III/2025"),
    ("198010112008112006", "Yenni Susanti, S.Si., M.Pd.", "pka-2025-2", 80,
     "893/PKA-II/BPSDM-KEPRI/IX/2025"),
    ("198611292022211006", "Usman Effendi, S.Pd.I.", "jf-guru-2025-1", 32,
     "421/203/DISDIK/VII/2025"),
)  # fmt: skip


def parse_file(*, name: str, data: bytes) -> ParsedFile:
    """Read a CSV or XLSX attendance file, or raise ImportFileError with one clear reason."""
    return personnel_importing.parse_file(
        name=name, data=data, columns=COLUMNS, required=REQUIRED_COLUMNS
    )


def template_csv() -> bytes:
    """A file with every column and eight attendances of the demo data, for clerks to fill in."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for nip, name, code, jp, certificate in SAMPLE_ROWS:
        values = {
            "nip": nip,
            "nama": name,
            "kode_pelatihan": code,
            "jp": jp,
            "nomor_sertifikat": certificate,
        }
        writer.writerow([values[column] for column in COLUMNS])
    # Excel reads a UTF-8 CSV right only when it starts with the byte-order mark.
    return buffer.getvalue().encode("utf-8-sig")
