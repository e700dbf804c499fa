"""Demo data: the organisation of Pemerintah Kota Tanjungpinang staffed with synthetic ASN.

Everything is drawn from one seeded random.Random, and nothing drawn depends on what the
database already holds, so the same seed always describes the same city; writing it only adds
what is missing.
"""

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from personnel import roles
from personnel.choices import (
    PNS_GOLONGAN,
    EmployeeStatus,
    EmploymentType,
    Gender,
    JabatanLevel,
    JabatanType,
    UnitKind,
)
from personnel.models import (
    PUBLIC_ID_ALPHABET,
    PUBLIC_ID_LENGTH,
    Assignment,
    Employee,
    Position,
    StaffScope,
    Unit,
)
from personnel.nip import compose_pns_nip

DEMO_PASSWORD = "tanjungpinang-demo"
DEFAULT_SEED = 1784  # the year Tanjungpinang counts as its founding
DEFAULT_EMPLOYEES = 5000
# A fixed "today" for the generator: the same seed must give the same dates whatever day it
# runs, and every date it produces (TMT, NIP months, retirements) lies before this one.
REFERENCE_DATE = date(2026, 1, 1)

ROOT_CODE = "pemkot"
RETIRED_SHARE = 0.015
PPPK_SHARE = 0.20
PREVIOUS_POST_SHARE = 0.25

J = JabatanType
L = JabatanLevel


@dataclass(frozen=True)
class PositionSpec:
    title: str
    jabatan_type: str
    level: str = ""
    weight: float = 0.0  # for staff positions: how many of a unit's staff hold it, relatively


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    parent: str | None
    order: int
    weight: float  # staff at the default 5,000 employees, before scaling
    study: str  # the study field most of its generalists come from, for their gelar
    head: PositionSpec | None
    structural: tuple[PositionSpec, ...] = ()
    staff: tuple[PositionSpec, ...] = ()

    @property
    def positions(self) -> tuple[PositionSpec, ...]:
        head = (self.head,) if self.head else ()
        return head + self.structural + self.staff


def _jpt(title, level=L.JPT_PRATAMA):
    return PositionSpec(title, J.JPT, level)


def _adm(title):
    return PositionSpec(title, J.ADMINISTRATOR)


def _pgw(title):
    return PositionSpec(title, J.PENGAWAS)


LEVEL_IN_TITLE = {
    L.AHLI_PERTAMA: "Ahli Pertama",
    L.AHLI_MUDA: "Ahli Muda",
    L.AHLI_MADYA: "Ahli Madya",
    L.AHLI_UTAMA: "Ahli Utama",
    L.PEMULA: "Pemula",
    L.TERAMPIL: "Terampil",
    L.MAHIR: "Mahir",
    L.PENYELIA: "Penyelia",
}


def _fungsional(name, *levels_and_weights):
    """Positions of one jabatan fungsional at several jenjang: ("ahli_muda", 2.0), …"""
    specs = []
    for level, weight in levels_and_weights:
        kind = J.FUNGSIONAL_KEAHLIAN if level.startswith("ahli") else J.FUNGSIONAL_KETERAMPILAN
        specs.append(PositionSpec(f"{name} {LEVEL_IN_TITLE[level]}", kind, level, weight))
    return tuple(specs)


def _pelaksana(title, weight):
    return PositionSpec(title, J.PELAKSANA, "", weight)


# Pelaksana titles follow the simplified nomenclature (… Layanan Operasional) of 2024.
PELAKSANA = (
    _pelaksana("Pengadministrasi Perkantoran", 3.0),
    _pelaksana("Penata Layanan Operasional", 2.0),
    _pelaksana("Pengelola Layanan Operasional", 2.0),
    _pelaksana("Operator Layanan Operasional", 1.5),
    _pelaksana("Pengolah Data dan Informasi", 1.5),
)
OFFICE_FUNGSIONAL = (
    *_fungsional("Arsiparis", (L.TERAMPIL, 0.4)),
    *_fungsional("Pranata Komputer", (L.TERAMPIL, 0.3), (L.AHLI_PERTAMA, 0.3)),
    *_fungsional("Perencana", (L.AHLI_PERTAMA, 0.4)),
    *_fungsional("Analis Keuangan Pusat dan Daerah", (L.AHLI_PERTAMA, 0.4)),
)
OFFICE_STAFF = PELAKSANA + OFFICE_FUNGSIONAL

SUBBAGIAN = (
    _pgw("Kepala Subbagian Umum dan Kepegawaian"),
    _pgw("Kepala Subbagian Perencanaan dan Keuangan"),
)

# fmt: off
HEALTH_STAFF = (
    *_fungsional("Dokter", (L.AHLI_PERTAMA, 4), (L.AHLI_MUDA, 2)),
    *_fungsional("Dokter Gigi", (L.AHLI_PERTAMA, 1.5)),
    *_fungsional("Perawat", (L.AHLI_PERTAMA, 5), (L.TERAMPIL, 7), (L.MAHIR, 4)),
    *_fungsional("Bidan", (L.AHLI_PERTAMA, 2), (L.TERAMPIL, 6), (L.MAHIR, 4)),
    *_fungsional("Apoteker", (L.AHLI_PERTAMA, 1)),
    *_fungsional("Asisten Apoteker", (L.TERAMPIL, 2)),
    *_fungsional("Pranata Laboratorium Kesehatan", (L.TERAMPIL, 2)),
    *_fungsional("Nutrisionis", (L.TERAMPIL, 1.5)),
    *_fungsional("Sanitarian", (L.TERAMPIL, 1.5)),
    *_fungsional("Penyuluh Kesehatan Masyarakat", (L.AHLI_PERTAMA, 1)),
    _pelaksana("Pengadministrasi Perkantoran", 2), _pelaksana("Pengolah Data dan Informasi", 1),
    _pelaksana("Operator Layanan Operasional", 1),
)
RSUD_STAFF = (
    *_fungsional("Dokter", (L.AHLI_PERTAMA, 4), (L.AHLI_MUDA, 4), (L.AHLI_MADYA, 3)),
    *_fungsional("Dokter Gigi", (L.AHLI_MUDA, 0.8)),
    *_fungsional(
        "Perawat", (L.AHLI_PERTAMA, 10), (L.AHLI_MUDA, 4), (L.TERAMPIL, 12), (L.MAHIR, 8),
        (L.PENYELIA, 2),
    ),
    *_fungsional("Bidan", (L.TERAMPIL, 4), (L.MAHIR, 3)),
    *_fungsional("Apoteker", (L.AHLI_PERTAMA, 1.5)),
    *_fungsional("Asisten Apoteker", (L.TERAMPIL, 3)),
    *_fungsional("Radiografer", (L.TERAMPIL, 2)),
    *_fungsional("Pranata Laboratorium Kesehatan", (L.TERAMPIL, 3)),
    *_fungsional("Perekam Medis", (L.TERAMPIL, 3)),
    *_fungsional("Nutrisionis", (L.TERAMPIL, 1.5)),
    *_fungsional("Fisioterapis", (L.TERAMPIL, 1)),
    *_fungsional("Elektromedis", (L.TERAMPIL, 0.8)),
    *_fungsional("Administrator Kesehatan", (L.AHLI_PERTAMA, 1.5)),
    *PELAKSANA,
)
# fmt: on

# Per OPD: code, name, weight, field, bidang, specific staff positions.
# fmt: off
DINAS = (
    ("disdik", "Dinas Pendidikan", 1750, "pendidikan",
     ("Pembinaan Sekolah Dasar", "Pembinaan Sekolah Menengah Pertama",
      "Pembinaan Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
      "Pendidik dan Tenaga Kependidikan"),
     (*_fungsional("Guru", (L.AHLI_PERTAMA, 45), (L.AHLI_MUDA, 30), (L.AHLI_MADYA, 18)),
      *_fungsional("Pengawas Sekolah", (L.AHLI_MADYA, 1.2)),
      *_fungsional("Penilik", (L.AHLI_MUDA, 0.5)),
      *_fungsional("Pamong Belajar", (L.AHLI_PERTAMA, 0.5)))),
    ("dinkes", "Dinas Kesehatan", 80, "kesehatan",
     ("Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit",
      "Pelayanan dan Sumber Daya Kesehatan"),
     (*_fungsional("Administrator Kesehatan", (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1.5)),
      *_fungsional("Epidemiolog Kesehatan", (L.AHLI_MUDA, 1)),
      *_fungsional("Apoteker", (L.AHLI_MUDA, 1)),
      *_fungsional("Penyuluh Kesehatan Masyarakat", (L.AHLI_PERTAMA, 1.5)),
      *_fungsional("Dokter", (L.AHLI_MUDA, 1)))),
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", 110, "teknik",
     ("Bina Marga", "Sumber Daya Air", "Cipta Karya", "Penataan Ruang"),
     (*_fungsional("Teknik Jalan dan Jembatan", (L.TERAMPIL, 2), (L.AHLI_PERTAMA, 2),
                   (L.AHLI_MUDA, 1)),
      *_fungsional("Teknik Pengairan", (L.AHLI_PERTAMA, 1.5)),
      *_fungsional("Penata Ruang", (L.AHLI_MUDA, 1)),
      *_fungsional("Teknik Tata Bangunan dan Perumahan", (L.AHLI_PERTAMA, 1.5)))),
    ("disperkimtan", "Dinas Perumahan Rakyat, Kawasan Permukiman dan Pertanahan", 45, "teknik",
     ("Perumahan", "Kawasan Permukiman", "Pertanahan", "Prasarana, Sarana dan Utilitas Umum"),
     (*_fungsional("Teknik Tata Bangunan dan Perumahan", (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1)),
      *_fungsional("Penata Kelola Bangunan Gedung dan Kawasan Permukiman",
                   (L.AHLI_PERTAMA, 1)))),
    ("dinsos", "Dinas Sosial", 40, "sosial",
     ("Perlindungan dan Jaminan Sosial", "Rehabilitasi Sosial",
      "Pemberdayaan Sosial dan Penanganan Fakir Miskin"),
     (*_fungsional("Pekerja Sosial", (L.TERAMPIL, 1.5), (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1)),
      *_fungsional("Penyuluh Sosial", (L.AHLI_PERTAMA, 1)))),
    ("disnaker", "Dinas Tenaga Kerja", 30, "umum",
     ("Pelatihan dan Produktivitas Tenaga Kerja", "Penempatan dan Perluasan Kesempatan Kerja",
      "Hubungan Industrial dan Jaminan Sosial Tenaga Kerja"),
     (*_fungsional("Mediator Hubungan Industrial", (L.AHLI_MUDA, 1)),
      *_fungsional("Pengantar Kerja", (L.AHLI_PERTAMA, 1)),
      *_fungsional("Instruktur", (L.AHLI_PERTAMA, 1)))),
    ("dp3ap2kb",
     "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga "
     "Berencana", 50, "sosial",
     ("Pemberdayaan Perempuan dan Perlindungan Anak", "Pengendalian Penduduk",
      "Keluarga Berencana"),
     (*_fungsional("Penyuluh Keluarga Berencana", (L.AHLI_PERTAMA, 3), (L.AHLI_MUDA, 2)),
      *_fungsional("Analis Kebijakan", (L.AHLI_PERTAMA, 1)))),
    ("dp3", "Dinas Pertanian, Pangan dan Perikanan", 70, "pertanian",
     ("Pertanian", "Ketahanan Pangan", "Perikanan", "Peternakan dan Kesehatan Hewan"),
     (*_fungsional("Penyuluh Pertanian", (L.TERAMPIL, 2), (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1)),
      *_fungsional("Penyuluh Perikanan", (L.AHLI_PERTAMA, 1.5)),
      *_fungsional("Medik Veteriner", (L.AHLI_PERTAMA, 0.8)),
      *_fungsional("Paramedik Veteriner", (L.TERAMPIL, 1)),
      *_fungsional("Analis Ketahanan Pangan", (L.AHLI_PERTAMA, 1)))),
    ("dlh", "Dinas Lingkungan Hidup", 110, "lingkungan",
     ("Tata Lingkungan", "Pengendalian Pencemaran dan Kerusakan Lingkungan",
      "Pengelolaan Sampah dan Limbah Bahan Berbahaya dan Beracun", "Pertamanan"),
     (*_fungsional("Pengendali Dampak Lingkungan", (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1)),
      *_fungsional("Pengawas Lingkungan Hidup", (L.AHLI_PERTAMA, 1)),
      _pelaksana("Operator Layanan Operasional Kebersihan", 12))),
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", 50, "umum",
     ("Pelayanan Pendaftaran Penduduk", "Pelayanan Pencatatan Sipil",
      "Pengelolaan Informasi Administrasi Kependudukan", "Pemanfaatan Data dan Inovasi Pelayanan"),
     (*_fungsional("Administrator Database Kependudukan", (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1)),
      *_fungsional("Pranata Komputer", (L.MAHIR, 1)))),
    ("dishub", "Dinas Perhubungan", 90, "umum",
     ("Lalu Lintas dan Angkutan", "Sarana dan Prasarana Perhubungan", "Perparkiran"),
     (*_fungsional("Penguji Kendaraan Bermotor", (L.TERAMPIL, 2), (L.AHLI_PERTAMA, 1)),
      _pelaksana("Operator Layanan Operasional Lalu Lintas", 8))),
    ("diskominfo", "Dinas Komunikasi dan Informatika", 45, "komputer",
     ("Informasi dan Komunikasi Publik", "Aplikasi Informatika", "Persandian dan Statistik",
      "Infrastruktur Teknologi Informasi dan Komunikasi"),
     (*_fungsional("Pranata Komputer", (L.MAHIR, 1), (L.AHLI_MUDA, 1.5)),
      *_fungsional("Pranata Hubungan Masyarakat", (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1)),
      *_fungsional("Statistisi", (L.AHLI_PERTAMA, 1)),
      *_fungsional("Sandiman", (L.AHLI_PERTAMA, 1)))),
    ("diskopukm", "Dinas Koperasi, Usaha Kecil dan Menengah", 30, "ekonomi",
     ("Kelembagaan dan Pengawasan Koperasi", "Pemberdayaan Usaha Kecil dan Menengah"),
     (*_fungsional("Pengawas Koperasi", (L.AHLI_PERTAMA, 1.5), (L.AHLI_MUDA, 1)),)),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", 40, "umum",
     ("Penanaman Modal", "Pelayanan Perizinan dan Nonperizinan",
      "Pengaduan, Kebijakan dan Pelaporan Layanan"),
     (*_fungsional("Penata Perizinan", (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1)),
      *_fungsional("Analis Kebijakan", (L.AHLI_MUDA, 1)))),
    ("disbud", "Dinas Kebudayaan", 25, "sosial",
     ("Cagar Budaya dan Permuseuman", "Kesenian dan Tradisi", "Sejarah dan Nilai Budaya"),
     (*_fungsional("Pamong Budaya", (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1)),)),
    ("dispar", "Dinas Pariwisata", 30, "sosial",
     ("Destinasi Pariwisata", "Pemasaran Pariwisata", "Ekonomi Kreatif"),
     (*_fungsional("Adyatama Kepariwisataan dan Ekonomi Kreatif", (L.AHLI_PERTAMA, 2),
                   (L.AHLI_MUDA, 1)),)),
    ("dispora", "Dinas Pemuda dan Olahraga", 30, "pendidikan",
     ("Kepemudaan", "Keolahragaan", "Sarana dan Prasarana Olahraga"),
     (*_fungsional("Analis Kebijakan", (L.AHLI_PERTAMA, 1)),)),
    ("dispusip", "Dinas Perpustakaan dan Kearsipan", 35, "sosial",
     ("Perpustakaan", "Kearsipan"),
     (*_fungsional("Pustakawan", (L.TERAMPIL, 2), (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1)),
      *_fungsional("Arsiparis", (L.AHLI_PERTAMA, 1.5), (L.MAHIR, 1)))),
    ("disdagin", "Dinas Perdagangan dan Perindustrian", 55, "ekonomi",
     ("Perdagangan", "Perindustrian", "Pengelolaan Pasar", "Metrologi Legal"),
     (*_fungsional("Penera", (L.TERAMPIL, 1.5), (L.AHLI_PERTAMA, 1)),
      *_fungsional("Pengawas Perdagangan", (L.AHLI_PERTAMA, 1)),
      *_fungsional("Penyuluh Perindustrian dan Perdagangan", (L.AHLI_PERTAMA, 1)))),
)

BADAN = (
    ("bappelitbangda", "Badan Perencanaan, Penelitian dan Pengembangan Daerah", 45, "ekonomi",
     ("Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
      "Pemerintahan dan Pembangunan Manusia", "Perekonomian dan Sumber Daya Alam",
      "Infrastruktur dan Kewilayahan", "Penelitian dan Pengembangan"),
     (*_fungsional("Perencana", (L.AHLI_MUDA, 2), (L.AHLI_MADYA, 1)),
      *_fungsional("Peneliti", (L.AHLI_PERTAMA, 0.8)))),
    ("bpkad", "Badan Pengelolaan Keuangan dan Aset Daerah", 70, "ekonomi",
     ("Anggaran", "Perbendaharaan", "Akuntansi dan Pelaporan", "Pengelolaan Barang Milik Daerah"),
     (*_fungsional("Analis Keuangan Pusat dan Daerah", (L.AHLI_MUDA, 2)),
      *_fungsional("Penata Kelola Barang Milik Daerah", (L.AHLI_PERTAMA, 1)))),
    ("bapenda", "Badan Pendapatan Daerah", 55, "ekonomi",
     ("Pendataan dan Penetapan", "Penagihan dan Keberatan",
      "Pengembangan dan Pengendalian Pendapatan"),
     (*_fungsional("Analis Keuangan Pusat dan Daerah", (L.AHLI_MUDA, 1)),
      *_fungsional("Penilai Pajak Daerah", (L.AHLI_PERTAMA, 1.5)),
      _pelaksana("Penata Layanan Operasional Pajak Daerah", 4))),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 55, "umum",
     ("Pengadaan, Pemberhentian dan Informasi Kepegawaian", "Mutasi dan Promosi",
      "Pengembangan Kompetensi Aparatur", "Penilaian Kinerja Aparatur dan Penghargaan"),
     (*_fungsional("Analis Kepegawaian", (L.AHLI_PERTAMA, 3), (L.AHLI_MUDA, 2)),
      *_fungsional("Asesor Sumber Daya Manusia Aparatur", (L.AHLI_MUDA, 1)))),
    ("bpbd", "Badan Penanggulangan Bencana Daerah", 35, "umum",
     ("Pencegahan dan Kesiapsiagaan", "Kedaruratan dan Logistik", "Rehabilitasi dan Rekonstruksi"),
     (*_fungsional("Analis Kebencanaan", (L.AHLI_PERTAMA, 1.5)),
      _pelaksana("Operator Layanan Operasional Tanggap Darurat", 4))),
    ("kesbangpol", "Badan Kesatuan Bangsa dan Politik", 25, "sosial",
     ("Ideologi, Wawasan Kebangsaan dan Karakter Bangsa",
      "Politik Dalam Negeri dan Organisasi Kemasyarakatan",
      "Ketahanan Ekonomi, Sosial, Budaya, Agama dan Penanganan Konflik"),
     (*_fungsional("Analis Kebijakan", (L.AHLI_PERTAMA, 1)),)),
)

# Bagian of the Sekretariat Daerah: code, name, field, specific staff positions.
BAGIAN = (
    ("bag-tapem", "Tata Pemerintahan", "sosial",
     _fungsional("Analis Kebijakan", (L.AHLI_PERTAMA, 1))),
    ("bag-hukum", "Hukum", "hukum",
     _fungsional("Perancang Peraturan Perundang-undangan", (L.AHLI_PERTAMA, 1.5), (L.AHLI_MUDA, 1))
     + _fungsional("Analis Hukum", (L.AHLI_PERTAMA, 1))),
    ("bag-organisasi", "Organisasi", "sosial",
     _fungsional("Analis Kebijakan", (L.AHLI_PERTAMA, 1), (L.AHLI_MUDA, 1))),
    ("bag-perekonomian-sda", "Perekonomian dan Sumber Daya Alam", "ekonomi",
     _fungsional("Analis Kebijakan", (L.AHLI_PERTAMA, 1))),
    ("bag-umum", "Umum", "umum", _fungsional("Arsiparis", (L.AHLI_PERTAMA, 1))),
    ("bag-prokopim", "Protokol dan Komunikasi Pimpinan", "sosial",
     _fungsional("Pranata Hubungan Masyarakat", (L.TERAMPIL, 1), (L.AHLI_PERTAMA, 1.5))),
    ("bag-kesra", "Kesejahteraan Rakyat", "sosial",
     _fungsional("Analis Kebijakan", (L.AHLI_PERTAMA, 1))),
    ("bag-pbj", "Pengadaan Barang dan Jasa", "teknik",
     _fungsional("Pengelola Pengadaan Barang/Jasa", (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1))),
)
# fmt: on

PUSKESMAS = (
    ("Tanjungpinang", 70), ("Kampung Bugis", 55), ("Sei Jang", 60), ("Mekar Baru", 65),
    ("Batu 10", 75), ("Tanjung Unggat", 55), ("Melayu Kota Piring", 60),
)  # fmt: skip

KECAMATAN = {
    "Bukit Bestari": (
        "Dompak", "Sei Jang", "Tanjung Ayun Sakti", "Tanjung Unggat", "Tanjungpinang Timur",
    ),
    "Tanjungpinang Barat": ("Bukit Cermin", "Kampung Baru", "Kemboja", "Tanjungpinang Barat"),
    "Tanjungpinang Kota": ("Kampung Bugis", "Penyengat", "Senggarang", "Tanjungpinang Kota"),
    "Tanjungpinang Timur": (
        "Air Raja", "Batu IX", "Kampung Bulang", "Melayu Kota Piring", "Pinang Kencana",
    ),
}  # fmt: skip


def _slug(text: str) -> str:
    return "-".join("".join(c for c in word if c.isalnum()) for word in text.lower().split())


def _opd(code, name, kind, order, weight, unit_field, bidang, staff, *, head=None, sekretaris=None):
    return UnitSpec(
        code=code,
        name=name,
        kind=kind,
        parent=ROOT_CODE,
        order=order,
        weight=weight,
        study=unit_field,
        head=head or _jpt(f"Kepala {name}"),
        structural=(
            _adm(sekretaris or f"Sekretaris {name}"),
            *(_adm(f"Kepala Bidang {b}") for b in bidang),
            *SUBBAGIAN,
        ),
        staff=OFFICE_STAFF + tuple(staff),
    )


def build_units() -> list[UnitSpec]:
    """Return the organisation tree, parents before their children."""
    units = [UnitSpec(ROOT_CODE, "Pemerintah Kota Tanjungpinang", UnitKind.PEMERINTAH_KOTA,
                      None, 0, 0, "umum", None)]  # fmt: skip
    units.append(
        UnitSpec(
            "setda", "Sekretariat Daerah", UnitKind.SEKRETARIAT, ROOT_CODE, 10, 25, "sosial",
            head=_jpt("Sekretaris Daerah", L.JPT_MADYA),
            structural=(
                _jpt("Asisten Pemerintahan dan Kesejahteraan Rakyat"),
                _jpt("Asisten Perekonomian dan Pembangunan"),
                _jpt("Asisten Administrasi Umum"),
                _jpt("Staf Ahli Wali Kota Bidang Pemerintahan, Hukum dan Politik"),
                _jpt("Staf Ahli Wali Kota Bidang Ekonomi, Keuangan dan Pembangunan"),
                _jpt("Staf Ahli Wali Kota Bidang Kemasyarakatan dan Sumber Daya Manusia"),
            ),
            staff=PELAKSANA,
        )
    )  # fmt: skip
    for order, (code, name, unit_field, staff) in enumerate(BAGIAN, start=1):
        units.append(
            UnitSpec(
                code, f"Bagian {name}", UnitKind.BAGIAN, "setda", order * 10, 18, unit_field,
                head=_adm(f"Kepala Bagian {name}"), staff=PELAKSANA + staff,
            )
        )  # fmt: skip
    units.append(
        _opd("setdprd", "Sekretariat DPRD", UnitKind.SEKRETARIAT, 20, 45, "hukum",
             (), _fungsional("Analis Kebijakan", (L.AHLI_PERTAMA, 1.5))
             + _fungsional("Pranata Hubungan Masyarakat", (L.AHLI_PERTAMA, 1)),
             head=_jpt("Sekretaris DPRD"), sekretaris="Kepala Bagian Umum dan Keuangan")
    )  # fmt: skip
    units[-1] = _with_structural(units[-1], (
        _adm("Kepala Bagian Persidangan dan Perundang-undangan"),
        _adm("Kepala Bagian Fasilitasi Penganggaran dan Pengawasan"),
    ))  # fmt: skip
    units.append(
        _opd("inspektorat", "Inspektorat Daerah", UnitKind.INSPEKTORAT, 30, 45, "ekonomi", (),
             _fungsional("Auditor", (L.TERAMPIL, 1.5), (L.AHLI_PERTAMA, 5), (L.AHLI_MUDA, 4),
                         (L.AHLI_MADYA, 2))
             + _fungsional("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
                           (L.AHLI_PERTAMA, 3), (L.AHLI_MUDA, 2)),
             head=_jpt("Inspektur Daerah"), sekretaris="Sekretaris Inspektorat Daerah")
    )  # fmt: skip
    units[-1] = _with_structural(
        units[-1], tuple(_adm(f"Inspektur Pembantu Wilayah {n}") for n in ("I", "II", "III", "IV"))
    )
    for order, (code, name, weight, unit_field, bidang, staff) in enumerate(DINAS, start=4):
        units.append(_opd(code, name, UnitKind.DINAS, order * 10, weight, unit_field, bidang,
                          staff))  # fmt: skip
    units.append(
        _opd("satpolpp", "Satuan Polisi Pamong Praja", UnitKind.SATUAN, 300, 150, "hukum",
             ("Penegakan Peraturan Daerah", "Ketenteraman dan Ketertiban Umum",
              "Perlindungan Masyarakat"),
             _fungsional("Polisi Pamong Praja", (L.TERAMPIL, 12), (L.MAHIR, 5), (L.PENYELIA, 2),
                         (L.AHLI_PERTAMA, 2), (L.AHLI_MUDA, 1)),
             sekretaris="Sekretaris Satuan Polisi Pamong Praja")
    )  # fmt: skip
    for order, (code, name, weight, unit_field, bidang, staff) in enumerate(BADAN, start=31):
        head = None
        if code == "bpbd":
            # The Sekda heads BPBD ex officio; its working head is the Kepala Pelaksana.
            head = _jpt(f"Kepala Pelaksana {name}")
        units.append(_opd(code, name, UnitKind.BADAN, order * 10, weight, unit_field, bidang,
                          staff, head=head))  # fmt: skip
    units.append(
        UnitSpec(
            "rsud", "RSUD Kota Tanjungpinang", UnitKind.RSUD, ROOT_CODE, 400, 480, "kesehatan",
            head=_jpt("Direktur RSUD Kota Tanjungpinang"),
            structural=(
                _adm("Wakil Direktur Pelayanan"),
                _adm("Wakil Direktur Umum dan Keuangan"),
                _adm("Kepala Bagian Tata Usaha"),
                _adm("Kepala Bagian Keuangan"),
                _adm("Kepala Bidang Pelayanan Medik"),
                _adm("Kepala Bidang Keperawatan"),
                _adm("Kepala Bidang Penunjang Medik dan Nonmedik"),
                *SUBBAGIAN,
                _pgw("Kepala Seksi Pelayanan Rawat Jalan"),
                _pgw("Kepala Seksi Pelayanan Rawat Inap"),
                _pgw("Kepala Seksi Asuhan Keperawatan"),
            ),
            staff=RSUD_STAFF,
        )
    )  # fmt: skip
    for order, (name, weight) in enumerate(PUSKESMAS, start=1):
        units.append(
            UnitSpec(
                f"pkm-{_slug(name)}", f"UPTD Puskesmas {name}", UnitKind.UPTD, "dinkes",
                order * 10, weight, "kesehatan",
                head=_pgw(f"Kepala UPTD Puskesmas {name}"),
                structural=(_pgw("Kepala Subbagian Tata Usaha"),),
                staff=HEALTH_STAFF,
            )
        )  # fmt: skip
    for order, (kecamatan, kelurahan) in enumerate(KECAMATAN.items(), start=50):
        kec_code = f"kec-{_slug(kecamatan)}"
        units.append(
            UnitSpec(
                kec_code, f"Kecamatan {kecamatan}", UnitKind.KECAMATAN, ROOT_CODE, order * 10,
                28, "sosial",
                head=_adm(f"Camat {kecamatan}"),
                structural=(
                    _adm("Sekretaris Kecamatan"),
                    _pgw("Kepala Seksi Pemerintahan"),
                    _pgw("Kepala Seksi Ketenteraman dan Ketertiban Umum"),
                    _pgw("Kepala Seksi Pemberdayaan Masyarakat"),
                    _pgw("Kepala Seksi Pelayanan Umum"),
                    _pgw("Kepala Subbagian Umum dan Kepegawaian"),
                ),
                staff=PELAKSANA
                + _fungsional("Penggerak Swadaya Masyarakat", (L.AHLI_PERTAMA, 1)),
            )
        )  # fmt: skip
        for kel_order, name in enumerate(kelurahan, start=1):
            units.append(
                UnitSpec(
                    f"kel-{_slug(name)}", f"Kelurahan {name}", UnitKind.KELURAHAN, kec_code,
                    kel_order * 10, 9 + len(name) % 6, "sosial",
                    head=_pgw(f"Lurah {name}"),
                    structural=(
                        _pgw("Sekretaris Kelurahan"),
                        _pgw("Kepala Seksi Pemerintahan dan Ketenteraman"),
                        _pgw("Kepala Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial"),
                    ),
                    staff=PELAKSANA[:4],
                )
            )  # fmt: skip
    return units


def _with_structural(unit: UnitSpec, extra: tuple[PositionSpec, ...]) -> UnitSpec:
    subbagian = unit.structural[-len(SUBBAGIAN) :]
    leaders = unit.structural[: -len(SUBBAGIAN)]
    return replace(unit, structural=leaders + extra + subbagian)


# --------------------------------------------------------------------------- names


@dataclass(frozen=True)
class NamePool:
    male: tuple[str, ...]
    female: tuple[str, ...]
    male_second: tuple[str, ...] = ()
    female_second: tuple[str, ...] = ()
    family: tuple[str, ...] = ()  # marga or surname, carried by men and women alike
    second_share: float = 0.6
    prefixes: tuple[tuple[str, float], ...] = ()  # (prefix, share), e.g. Malay nobility


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


_MELAYU_MALE = _names(
    "Ahmad, Azhar, Azmi, Darwis, Effendi, Fadli, Firdaus, Hamdan, Harun, Hasan, Irwan, Ismail, "
    "Jefri, Khairul, Mahadi, Marzuki, Mustafa, Nasrun, Rizal, Rusli, Saparudin, Syahrial, "
    "Syamsul, Taufik, Usman, Yusri, Zainal, Zulkifli, Muhammad, Abdul Rahman, Syafruddin, Herman"
)
NAME_POOLS: dict[str, NamePool] = {
    "melayu": NamePool(
        male=_MELAYU_MALE,
        female=_names(
            "Aisyah, Asmah, Azizah, Fatimah, Halimah, Hasnah, Juliana, Khadijah, Mariani, "
            "Nurhayati, Rahmah, Rosmawati, Rosnah, Salmah, Suryani, Zubaidah, Zuraida, Norma, "
            "Mardiana, Yusnita, Herlina, Nurlela, Siti Aminah, Rohani"
        ),
        male_second=(*_MELAYU_MALE[:20], *_names("Syahputra, Anwar, Hidayat, Ramli")),
        female_second=_names(
            "Aminah, Hayati, Yanti, Sari, Zahara, Rahmawati, Fitriani, Wahyuni, Handayani, "
            "Susanti, Marlina, Yusnita, Novita, Hasanah, Zulaikha, Kartika"
        ),
        second_share=0.8,
        prefixes=(("Raja", 0.06), ("Tengku", 0.03), ("Wan", 0.04)),
    ),
    "jawa": NamePool(
        male=_names(
            "Agus, Bambang, Budi, Didik, Eko, Hadi, Heru, Joko, Slamet, Sugeng, Teguh, Wahyu, "
            "Yudi, Dwi, Tri, Bayu, Arif, Rudi, Sutrisno, Sugiyanto, Suparman, Sumarno, Gatot, Priyo"
        ),
        female=_names(
            "Sri, Endang, Sulastri, Rina, Dewi, Ratna, Yuli, Tri, Sumarni, Retno, Puji, Dian, "
            "Siti, Wiwik, Nining, Kartini, Sutarmi"
        ),
        male_second=_names(
            "Santoso, Setiawan, Prasetyo, Wibowo, Susanto, Purnomo, Nugroho, Hartono, Kurniawan, "
            "Saputro, Wicaksono, Pranoto, Utomo, Suryadi, Widodo, Raharjo"
        ),
        female_second=_names(
            "Wahyuni, Lestari, Rahayu, Handayani, Astuti, Purwanti, Susilowati, Kurniasih, "
            "Setyaningsih, Wulandari, Utami, Pratiwi, Mulyani, Rahmawati"
        ),
        second_share=0.75,
    ),
    "minang": NamePool(
        male=_names(
            "Afrizal, Zulhendri, Yusrizal, Syafrizal, Erizal, Hendri, Febrian, Rahmat, Zulfikar, "
            "Irwandi, Defri, Yulisman, Alfian, Fauzan, Zulkarnain, Novrizal, Yondri, Asrul"
        ),
        female=_names(
            "Yulia, Desi, Elvira, Fitri, Nofrianti, Rosmaini, Yenni, Elfi, Rika, Nurmaini, "
            "Yusnidar, Dewi, Lisa, Mira, Syafitri, Warni"
        ),
        male_second=_names("Putra, Saputra, Syahputra, Rahman, Effendi, Hakim, Chaniago"),
        female_second=_names(
            "Rahmi, Yanti, Susanti, Novita, Fitriani, Yulianti, Elita, Hayati, Marlina, Sari, "
            "Oktavia, Fauziah"
        ),
        second_share=0.7,
    ),
    "batak": NamePool(
        male=_names(
            "Roy, Lamhot, Togar, Parlindungan, Hotman, Jonny, Benny, Frans, Rudolf, Mangasi, "
            "Sahat, Tumpal, Daniel, Rikson, Poltak, Ahmad Rifai, Marihot, Charles"
        ),
        female=_names(
            "Rosmauli, Lasma, Tiur, Rumondang, Debora, Maria, Ruth, Sarma, Hotnida, Lenny, Ester, "
            "Friska, Yanti, Masniari, Nurhalimah, Rotua"
        ),
        family=_names(
            "Simanjuntak, Sitorus, Siregar, Nasution, Hutapea, Simatupang, Sihombing, Pardede, "
            "Panjaitan, Manurung, Situmorang, Lubis, Harahap, Sinaga, Tambunan, Silalahi, "
            "Hutagalung, Sitompul, Pasaribu, Damanik"
        ),
    ),
    "bugis": NamePool(
        male=_names(
            "Muh. Arsyad, Syamsuddin, Baharuddin, Hamzah, Jamaluddin, Sainuddin, Nasaruddin, "
            "Amiruddin, Asri, Ilham, Muh. Yusuf, Sudirman, Hasanuddin, Rusdi, Kamaruddin, "
            "Abdul Muis"
        ),
        female=_names(
            "Nurhaedah, Hasnawati, Rosdiana, Hasniah, Nurjannah, Jumriati, Sumarni, Hartati, "
            "Sitti Rahmah, Nurhayati, Rahmatia, Suriani, Hasmiah"
        ),
        # Bugis children often carry their father's name second.
        male_second=_names(
            "Yusuf, Rahman, Latief, Said, Amir, Makmur, Hamid, Saleh, Arifin, Basri"
        ),
        female_second=_names(
            "Rahmah, Aisyah, Sahriani, Hafsah, Amalia, Syamsuddin, Baharuddin, Hamzah, Latief"
        ),
        second_share=0.6,
        prefixes=(("Andi", 0.3),),
    ),
    "sunda": NamePool(
        male=_names(
            "Asep, Dadang, Cecep, Ujang, Dede, Yayat, Deden, Iwan, Jajang, Encep, Wawan, Aep, "
            "Ade, Endang, Rahmat, Yusuf"
        ),
        female=_names(
            "Euis, Neneng, Iis, Enung, Nenden, Cucu, Elis, Imas, Tuti, Yanti, Lilis, Nining, "
            "Rina, Ai"
        ),
        male_second=_names(
            "Saepudin, Suherman, Hidayat, Sopian, Ruhiyat, Kurnia, Permana, Sudrajat, Supriatna, "
            "Rustandi, Gunawan, Hermawan"
        ),
        female_second=_names(
            "Nurhasanah, Rahmawati, Kurniasih, Sumiati, Marlina, Komalasari, Nuraeni, Hayati, "
            "Permatasari, Sulastri"
        ),
        second_share=0.85,
    ),
    "tionghoa": NamePool(
        male=_names(
            "Hendra, Budi, Yohanes, Felix, Steven, Rudy, Hendrik, Jimmy, Wilson, Ricky, Johan, "
            "Suryadi, Edi, Anton, Herman, Kevin"
        ),
        female=_names(
            "Lili, Kristina, Susanti, Yuliana, Fransiska, Lina, Veronika, Melinda, Agnes, Sherly, "
            "Meliana, Jessica, Mei Ling, Elisabeth"
        ),
        family=_names(
            "Wijaya, Gunawan, Halim, Hartono, Salim, Susanto, Tanjaya, Kurniawan, Tandiono, "
            "Setiadi, Lim, Tan, Sutanto, Wibisono, Hidayat"
        ),
    ),
}
# Given names that took over in the late 1980s, whatever the family's origin.
MODERN_POOL = NamePool(
    male=_names(
        "Muhammad Rizki, Dimas, Aditya, Reza, Fajar, Rian, Andika, Ilham, Fikri, Arya, Yoga, "
        "Rizky, Bima, Raka, Fadhil, Hafiz"
    ),
    female=_names(
        "Putri, Nadia, Anisa, Fitri, Rizka, Ayu, Intan, Dinda, Nurul, Tiara, Mega, Siska, Nabila, "
        "Salsabila, Cindy, Wulan"
    ),
    male_second=_names(
        "Pratama, Saputra, Ramadhan, Firmansyah, Hidayat, Nugraha, Maulana, Kurniawan, Setiawan, "
        "Prasetya, Syahputra, Alfarizi"
    ),
    female_second=_names(
        "Ramadhani, Lestari, Pratiwi, Amelia, Rahmadani, Febriani, Safitri, Permata, Maharani, "
        "Anggraini, Puspita, Oktaviani"
    ),
    second_share=0.8,
)
ETHNIC_SHARES = (
    ("melayu", 33), ("jawa", 22), ("minang", 12), ("batak", 10), ("bugis", 8), ("sunda", 8),
    ("tionghoa", 5),
)  # fmt: skip


def _name(rng: random.Random, gender: str, birth_year: int) -> str:
    origin = rng.choices([o for o, _ in ETHNIC_SHARES], [w for _, w in ETHNIC_SHARES])[0]
    pool = NAME_POOLS[origin]
    female = gender == Gender.FEMALE
    given_pool = (
        MODERN_POOL if birth_year >= 1988 and not pool.family and rng.random() < 0.5 else pool
    )
    parts = []
    for prefix, share in given_pool.prefixes:
        if rng.random() < share:
            parts.append(prefix)
            break
    given = rng.choice(given_pool.female if female else given_pool.male)
    parts.append(given)
    if pool.family:
        parts.append(rng.choice(pool.family))
    elif rng.random() < given_pool.second_share:
        seconds = [s for s in (given_pool.female_second if female else given_pool.male_second)
                   if s not in given]  # fmt: skip
        if seconds:
            parts.append(rng.choice(seconds))
    return " ".join(parts)


# --------------------------------------------------------------------------- gelar

# Study field by words in the position title; the first match wins, else the unit's field.
FIELD_BY_TITLE = (
    ("Dokter Gigi", "dokter_gigi"), ("Medik Veteriner", "dokter_hewan"), ("Dokter", "dokter"),
    ("Direktur RSUD", "dokter"), ("Kepala UPTD Puskesmas", "dokter"),
    ("Wakil Direktur Pelayanan", "dokter"), ("Pelayanan Medik", "dokter"),
    ("Keperawatan", "perawat"), ("Perawat", "perawat"), ("Bidan", "bidan"),
    ("Asisten Apoteker", "farmasi"), ("Apoteker", "apoteker"),
    ("Guru", "pendidikan"), ("Pengawas Sekolah", "pendidikan"), ("Penilik", "pendidikan"),
    ("Pamong Belajar", "pendidikan"),
    ("Auditor", "ekonomi"), ("Keuangan", "ekonomi"), ("Pajak", "ekonomi"), ("Koperasi", "ekonomi"),
    ("Pranata Komputer", "komputer"), ("Database", "komputer"), ("Sandiman", "komputer"),
    ("Statistisi", "komputer"),
    ("Peraturan", "hukum"), ("Hukum", "hukum"), ("Mediator", "hukum"),
    ("Teknik", "teknik"), ("Penata Ruang", "teknik"), ("Bangunan", "teknik"), ("Penera", "teknik"),
    ("Kendaraan", "teknik"), ("Pengadaan", "teknik"),
    ("Pertanian", "pertanian"), ("Perikanan", "pertanian"), ("Veteriner", "pertanian"),
    ("Pangan", "pertanian"), ("Lingkungan", "lingkungan"),
    ("Laboratorium", "kesehatan"), ("Radiografer", "kesehatan"), ("Perekam Medis", "kesehatan"),
    ("Nutrisionis", "kesehatan"), ("Fisioterapis", "kesehatan"), ("Sanitarian", "kesehatan"),
    ("Elektromedis", "kesehatan"), ("Epidemiolog", "kesehatan"), ("Kesehatan", "kesehatan"),
)  # fmt: skip

S1_GELAR = {
    "pendidikan": ("S.Pd.",) * 6 + ("S.Pd.I.", "S.Pd.I.", "S.Si."),
    "bidan": ("S.Tr.Keb.",),
    "farmasi": ("S.Farm.",),
    "kesehatan": ("S.KM.", "S.KM.", "S.Ked.", "S.Tr.Kes.", "S.Gz."),
    "ekonomi": ("S.E.", "S.E.", "S.Ak.", "S.E."),
    "hukum": ("S.H.",),
    "teknik": ("S.T.", "S.T.", "S.T.", "S.Kom."),
    "komputer": ("S.Kom.", "S.Kom.", "S.T.", "S.Si."),
    "pertanian": ("S.P.", "S.Pi.", "S.Pt.", "S.P."),
    "lingkungan": ("S.T.", "S.Si.", "S.KM."),
    "sosial": ("S.Sos.", "S.IP.", "S.Sos.", "S.AP.", "S.H.", "S.E."),
    "umum": ("S.Sos.", "S.E.", "S.H.", "S.IP.", "S.AP.", "S.Kom.", "S.Pd.", "S.T."),
}
S2_GELAR = {
    "pendidikan": ("M.Pd.",),
    "dokter": ("M.Kes.",),
    "dokter_gigi": ("M.Kes.",),
    "dokter_hewan": ("M.Si.",),
    "perawat": ("M.Kep.", "M.Kes."),
    "bidan": ("M.Keb.", "M.Kes."),
    "apoteker": ("M.Farm.", "M.Kes."),
    "farmasi": ("M.Farm.",),
    "kesehatan": ("M.Kes.",),
    "ekonomi": ("M.M.", "M.Ak.", "M.E."),
    "hukum": ("M.H.",),
    "teknik": ("M.T.",),
    "komputer": ("M.Kom.", "M.T."),
    "pertanian": ("M.Si.", "M.P."),
    "lingkungan": ("M.Si.", "M.T."),
    "sosial": ("M.Si.", "M.AP.", "M.M."),
    "umum": ("M.Si.", "M.M.", "M.AP.", "M.H."),
}
D3_GELAR = {
    "perawat": "A.Md.Kep.",
    "bidan": "A.Md.Keb.",
    "farmasi": "A.Md.Farm.",
    "apoteker": "A.Md.Farm.",
    "kesehatan": "A.Md.Kes.",
    "komputer": "A.Md.Kom.",
}
SPESIALIS = ("Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.Rad.", "Sp.JP.", "Sp.M.",
             "Sp.THT-KL.", "Sp.N.", "Sp.KJ.", "Sp.PK.")  # fmt: skip
# Degrees given before the 1990s reform carried a title in front instead of S.x behind it.
OLD_STYLE_FIELDS = {"umum", "sosial", "ekonomi", "pendidikan"}
INSINYUR_FIELDS = {"teknik", "pertanian", "lingkungan"}
PROFESSION_FRONT = {"dokter": "dr.", "dokter_gigi": "drg.", "dokter_hewan": "drh."}


def _gelar(rng, education, fld, gender, birth_year, unit_kind) -> tuple[str, str]:
    if education in ("sd", "smp", "sma"):
        return "", ""
    if education == "d3":
        return "", D3_GELAR.get(fld, "A.Md.")
    front, back = "", []
    if fld in PROFESSION_FRONT:
        front = PROFESSION_FRONT[fld]
        if education == "s2":
            if fld == "dokter" and unit_kind == UnitKind.RSUD:
                back.append(rng.choice(SPESIALIS))
            else:
                back.append(rng.choice(S2_GELAR[fld]))
        return front, ", ".join(back)
    if fld == "perawat":
        front, back = "Ns.", ["S.Kep."]
    elif fld == "apoteker":
        front, back = "apt.", ["S.Farm."]
    elif birth_year <= 1970 and fld in OLD_STYLE_FIELDS and rng.random() < 0.45:
        front = "Drs." if gender == Gender.MALE else "Dra."
    elif birth_year <= 1970 and fld in INSINYUR_FIELDS and rng.random() < 0.5:
        front = "Ir."
    else:
        back = [rng.choice(S1_GELAR.get(fld, S1_GELAR["umum"]))]
    if education == "s2":
        back.append(rng.choice(S2_GELAR.get(fld, S2_GELAR["umum"])))
    return front, ", ".join(back)


# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class Career:
    """What a holder of some kind of position is like: age, education, rank bounds."""

    age: tuple[int, int]  # age on REFERENCE_DATE
    min_service: int  # years since the CPNS appointment
    education: tuple[float, ...]  # weights for EDUCATION
    golongan: tuple[str, str]  # lowest and highest PNS golongan for the post


EDUCATION = ("sd", "smp", "sma", "d3", "s1", "s2")
PNS_START = {"sd": "I/a", "smp": "I/c", "sma": "II/a", "d3": "II/c", "s1": "III/a", "s2": "III/b"}
PPPK_GOLONGAN_BY_EDUCATION = {"sd": "I", "smp": "IV", "sma": "V", "d3": "VII", "s1": "IX",
                              "s2": "X"}  # fmt: skip
CAREERS = {
    (J.JPT, L.JPT_MADYA): Career((50, 57), 20, (0, 0, 0, 0, 0, 1), ("IV/c", "IV/d")),
    (J.JPT, L.JPT_PRATAMA): Career((45, 57), 16, (0, 0, 0, 0, 15, 85), ("IV/a", "IV/c")),
    (J.ADMINISTRATOR, ""): Career((40, 56), 12, (0, 0, 0, 0, 40, 60), ("III/d", "IV/b")),
    (J.PENGAWAS, ""): Career((33, 55), 8, (0, 0, 0, 8, 70, 22), ("III/b", "IV/a")),
    (J.PELAKSANA, ""): Career((23, 57), 1, (1, 3, 42, 18, 36, 0), ("I/a", "III/d")),
    (J.FUNGSIONAL_KEAHLIAN, L.AHLI_PERTAMA): Career((24, 45), 1, (0, 0, 0, 0, 85, 15),
                                                    ("III/a", "III/b")),
    (J.FUNGSIONAL_KEAHLIAN, L.AHLI_MUDA): Career((32, 55), 6, (0, 0, 0, 0, 70, 30),
                                                 ("III/c", "III/d")),
    (J.FUNGSIONAL_KEAHLIAN, L.AHLI_MADYA): Career((42, 57), 12, (0, 0, 0, 0, 55, 45),
                                                  ("IV/a", "IV/b")),
    (J.FUNGSIONAL_KETERAMPILAN, L.TERAMPIL): Career((23, 45), 1, (0, 0, 15, 85, 0, 0),
                                                    ("II/a", "II/d")),
    (J.FUNGSIONAL_KETERAMPILAN, L.MAHIR): Career((30, 55), 6, (0, 0, 5, 95, 0, 0),
                                                 ("III/a", "III/b")),
    (J.FUNGSIONAL_KETERAMPILAN, L.PENYELIA): Career((40, 57), 12, (0, 0, 0, 100, 0, 0),
                                                    ("III/c", "III/d")),
}  # fmt: skip
PNS_ORDER = list(PNS_GOLONGAN)
# PPPK were first appointed in Tanjungpinang from 2022; these are the TMT of the intakes.
PPPK_INTAKES = (date(2022, 3, 1), date(2022, 10, 1), date(2023, 7, 1), date(2024, 3, 1),
                date(2025, 3, 1), date(2025, 10, 1))  # fmt: skip
PPPK_LEVELS = {"", L.AHLI_PERTAMA, L.PEMULA, L.TERAMPIL}
# Active PNS were born after this day: older ones reached the retirement age of 58.
ACTIVE_BORN_AFTER = date(1967, 12, 31)
YOUNGEST_BIRTH = date(2000, 12, 31)
OLDEST_BIRTH = date(1965, 1, 1)


@dataclass
class AssignmentPlan:
    unit: str
    title: str
    start: date
    end: date | None
    decree: str


@dataclass
class EmployeePlan:
    nip: str
    employment_type: str
    gelar_depan: str
    name: str
    gelar_belakang: str
    gender: str
    birth_date: date
    tmt_cpns: date | None
    golongan: str
    status: str
    public_id: str
    assignments: list[AssignmentPlan] = field(default_factory=list)


def _field(title: str, unit: UnitSpec) -> str:
    for word, fld in FIELD_BY_TITLE:
        if word in title:
            return fld
    return unit.study


def _female_share(title: str, jabatan_type: str, fld: str) -> float:
    if "Bidan" in title:
        return 1.0
    if "Perawat" in title or "Keperawatan" in title:
        return 0.75
    if "Guru" in title:
        return 0.68
    masculine = ("Polisi Pamong Praja", "Kebersihan", "Lalu Lintas", "Tanggap Darurat", "Teknik")
    if any(word in title for word in masculine):
        return 0.12
    if jabatan_type == J.JPT:
        return 0.2
    if jabatan_type == J.ADMINISTRATOR:
        return 0.35
    if fld in ("dokter", "dokter_gigi", "kesehatan", "farmasi", "apoteker", "pendidikan"):
        return 0.62
    return 0.45 if jabatan_type == J.PENGAWAS else 0.5


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _years_before(day: date, years: int) -> date:
    return day.replace(year=day.year - years, day=min(day.day, 28))


def _day_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _golongan_step(code: str, steps: int) -> str:
    return PNS_ORDER[min(PNS_ORDER.index(code) + steps, len(PNS_ORDER) - 1)]


class Generator:
    """Draw the demo city's employees; every draw comes from the one seeded generator."""

    def __init__(self, *, seed: int, employees: int):
        self.rng = random.Random(seed)
        self.total = employees
        self.units = build_units()
        self.by_code = {unit.code: unit for unit in self.units}
        self.nips: set[str] = set()
        self.public_ids: set[str] = set()
        # Earlier posts come from positions of the same kind elsewhere (no head posts: each
        # head is one person, and a history must not put two people in one head's chair).
        self.elsewhere: dict[str, list[tuple[str, str]]] = {}
        self.by_title: dict[str, list[str]] = {}
        for unit in self.units:
            for position in unit.structural + unit.staff:
                self.elsewhere.setdefault(position.jabatan_type, []).append(
                    (unit.code, position.title)
                )
                self.by_title.setdefault(position.title, []).append(unit.code)

    # -- who sits where

    def quotas(self, count: int) -> dict[str, int]:
        """Spread `count` people over the staffed units by weight (largest remainder)."""
        staffed = [unit for unit in self.units if unit.head]
        floor = 1 if count >= len(staffed) else 0
        spare = count - floor * len(staffed)
        total_weight = sum(unit.weight for unit in staffed)
        shares = {unit.code: spare * unit.weight / total_weight for unit in staffed}
        quotas = {code: floor + int(share) for code, share in shares.items()}
        left = count - sum(quotas.values())
        for code in sorted(shares, key=lambda c: (int(shares[c]) - shares[c], c))[:left]:
            quotas[code] += 1
        return quotas

    def slots(self, count: int) -> list[tuple[UnitSpec, PositionSpec]]:
        slots = []
        for code, quota in self.quotas(count).items():
            unit = self.by_code[code]
            if quota == 0:
                continue
            slots.append((unit, unit.head))
            # Small demo runs leave some structural posts vacant rather than staff none.
            leaders = min(len(unit.structural), round((quota - 1) * 0.35))
            slots.extend((unit, position) for position in unit.structural[:leaders])
            rest = quota - 1 - leaders
            weights = [position.weight for position in unit.staff]
            slots.extend((unit, p) for p in self.rng.choices(unit.staff, weights, k=rest))
        return slots

    # -- people

    def employees(self) -> list[EmployeePlan]:
        retired = round(self.total * RETIRED_SHARE) if self.total >= 20 else 0
        slots = self.slots(self.total - retired)
        eligible = [i for i, (_, p) in enumerate(slots) if p.level in PPPK_LEVELS and
                    p.jabatan_type not in (J.PENGAWAS, J.ADMINISTRATOR, J.JPT)]  # fmt: skip
        target = min(len(eligible), round(self.total * PPPK_SHARE))
        pppk = set(self.rng.sample(eligible, target))
        people = [
            self.active(unit, position, pppk=i in pppk) for i, (unit, position) in enumerate(slots)
        ]
        # Retirees held staff posts, so no history shows two people in one structural chair.
        staff_slots = [(u, p) for u, p in slots if p.jabatan_type == J.PELAKSANA
                       or p.jabatan_type.startswith("fungsional")]  # fmt: skip
        people.extend(self.retired(*self.rng.choice(staff_slots)) for _ in range(retired))
        return people

    def active(self, unit: UnitSpec, position: PositionSpec, *, pppk: bool) -> EmployeePlan:
        rng = self.rng
        career = CAREERS[(position.jabatan_type, position.level)]
        fld = _field(position.title, unit)
        gender = (
            Gender.FEMALE
            if rng.random() < _female_share(position.title, position.jabatan_type, fld)
            else Gender.MALE
        )
        education = self._education(career, fld, position)
        if pppk:
            intake = rng.choice(PPPK_INTAKES)
            birth = _day_between(
                rng, max(_years_before(intake, 50), ACTIVE_BORN_AFTER + timedelta(days=1)),
                min(_years_before(intake, 24), YOUNGEST_BIRTH),
            )  # fmt: skip
            person = self._person(
                gender=gender, birth=birth, tmt=None, education=education, fld=fld,
                unit=unit, golongan=PPPK_GOLONGAN_BY_EDUCATION[education], intake=intake,
            )  # fmt: skip
            entry = intake
        else:
            age = rng.randint(*career.age)
            birth = _years_before(REFERENCE_DATE, age + 1) + timedelta(days=rng.randint(1, 364))
            birth = min(max(birth, ACTIVE_BORN_AFTER + timedelta(days=1)), YOUNGEST_BIRTH)
            tmt = self._tmt_cpns(birth, education, career.min_service)
            person = self._person(
                gender=gender, birth=birth, tmt=tmt, education=education, fld=fld, unit=unit,
                golongan=self._pns_golongan(education, tmt, career),
            )  # fmt: skip
            entry = tmt
        structural = position.jabatan_type in (J.JPT, J.ADMINISTRATOR, J.PENGAWAS)
        horizon = 6 if structural else 12
        start = _day_between(
            rng, max(entry, _years_before(REFERENCE_DATE, horizon)),
            REFERENCE_DATE - timedelta(days=30),
        )  # fmt: skip
        if not pppk and (start - entry).days > 3 * 365 and rng.random() < PREVIOUS_POST_SHARE:
            earlier = self._earlier_post(unit, position)
            if earlier:
                before = _day_between(rng, entry, start - timedelta(days=2 * 365))
                person.assignments.append(
                    AssignmentPlan(
                        *earlier, before, start - timedelta(days=1), self._decree(before)
                    )
                )
        person.assignments.append(
            AssignmentPlan(unit.code, position.title, start, None, self._decree(start))
        )
        return person

    def retired(self, unit: UnitSpec, position: PositionSpec) -> EmployeePlan:
        rng = self.rng
        career = CAREERS[(position.jabatan_type, position.level)]
        fld = _field(position.title, unit)
        gender = Gender.FEMALE if rng.random() < 0.45 else Gender.MALE
        education = self._education(career, fld, position)
        birth = _day_between(rng, OLDEST_BIRTH, ACTIVE_BORN_AFTER)
        tmt = self._tmt_cpns(birth, education, career.min_service)
        person = self._person(
            gender=gender, birth=birth, tmt=tmt, education=education, fld=fld, unit=unit,
            golongan=self._pns_golongan(education, tmt, career, until=_years_before(birth, -58)),
            status=EmployeeStatus.RETIRED,
        )  # fmt: skip
        # Retirement (BUP 58) takes effect on the first day of the month after the birthday.
        birthday = _years_before(birth, -58).replace(day=1)
        last_day = date(birthday.year + birthday.month // 12, birthday.month % 12 + 1, 1)
        last_day -= timedelta(days=1)
        start = _day_between(rng, max(tmt, _years_before(last_day, 12)),
                             _years_before(last_day, 3))  # fmt: skip
        person.assignments.append(
            AssignmentPlan(unit.code, position.title, start, last_day, self._decree(start))
        )
        return person

    def _education(self, career: Career, fld: str, position: PositionSpec) -> str:
        weights = list(career.education)
        professions = ("dokter", "dokter_gigi", "dokter_hewan", "apoteker", "pendidikan")
        if fld in professions and position.jabatan_type not in (
            J.PELAKSANA,
            J.FUNGSIONAL_KETERAMPILAN,
        ):
            weights = [0, 0, 0, 0, max(weights[4], 1), weights[5]]
        if "Polisi Pamong Praja Terampil" in position.title or "Kebersihan" in position.title:
            weights = [0, 2, 8, 1, 0, 0]
        return self.rng.choices(EDUCATION, weights)[0]

    def _tmt_cpns(self, birth: date, education: str, min_service: int) -> date:
        earliest_age = {"sd": 19, "smp": 19, "sma": 20, "d3": 22, "s1": 23, "s2": 25}[education]
        latest_age = min(35, _age_on(birth, REFERENCE_DATE) - min_service)
        age = self.rng.randint(earliest_age, max(earliest_age, latest_age))
        tmt = date(birth.year + age, self.rng.randint(1, 12), 1)
        # The youngest may only just have been appointed; never after the reference date.
        return min(tmt, date(REFERENCE_DATE.year - 1, 3, 1))

    def _pns_golongan(self, education, tmt, career, *, until=REFERENCE_DATE) -> str:
        steps = max(0, _age_on(tmt, until)) // 4  # a regular promotion every four years
        code = _golongan_step(PNS_START[education], steps)
        low, high = (PNS_ORDER.index(g) for g in career.golongan)
        return PNS_ORDER[min(max(PNS_ORDER.index(code), low), high)]

    def _person(self, *, gender, birth, tmt, education, fld, unit, golongan, intake=None,
                status=EmployeeStatus.ACTIVE) -> EmployeePlan:  # fmt: skip
        rng = self.rng
        depan, belakang = _gelar(rng, education, fld, gender, birth.year, unit.kind)
        name = _name(rng, gender, birth.year)
        if tmt is None:
            nip = self._unique_nip(lambda seq: f"{birth:%Y%m%d}{intake:%Y}21"
                                   f"{1 if gender == Gender.MALE else 2}{seq:03d}")  # fmt: skip
            employment_type = EmploymentType.PPPK
        else:
            nip = self._unique_nip(lambda seq: compose_pns_nip(birth, tmt, gender, seq))
            employment_type = EmploymentType.PNS
        return EmployeePlan(
            nip=nip, employment_type=employment_type, gelar_depan=depan, name=name,
            gelar_belakang=belakang, gender=gender, birth_date=birth, tmt_cpns=tmt,
            golongan=golongan, status=status, public_id=self._public_id(),
        )  # fmt: skip

    def _unique_nip(self, compose) -> str:
        seq = self.rng.randint(1, 9)
        while (nip := compose(seq)) in self.nips:
            seq = seq % 999 + 1  # the sequence has three digits and is never 000
        self.nips.add(nip)
        return nip

    def _public_id(self) -> str:
        while True:
            public_id = "".join(self.rng.choices(PUBLIC_ID_ALPHABET, k=PUBLIC_ID_LENGTH))
            if public_id not in self.public_ids:
                self.public_ids.add(public_id)
                return public_id

    def _earlier_post(self, unit: UnitSpec, position: PositionSpec) -> tuple[str, str] | None:
        if position.jabatan_type.startswith("fungsional"):
            others = [code for code in self.by_title[position.title] if code != unit.code]
            return (self.rng.choice(others), position.title) if others else None
        # One rung down the structural ladder, in another unit.
        below = {J.JPT: J.ADMINISTRATOR, J.ADMINISTRATOR: J.PENGAWAS, J.PENGAWAS: J.PELAKSANA}
        pool = self.elsewhere[below.get(position.jabatan_type, J.PELAKSANA)]
        for _ in range(10):
            code, title = self.rng.choice(pool)
            if code != unit.code:
                return code, title
        return None

    def _decree(self, start: date) -> str:
        return f"821.2/{self.rng.randint(1, 999):03d}/BKPSDM/{start.year}"


# --------------------------------------------------------------------------- writing


@dataclass(frozen=True)
class DemoUser:
    username: str
    group: str | None
    scope: str | None
    superuser: bool = False


DEMO_USERS = (
    DemoUser("admin", None, None, superuser=True),
    DemoUser("verifikator", roles.VERIFIER, ROOT_CODE),
    DemoUser("evaluator.dinkes", roles.EVALUATOR, "dinkes"),
    DemoUser("moderator", roles.MODERATOR, ROOT_CODE),
    DemoUser("responder.diskominfo", roles.UNIT_RESPONDER, "diskominfo"),
)


@dataclass
class SeedResult:
    units: int = 0
    positions: int = 0
    employees: int = 0
    assignments: int = 0
    users: int = 0

    def summary(self) -> str:
        return (
            f"Demo: {self.units} unit baru, {self.positions} jabatan baru, "
            f"{self.employees} pegawai baru, {self.assignments} penempatan baru, "
            f"{self.users} pengguna baru."
        )


def seed_demo(*, seed: int = DEFAULT_SEED, employees: int = DEFAULT_EMPLOYEES) -> SeedResult:
    """Add the demo organisation, employees and staff users that are not there yet."""
    generator = Generator(seed=seed, employees=employees)
    people = generator.employees()
    result = SeedResult()
    with transaction.atomic():
        units = _write_units(generator.units, result)
        positions = _write_positions(generator.units, units, result)
        _write_employees(people, positions, result)
        _write_users(units, result)
    return result


def _write_units(specs: list[UnitSpec], result: SeedResult) -> dict[str, Unit]:
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[s.code for s in specs])}
    for spec in specs:  # parents come first, so a new child always finds its parent
        if spec.code not in units:
            units[spec.code] = Unit.objects.create(
                code=spec.code,
                name=spec.name,
                kind=spec.kind,
                parent=units[spec.parent] if spec.parent else None,
                order=spec.order,
            )
            result.units += 1
    return units


def _write_positions(specs, units, result) -> dict[tuple[str, str], int]:
    by_id = {unit.pk: code for code, unit in units.items()}
    existing = Position.objects.filter(unit__in=units.values()).values_list(
        "unit_id", "title", "is_head", "pk"
    )
    found = {(by_id[unit_id], title): pk for unit_id, title, _, pk in existing}
    headed = {by_id[unit_id] for unit_id, _, is_head, _ in existing if is_head}
    new = []
    for spec in specs:
        for position in spec.positions:
            if (spec.code, position.title) in found:
                continue
            # A unit that already has another head (real data) keeps it.
            is_head = position is spec.head and spec.code not in headed
            new.append(
                Position(
                    unit=units[spec.code],
                    title=position.title,
                    jabatan_type=position.jabatan_type,
                    level=position.level,
                    is_head=is_head,
                )
            )
    Position.objects.bulk_create(new)
    result.positions = len(new)
    found.update({(by_id[p.unit_id], p.title): p.pk for p in new})
    return found


def _write_employees(people: list[EmployeePlan], positions, result: SeedResult) -> None:
    present = set(
        Employee.objects.filter(nip__in=[p.nip for p in people]).values_list("nip", flat=True)
    )
    people = [person for person in people if person.nip not in present]
    employees = Employee.objects.bulk_create(
        [
            Employee(
                nip=p.nip,
                employment_type=p.employment_type,
                gelar_depan=p.gelar_depan,
                name=p.name,
                gelar_belakang=p.gelar_belakang,
                gender=p.gender,
                birth_date=p.birth_date,
                tmt_cpns=p.tmt_cpns,
                golongan=p.golongan,
                status=p.status,
                public_id=p.public_id,
            )
            for p in people
        ],
        batch_size=1000,
    )
    assignments = [
        Assignment(
            employee=employee,
            position_id=positions[(a.unit, a.title)],
            start=a.start,
            end=a.end,
            is_primary=True,
            decree=a.decree,
        )
        for person, employee in zip(people, employees, strict=True)
        for a in person.assignments
    ]
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    result.employees, result.assignments = len(employees), len(assignments)


def _write_users(units: dict[str, Unit], result: SeedResult) -> None:
    User = get_user_model()
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(
                username=spec.username,
                is_staff=True,
                is_superuser=spec.superuser,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            result.users += 1
        if spec.group:
            user.groups.add(Group.objects.get(name=spec.group))
        if spec.scope:
            StaffScope.objects.get_or_create(user=user, unit=units[spec.scope])
