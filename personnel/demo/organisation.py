"""The demo city's organisation: the real unit tree of Pemerintah Kota Tanjungpinang, and the
positions each kind of unit has."""

from dataclasses import dataclass, replace

from personnel.choices import (
    JabatanLevel,
    JabatanType,
    UnitKind,
)

ROOT_CODE = "pemkot"

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
