"""Reading an SKP results file (through the shared reader) and the sample clerks fill in."""

import csv
import io

from personnel import importing as personnel_importing
from personnel.importing import ParsedFile
from reports.importing.base import COLUMNS, REQUIRED_COLUMNS


def parse_file(*, name: str, data: bytes) -> ParsedFile:
    """Read a CSV or XLSX file of SKP results, or raise ImportFileError with one clear reason."""
    return personnel_importing.parse_file(
        name=name, data=data, columns=COLUMNS, required=REQUIRED_COLUMNS
    )


def template_csv() -> bytes:
    """A blank file with every column and two example reports, for clerks to fill in."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    report = {
        "nip": "199305212019022007",
        "nama": "Nurhayati, A.Md.Kep.",
        "periode": "2025",
        "rating_hasil_kerja": "di_atas",
        "rating_perilaku": "sesuai",
        "nip_penilai": "198503152010012003",
        "nip_atasan_penilai": "",
        "catatan_penilai": "Target layanan terlampaui.",
        **{column: "sesuai" for column in COLUMNS if column.startswith("berakhlak_")},
        "berakhlak_pelayanan": "di_atas",
    }
    indicators = [
        ("utama", "Terlaksananya asuhan keperawatan pasien rawat jalan", "kuantitas",
         "Jumlah pasien yang menerima asuhan keperawatan", "1.200 pasien", "1.310 pasien", ""),
        ("utama", "Terlaksananya asuhan keperawatan pasien rawat jalan", "kualitas",
         "Persentase dokumentasi asuhan keperawatan yang lengkap", "95 %", "97 %", ""),
        ("tambahan", "Terlaksananya penyuluhan kesehatan di posyandu", "kuantitas",
         "Jumlah penyuluhan yang dilaksanakan", "12 kali", "14 kali", "Lanjutkan tahun depan"),
    ]  # fmt: skip
    for kind, rhk, aspect, iki, target, realisasi, feedback in indicators:
        writer.writerow(
            [
                {
                    **report,
                    "jenis_rhk": kind,
                    "rhk": rhk,
                    "aspek": aspect,
                    "iki": iki,
                    "target": target,
                    "realisasi": realisasi,
                    "umpan_balik": feedback,
                }.get(column, "")
                for column in COLUMNS
            ]
        )
    second = [
        ("199002172023212005", "Budi Santoso, S.Kom.", "2025-t1", "sesuai", "sesuai",
         "198811022014031012", "Pengelolaan aplikasi layanan", "kualitas",
         "Persentase waktu aplikasi layanan berjalan tanpa gangguan", "99 %", "99,5 %"),
        ("199002172023212005", "", "2025-t1", "", "", "", "Pengelolaan aplikasi layanan",
         "kuantitas", "Jumlah permintaan layanan TI yang diselesaikan", "150", "162"),
    ]  # fmt: skip
    for nip, name, period, hasil, perilaku, evaluator, rhk, aspect, iki, target, done in second:
        values = {
            "nip": nip,
            "nama": name,
            "periode": period,
            "rating_hasil_kerja": hasil,
            "rating_perilaku": perilaku,
            "nip_penilai": evaluator,
            "rhk": rhk,
            "aspek": aspect,
            "iki": iki,
            "target": target,
            "realisasi": done,
        }
        writer.writerow([values.get(column, "") for column in COLUMNS])
    # Excel reads a UTF-8 CSV right only when it starts with the byte-order mark.
    return buffer.getvalue().encode("utf-8-sig")
