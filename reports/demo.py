"""Demo performance reports (SKP) for the demo city's ASN.

Planning and writing are separate, as in personnel.demo: `plan_reports` is a pure function of
the seed and of who held which post at each period's end, and every random draw comes from a
generator seeded with the seed and stable keys (NIP, unit code, period code), never with a
database id, so the same seed and the same staff give the same reports in any database.
`seed_reports` then writes only what is missing: a second run adds nothing.

The database enforces the report workflow, so the writer inserts reports as drafts, inserts
their indicators and behaviour ratings, and then moves the statuses along the allowed path
(draft → submitted → approved → published → superseded/withdrawn) with set-based UPDATEs.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache

import pghistory
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from personnel.choices import JabatanType, UnitKind
from personnel.models import Assignment, Unit
from reports.choices import (
    PREDIKAT_MATRIX,
    Aspect,
    BerAkhlak,
    IndicatorKind,
    OrganisationPredikat,
    PeriodKind,
    Predikat,
    Rating,
    ReportStatus,
)
from reports.models import (
    BehaviourRating,
    Indicator,
    Period,
    Report,
    UnitRating,
    Withholding,
    period_bounds,
    period_code,
)

DEFAULT_SEED = 1784

# A fixed "today" for the demo: which periods have ended, which are still being evaluated and
# every workflow date follow from it, so the same seed gives the same data whatever day it runs.
# (personnel.demo.people.REFERENCE_DATE, 1 January 2026, is too early: the demo shows 2026's
# evaluations up to October.) No assignment of the demo city starts or ends after it.
DEMO_TODAY = date(2026, 11, 29)
FIRST_YEAR = 2025

# Monthly evaluation is piloted by a few OPDs only (PermenPANRB 6/2022 leaves the rhythm of the
# periodic evaluation to the agency); the others evaluate per quarter and per year. Only the
# latest months get reports, which keeps the demo at about 42,000 reports for 5,000 ASN.
MONTHLY_PILOT = ("dinkes", "rsud", "bkpsdm", "diskominfo", "inspektorat")
MONTHS_WITH_REPORTS = 2

# Share of each predikat across the city, before each unit's own tilt.
PREDIKAT_SHARES = {
    Predikat.SANGAT_BAIK: 0.17,
    Predikat.BAIK: 0.72,
    Predikat.BUTUH_PERBAIKAN: 0.08,
    Predikat.KURANG: 0.02,
    Predikat.SANGAT_KURANG: 0.01,
}
KEEP_RATING = 0.8  # chance that an employee's predikat in a period is their usual one
ORGANISATION_SHARES = {
    OrganisationPredikat.ISTIMEWA: 0.12,
    OrganisationPredikat.BAIK: 0.76,
    OrganisationPredikat.BUTUH_PERBAIKAN: 0.12,
}
CORRECTED_SHARE = 0.01
WITHDRAWN_SHARE = 0.005
NOTES_SHARE = 0.35
TAMBAHAN_SHARE = 0.15
# How far the evaluation of a period still open has come: (status, share).
IN_PROGRESS_MIX = {
    "latest_quarter": (
        (ReportStatus.PUBLISHED, 0.55),
        (ReportStatus.APPROVED, 0.2),
        (ReportStatus.SUBMITTED, 0.15),
        (ReportStatus.DRAFT, 0.1),
    ),
    "previous_month": (
        (ReportStatus.PUBLISHED, 0.75),
        (ReportStatus.APPROVED, 0.1),
        (ReportStatus.SUBMITTED, 0.1),
        (ReportStatus.DRAFT, 0.05),
    ),
    "latest_month": (
        (ReportStatus.PUBLISHED, 0.25),
        (ReportStatus.APPROVED, 0.25),
        (ReportStatus.SUBMITTED, 0.25),
        (ReportStatus.DRAFT, 0.25),
    ),
}
STATUS_ORDER = (
    ReportStatus.DRAFT,
    ReportStatus.SUBMITTED,
    ReportStatus.APPROVED,
    ReportStatus.PUBLISHED,
)

ALL_STEPS = (ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED)

# The demo staff users (personnel.demo.DEMO_USERS) who act in the workflow.
ADMIN_USER = "admin"
VERIFIER_USER = "verifikator"
EVALUATOR_USER = ("evaluator.dinkes", "dinkes")  # and the OPD whose reports it handles

# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class PeriodPlan:
    kind: str
    year: int
    number: int
    code: str
    start: date
    end: date
    is_open: bool
    stage: str  # closed, latest_quarter, previous_month, latest_month
    with_reports: bool


def plan_periods(today: date = DEMO_TODAY) -> list[PeriodPlan]:
    """Every period from FIRST_YEAR that has ended by `today`; the latest month and quarter
    stay open while their evaluation is under way."""
    ended = []
    for year in range(FIRST_YEAR, today.year + 1):
        for kind, count in (
            (PeriodKind.ANNUAL, 1),
            (PeriodKind.QUARTERLY, 4),
            (PeriodKind.MONTHLY, 12),
        ):
            for number in range(1, count + 1):
                start, end = period_bounds(kind, year, number)
                if end < today:
                    ended.append((kind, year, number, start, end))
    months = sorted((p for p in ended if p[0] == PeriodKind.MONTHLY), key=lambda p: p[4])
    quarters = sorted((p for p in ended if p[0] == PeriodKind.QUARTERLY), key=lambda p: p[4])
    stages = {}
    if quarters:
        stages[quarters[-1][4], PeriodKind.QUARTERLY] = "latest_quarter"
    if months:
        stages[months[-1][4], PeriodKind.MONTHLY] = "latest_month"
    if len(months) > 1:
        stages[months[-2][4], PeriodKind.MONTHLY] = "previous_month"
    reported_months = {p[4] for p in months[-MONTHS_WITH_REPORTS:]}
    plans = []
    for kind, year, number, start, end in ended:
        stage = stages.get((end, kind), "closed")
        plans.append(
            PeriodPlan(
                kind=kind,
                year=year,
                number=number,
                code=period_code(kind, year, number),
                start=start,
                end=end,
                is_open=stage in ("latest_quarter", "latest_month"),
                stage=stage,
                with_reports=kind != PeriodKind.MONTHLY or end in reported_months,
            )
        )
    return plans


# --------------------------------------------------------------------------- staff


@dataclass(frozen=True)
class Holder:
    """An employee's primary post at a period's end, with the evaluators above it."""

    nip: str
    employee_id: int
    unit: str  # unit code
    unit_id: int
    unit_name: str
    unit_kind: str
    top: str  # the OPD: the unit's ancestor directly under the Pemerintah Kota
    position_id: int
    position_title: str
    jabatan_type: str
    is_head: bool
    golongan: str
    evaluator_id: int | None
    evaluator_superior_id: int | None


@dataclass(frozen=True)
class Staff:
    """Who held which post at the end of each period (keyed by period code), and the OPDs."""

    by_period: dict[str, list[Holder]]
    opds: list[tuple[str, str, int]]  # (code, name, id) of the units under the root


def load_staff(periods: list[PeriodPlan]) -> Staff:
    """Read, in two queries, every employee's primary post at the end of each period."""
    units = {
        pk: (code, name, kind, parent_id)
        for pk, code, name, kind, parent_id in Unit.objects.values_list(
            "pk", "code", "name", "kind", "parent_id"
        )
    }
    roots = {pk for pk, (*_, parent_id) in units.items() if parent_id is None}

    def opd_of(unit_id):
        while units[unit_id][3] is not None and units[unit_id][3] not in roots:
            unit_id = units[unit_id][3]
        return unit_id

    rows = list(
        Assignment.objects.filter(is_primary=True)
        .order_by("employee__nip", "start")
        .values_list(
            "employee_id",
            "employee__nip",
            "employee__golongan",
            "position_id",
            "position__title",
            "position__jabatan_type",
            "position__is_head",
            "position__unit_id",
            "start",
            "end",
        )
    )
    by_period = {}
    for period in periods:
        if not period.with_reports:
            continue
        day = period.end
        current = [r for r in rows if r[8] <= day and (r[9] is None or r[9] >= day)]
        heads = {}
        for r in current:  # the lowest NIP wins should real data seat two heads
            if r[6] and (r[7] not in heads or r[1] < heads[r[7]][1]):
                heads[r[7]] = (r[0], r[1])

        holders = []
        for (
            employee_id,
            nip,
            golongan,
            position_id,
            title,
            jabatan,
            is_head,
            unit_id,
            *_,
        ) in current:
            evaluator, evaluator_unit = _head_above(units, heads, unit_id, is_head)
            superior = _head_above(units, heads, evaluator_unit, True)[0] if evaluator else None
            code, name, kind, _ = units[unit_id]
            holders.append(
                Holder(
                    nip=nip,
                    employee_id=employee_id,
                    unit=code,
                    unit_id=unit_id,
                    unit_name=name,
                    unit_kind=kind,
                    top=units[opd_of(unit_id)][0],
                    position_id=position_id,
                    position_title=title,
                    jabatan_type=jabatan,
                    is_head=is_head,
                    golongan=golongan,
                    evaluator_id=evaluator,
                    evaluator_superior_id=superior,
                )
            )
        by_period[period.code] = holders
    opds = sorted(
        (code, name, pk)
        for pk, (code, name, _, parent_id) in units.items()
        if parent_id in roots and units[parent_id][2] == UnitKind.PEMERINTAH_KOTA
    )
    return Staff(by_period=by_period, opds=opds)


def _head_above(units, heads, unit_id, is_head) -> tuple[int | None, int | None]:
    """Who evaluates the holder of a post: the head of their unit, or of its parent when they
    head it themselves; with that head's unit. (None, None) when the chair is empty."""
    if is_head:
        unit_id = units[unit_id][3]
    if unit_id is None or unit_id not in heads:
        return None, None
    return heads[unit_id][0], unit_id


# --------------------------------------------------------------------------- texts
# Each RHK: (rencana hasil kerja, indikator kinerja individu, aspect, measure). Measures:
# ("n", low, high, noun) a count per month, scaled to the period; ("pct", target);
# ("time", target); ("score", target, unit); ("zero", noun) where the target is none at all.

A = Aspect
OFFICE = (
    ("Terlaksananya pelayanan administrasi persuratan {unit}",
     "Jumlah surat masuk dan keluar yang diagendakan dan didistribusikan", A.KUANTITAS,
     ("n", 40, 90, "surat")),
    ("Terkelolanya administrasi kepegawaian dan barang persediaan {unit}",
     "Jumlah laporan persediaan dan kepegawaian yang disampaikan", A.KUANTITAS,
     ("n", 1, 2, "laporan")),
    ("Terlaksananya pelayanan kepada pemohon dan tamu {unit}",
     "Persentase permohonan yang ditindaklanjuti sesuai SOP", A.KUALITAS, ("pct", 95)),
    ("Tersedianya bahan rapat dan dokumentasi kegiatan pimpinan",
     "Bahan rapat tersedia sebelum rapat dimulai", A.WAKTU, ("time", "H-1 sebelum rapat")),
    ("Tertibnya pengarsipan dokumen {unit}",
     "Jumlah berkas yang diarsipkan sesuai klasifikasi", A.KUANTITAS, ("n", 30, 60, "berkas")),
)  # fmt: skip
DATA = (
    ("Tersedianya data dan informasi {unit} yang mutakhir",
     "Jumlah laporan rekapitulasi data yang disusun", A.KUANTITAS, ("n", 2, 4, "laporan")),
    ("Termutakhirkannya data pada aplikasi SIPD dan aplikasi sektoral",
     "Persentase data yang dimutakhirkan tepat waktu", A.WAKTU, ("pct", 100)),
    ("Tersajinya data statistik sektoral {unit}",
     "Tingkat akurasi data setelah verifikasi", A.KUALITAS, ("pct", 98)),
)  # fmt: skip
KEUANGAN = (
    ("Tersusunnya laporan keuangan {unit}",
     "Jumlah laporan keuangan bulanan yang disusun", A.KUANTITAS, ("n", 1, 1, "laporan")),
    ("Tersampaikannya laporan realisasi anggaran tepat waktu",
     "Laporan realisasi anggaran disampaikan ke BPKAD", A.WAKTU,
     ("time", "paling lambat tanggal 10 bulan berikutnya")),
    ("Terverifikasinya dokumen pertanggungjawaban keuangan (SPJ)",
     "Jumlah SPJ yang diverifikasi sesuai ketentuan", A.KUANTITAS, ("n", 20, 45, "dokumen SPJ")),
    ("Terkendalinya realisasi anggaran {unit}",
     "Persentase realisasi anggaran terhadap rencana penarikan dana", A.BIAYA, ("pct", 90)),
    ("Laporan keuangan yang andal", "Koreksi BPK atas laporan keuangan {unit}", A.KUALITAS,
     ("zero", "koreksi material")),
)  # fmt: skip
PERENCANAAN = (
    ("Tersusunnya dokumen perencanaan {unit} (Renja dan RKA)",
     "Jumlah dokumen perencanaan yang disusun", A.KUANTITAS, ("n", 0.34, 0.5, "dokumen")),
    ("Tersusunnya laporan evaluasi pelaksanaan Renja",
     "Laporan evaluasi disampaikan ke Bappelitbangda", A.WAKTU,
     ("time", "paling lambat 10 hari setelah triwulan berakhir")),
    ("Selarasnya program {unit} dengan RPJMD",
     "Persentase indikator program yang selaras dengan RPJMD", A.KUALITAS, ("pct", 100)),
)  # fmt: skip
KEPEGAWAIAN = (
    ("Terlaksananya pelayanan administrasi kepegawaian ASN Kota Tanjungpinang",
     "Jumlah usulan kenaikan pangkat, pensiun dan mutasi yang diproses", A.KUANTITAS,
     ("n", 20, 45, "usulan")),
    ("Terselesaikannya layanan kepegawaian sesuai standar waktu",
     "Persentase layanan yang selesai dalam standar waktu layanan", A.WAKTU, ("pct", 95)),
    ("Termutakhirkannya data ASN pada SIASN", "Persentase data ASN yang valid", A.KUALITAS,
     ("pct", 98)),
    ("Terlaksananya penilaian kinerja ASN", "Jumlah dokumen SKP yang diverifikasi", A.KUANTITAS,
     ("n", 40, 80, "dokumen SKP")),
)  # fmt: skip
HUKUM = (
    ("Tersusunnya rancangan produk hukum daerah",
     "Jumlah rancangan Perda/Perwako yang diharmonisasi", A.KUANTITAS, ("n", 0.5, 1.5, "naskah")),
    ("Tersusunnya kajian kebijakan {unit}", "Jumlah naskah kajian yang diselesaikan",
     A.KUANTITAS, ("n", 0.34, 0.67, "naskah kajian")),
    ("Berkualitasnya telaahan staf untuk pimpinan",
     "Persentase telaahan yang diterima pimpinan tanpa perbaikan", A.KUALITAS, ("pct", 85)),
)  # fmt: skip
TI = (
    ("Tersedianya layanan jaringan dan aplikasi {unit}",
     "Persentase ketersediaan layanan (uptime)", A.KUALITAS, ("pct", 99)),
    ("Tertanganinya gangguan perangkat dan aplikasi",
     "Jumlah tiket gangguan yang diselesaikan", A.KUANTITAS, ("n", 10, 25, "tiket")),
    ("Terselesaikannya gangguan tepat waktu", "Rata-rata waktu penyelesaian gangguan",
     A.WAKTU, ("time", "≤ 1 hari kerja")),
    ("Amannya sistem informasi Pemerintah Kota",
     "Insiden keamanan siber yang tidak tertangani", A.KUALITAS, ("zero", "insiden")),
)  # fmt: skip
HUMAS = (
    ("Terpublikasikannya informasi kegiatan pemerintah daerah",
     "Jumlah konten publikasi di laman dan media sosial resmi", A.KUANTITAS,
     ("n", 10, 25, "konten")),
    ("Terkelolanya aduan masyarakat melalui SP4N-LAPOR!",
     "Persentase aduan yang ditindaklanjuti dalam 5 hari kerja", A.WAKTU, ("pct", 90)),
    ("Terlayaninya permohonan informasi publik (PPID)",
     "Jumlah permohonan informasi yang dijawab dalam 10 hari kerja", A.KUANTITAS,
     ("n", 3, 8, "permohonan")),
)  # fmt: skip
ARSIP = (
    ("Tertatanya arsip dinamis {unit}", "Jumlah berkas arsip yang ditata dan didaftar",
     A.KUANTITAS, ("n", 80, 150, "berkas")),
    ("Tersedianya daftar arsip aktif yang mutakhir", "Daftar arsip aktif dimutakhirkan",
     A.WAKTU, ("time", "setiap akhir bulan")),
    ("Terlayaninya peminjaman arsip", "Persentase permintaan arsip yang ditemukan kembali",
     A.KUALITAS, ("pct", 98)),
)  # fmt: skip
PUSTAKA = (
    ("Terlaksananya layanan perpustakaan umum daerah", "Jumlah pemustaka yang dilayani",
     A.KUANTITAS, ("n", 300, 600, "pemustaka")),
    ("Terolahnya bahan pustaka", "Jumlah bahan pustaka yang diolah dan dikatalogkan",
     A.KUANTITAS, ("n", 60, 120, "eksemplar")),
    ("Meningkatnya minat baca masyarakat", "Jumlah kegiatan literasi yang diselenggarakan",
     A.KUANTITAS, ("n", 1, 2, "kegiatan")),
)  # fmt: skip
AUDIT = (
    ("Terlaksananya audit kinerja atas perangkat daerah",
     "Jumlah laporan hasil pemeriksaan (LHP) yang diselesaikan", A.KUANTITAS,
     ("n", 0.5, 1, "LHP")),
    ("Terpantaunya tindak lanjut rekomendasi hasil pemeriksaan",
     "Persentase rekomendasi yang telah ditindaklanjuti", A.KUALITAS, ("pct", 85)),
    ("Terlaksananya reviu laporan keuangan pemerintah daerah",
     "Laporan hasil reviu disampaikan kepada Wali Kota", A.WAKTU,
     ("time", "sesuai jadwal PKPT")),
    ("Terlaksananya pengawasan penyelenggaraan urusan pemerintahan",
     "Jumlah kegiatan pemantauan dan evaluasi yang dilaksanakan", A.KUANTITAS,
     ("n", 1, 2, "kegiatan")),
    ("Efisiennya penggunaan anggaran pengawasan", "Persentase realisasi anggaran PKPT",
     A.BIAYA, ("pct", 95)),
)  # fmt: skip
SATPOL = (
    ("Terlaksananya patroli ketenteraman dan ketertiban umum",
     "Jumlah kegiatan patroli wilayah yang dilaksanakan", A.KUANTITAS,
     ("n", 12, 20, "kegiatan patroli")),
    ("Tertegakkannya Peraturan Daerah", "Jumlah kegiatan penertiban pelanggaran Perda",
     A.KUANTITAS, ("n", 2, 5, "kegiatan")),
    ("Terlaksananya pengamanan kegiatan pemerintah daerah",
     "Persentase kegiatan yang diamankan tanpa gangguan", A.KUALITAS, ("pct", 100)),
    ("Tertanganinya pengaduan gangguan trantibum",
     "Pengaduan ditindaklanjuti di lapangan", A.WAKTU, ("time", "≤ 1 × 24 jam")),
)  # fmt: skip
GURU = (
    ("Terlaksananya pembelajaran yang berkualitas", "Jumlah jam tatap muka yang terlaksana",
     A.KUANTITAS, ("n", 96, 96, "JP")),
    ("Tersusunnya perangkat ajar Kurikulum Merdeka", "Jumlah modul ajar yang disusun",
     A.KUANTITAS, ("n", 1, 2, "modul ajar")),
    ("Meningkatnya capaian belajar peserta didik",
     "Persentase peserta didik yang mencapai KKTP", A.KUALITAS, ("pct", 80)),
    ("Terlaksananya asesmen pembelajaran", "Nilai hasil asesmen diunggah ke rapor digital",
     A.WAKTU, ("time", "sesuai kalender pendidikan")),
)  # fmt: skip
SUPERVISI = (
    ("Terlaksananya supervisi akademik satuan pendidikan",
     "Jumlah satuan pendidikan binaan yang disupervisi", A.KUANTITAS,
     ("n", 3, 6, "satuan pendidikan")),
    ("Meningkatnya mutu satuan pendidikan binaan",
     "Persentase satuan pendidikan binaan yang memenuhi SNP", A.KUALITAS, ("pct", 75)),
    ("Tersusunnya laporan hasil pengawasan", "Laporan pengawasan disampaikan ke Kepala Dinas",
     A.WAKTU, ("time", "setiap akhir semester")),
)  # fmt: skip
DOKTER = (
    ("Terlaksananya pelayanan medis di {unit}", "Jumlah pasien yang dilayani sesuai standar",
     A.KUANTITAS, ("n", 250, 420, "pasien")),
    ("Terdokumentasinya rekam medis pasien", "Persentase rekam medis yang lengkap dalam 1 × 24 jam",
     A.KUALITAS, ("pct", 100)),
    ("Rujukan pasien yang tepat", "Persentase rujukan sesuai indikasi medis", A.KUALITAS,
     ("pct", 95)),
    ("Terlayaninya pasien gawat darurat", "Waktu tanggap pelayanan gawat darurat",
     A.WAKTU, ("time", "≤ 5 menit")),
)  # fmt: skip
PERAWAT = (
    ("Terlaksananya asuhan keperawatan di {unit}",
     "Jumlah pasien yang mendapat asuhan keperawatan", A.KUANTITAS, ("n", 60, 120, "pasien")),
    ("Terdokumentasinya asuhan keperawatan", "Persentase dokumentasi asuhan keperawatan lengkap",
     A.KUALITAS, ("pct", 100)),
    ("Terjaminnya keselamatan pasien", "Kejadian pasien jatuh dan kesalahan pemberian obat",
     A.KUALITAS, ("zero", "kejadian")),
    ("Terlaksananya edukasi kesehatan kepada pasien dan keluarga",
     "Jumlah sesi edukasi yang diberikan", A.KUANTITAS, ("n", 8, 16, "sesi")),
)  # fmt: skip
BIDAN = (
    ("Terlaksananya pelayanan antenatal (ANC) terpadu",
     "Jumlah kunjungan ibu hamil yang dilayani sesuai standar", A.KUANTITAS,
     ("n", 20, 45, "kunjungan")),
    ("Meningkatnya persalinan oleh tenaga kesehatan di fasilitas kesehatan",
     "Persentase persalinan di fasilitas kesehatan", A.KUALITAS, ("pct", 95)),
    ("Terlaksananya kunjungan nifas dan neonatal", "Jumlah kunjungan nifas yang dilaksanakan",
     A.KUANTITAS, ("n", 8, 20, "kunjungan")),
    ("Terlaksananya imunisasi dasar lengkap",
     "Persentase bayi yang mendapat imunisasi dasar lengkap", A.KUALITAS, ("pct", 95)),
)  # fmt: skip
FARMASI = (
    ("Terlaksananya pelayanan kefarmasian di {unit}", "Jumlah lembar resep yang dilayani",
     A.KUANTITAS, ("n", 600, 1200, "lembar resep")),
    ("Cepatnya pelayanan obat", "Waktu tunggu pelayanan obat jadi", A.WAKTU,
     ("time", "≤ 30 menit")),
    ("Tersedianya obat esensial", "Persentase ketersediaan obat esensial", A.KUALITAS,
     ("pct", 95)),
    ("Terkendalinya obat kedaluwarsa", "Nilai obat kedaluwarsa terhadap total persediaan",
     A.BIAYA, ("pct", 2)),
)  # fmt: skip
PENUNJANG = (
    ("Terlaksananya pemeriksaan penunjang medis di {unit}",
     "Jumlah pemeriksaan yang dilakukan sesuai standar", A.KUANTITAS,
     ("n", 150, 400, "pemeriksaan")),
    ("Tersedianya hasil pemeriksaan tepat waktu", "Waktu penyerahan hasil pemeriksaan",
     A.WAKTU, ("time", "≤ 2 jam")),
    ("Terjaminnya mutu hasil pemeriksaan", "Persentase hasil pemeriksaan tanpa pengulangan",
     A.KUALITAS, ("pct", 98)),
)  # fmt: skip
KESMAS = (
    ("Terlaksananya penyuluhan kesehatan masyarakat", "Jumlah kegiatan penyuluhan",
     A.KUANTITAS, ("n", 4, 8, "kegiatan")),
    ("Terpantaunya status gizi balita", "Jumlah balita yang dipantau di posyandu",
     A.KUANTITAS, ("n", 80, 160, "balita")),
    ("Terlaksananya inspeksi kesehatan lingkungan",
     "Jumlah tempat pengelolaan pangan yang diinspeksi", A.KUANTITAS, ("n", 8, 15, "tempat")),
    ("Tertanganinya kasus penyakit menular", "Persentase kasus yang diselidiki dalam 1 × 24 jam",
     A.WAKTU, ("pct", 100)),
)  # fmt: skip
TEKNIK = (
    ("Terlaksananya pengawasan pekerjaan konstruksi", "Jumlah paket pekerjaan yang diawasi",
     A.KUANTITAS, ("n", 1, 3, "paket pekerjaan")),
    ("Selesainya pekerjaan fisik sesuai jadwal", "Persentase progres fisik terhadap jadwal",
     A.WAKTU, ("pct", 100)),
    ("Terjaminnya mutu pekerjaan konstruksi", "Temuan ketidaksesuaian spesifikasi teknis",
     A.KUALITAS, ("zero", "temuan")),
    ("Tersusunnya dokumen teknis dan rencana anggaran biaya",
     "Jumlah dokumen perencanaan teknis yang disusun", A.KUANTITAS, ("n", 0.5, 1.5, "dokumen")),
)  # fmt: skip
PENYULUH = (
    ("Terlaksananya penyuluhan kepada kelompok binaan", "Jumlah kegiatan penyuluhan",
     A.KUANTITAS, ("n", 4, 8, "kegiatan")),
    ("Meningkatnya kapasitas kelompok binaan", "Jumlah kelompok binaan yang didampingi",
     A.KUANTITAS, ("n", 3, 6, "kelompok")),
    ("Tersusunnya programa penyuluhan", "Laporan pelaksanaan penyuluhan disampaikan",
     A.WAKTU, ("time", "setiap akhir bulan")),
)  # fmt: skip
SOSIAL = (
    ("Terlaksananya asesmen dan pendampingan penerima bantuan sosial",
     "Jumlah keluarga yang diasesmen dan didampingi", A.KUANTITAS, ("n", 10, 25, "keluarga")),
    ("Termutakhirkannya Data Terpadu Kesejahteraan Sosial (DTKS)",
     "Persentase data usulan yang diverifikasi", A.KUALITAS, ("pct", 95)),
    ("Tertanganinya pengaduan layanan sosial", "Pengaduan ditindaklanjuti", A.WAKTU,
     ("time", "≤ 3 hari kerja")),
)  # fmt: skip
PERIZINAN = (
    ("Terlaksananya pelayanan perizinan berusaha melalui OSS",
     "Jumlah izin dan nonizin yang diterbitkan", A.KUANTITAS, ("n", 30, 70, "izin")),
    ("Terselesaikannya perizinan sesuai standar pelayanan",
     "Persentase izin yang terbit dalam standar waktu", A.WAKTU, ("pct", 95)),
    ("Meningkatnya kepuasan pemohon izin", "Indeks Kepuasan Masyarakat layanan perizinan",
     A.KUALITAS, ("score", 82, "poin")),
)  # fmt: skip
DUKCAPIL = (
    ("Terlaksananya penerbitan dokumen kependudukan",
     "Jumlah dokumen kependudukan yang diterbitkan", A.KUANTITAS, ("n", 200, 400, "dokumen")),
    ("Cepatnya layanan administrasi kependudukan", "Dokumen terbit sejak berkas lengkap",
     A.WAKTU, ("time", "≤ 1 hari kerja")),
    ("Akuratnya database kependudukan", "Persentase data ganda yang diselesaikan",
     A.KUALITAS, ("pct", 100)),
)  # fmt: skip
PENDAPATAN = (
    ("Terdatanya objek pajak daerah", "Jumlah objek pajak yang didata dan dimutakhirkan",
     A.KUANTITAS, ("n", 40, 80, "objek pajak")),
    ("Tertagihnya piutang pajak daerah", "Persentase tunggakan PBB-P2 yang tertagih",
     A.KUANTITAS, ("pct", 40)),
    ("Terlayaninya wajib pajak", "Persentase keberatan pajak diselesaikan tepat waktu",
     A.WAKTU, ("pct", 100)),
)  # fmt: skip
PENGADAAN = (
    ("Terlaksananya pengadaan barang/jasa pemerintah daerah",
     "Jumlah paket pengadaan yang diselesaikan", A.KUANTITAS, ("n", 2, 5, "paket")),
    ("Efisiennya pengadaan barang/jasa", "Persentase efisiensi terhadap pagu paket",
     A.BIAYA, ("pct", 5)),
    ("Terlaksananya pemilihan penyedia sesuai jadwal", "Pemilihan penyedia selesai",
     A.WAKTU, ("time", "sesuai jadwal RUP")),
)  # fmt: skip
KEBERSIHAN = (
    ("Terangkutnya sampah dari TPS ke TPA Ganet", "Jumlah ritase pengangkutan sampah",
     A.KUANTITAS, ("n", 40, 60, "ritase")),
    ("Bersihnya ruas jalan protokol", "Persentase ruas jalan yang disapu sesuai jadwal",
     A.KUALITAS, ("pct", 100)),
    ("Terawatnya sarana kebersihan", "Sarana kebersihan dalam kondisi siap pakai",
     A.KUALITAS, ("pct", 95)),
)  # fmt: skip
LALIN = (
    ("Terkendalinya lalu lintas di persimpangan rawan kemacetan",
     "Jumlah hari piket pengaturan lalu lintas", A.KUANTITAS, ("n", 18, 22, "hari piket")),
    ("Tertibnya perparkiran di tepi jalan umum", "Jumlah titik parkir yang diawasi",
     A.KUANTITAS, ("n", 10, 20, "titik parkir")),
    ("Terlaksananya uji berkala kendaraan bermotor", "Persentase kendaraan wajib uji yang diuji",
     A.KUALITAS, ("pct", 90)),
)  # fmt: skip
KEWILAYAHAN = (
    ("Terlaksananya pelayanan administrasi di {unit}",
     "Jumlah surat keterangan dan surat pengantar yang diterbitkan", A.KUANTITAS,
     ("n", 40, 100, "surat")),
    ("Cepatnya pelayanan surat keterangan", "Surat terbit sejak berkas lengkap", A.WAKTU,
     ("time", "pada hari yang sama")),
    ("Termutakhirkannya data kependudukan dan sosial wilayah",
     "Jumlah laporan data monografi yang disusun", A.KUANTITAS, ("n", 1, 1, "laporan")),
    ("Terlaksananya musyawarah dan kegiatan pemberdayaan masyarakat",
     "Jumlah kegiatan pemberdayaan yang difasilitasi", A.KUANTITAS, ("n", 1, 3, "kegiatan")),
)  # fmt: skip
PIMPINAN = (
    ("Meningkatnya kualitas pelayanan publik {unit}",
     "Indeks Kepuasan Masyarakat terhadap layanan {unit}", A.KUALITAS, ("score", 82, "poin")),
    ("Meningkatnya akuntabilitas kinerja {unit}",
     "Persentase capaian indikator kinerja utama (IKU)", A.KUALITAS, ("pct", 90)),
    ("Terkendalinya pelaksanaan anggaran {unit}", "Persentase realisasi anggaran", A.BIAYA,
     ("pct", 95)),
    ("Tersampaikannya laporan kinerja {unit}", "Laporan kinerja disampaikan kepada Wali Kota",
     A.WAKTU, ("time", "sesuai jadwal")),
    ("Terselesaikannya tindak lanjut temuan pemeriksaan {unit}",
     "Persentase temuan BPK dan Inspektorat yang ditindaklanjuti", A.KUALITAS, ("pct", 90)),
)  # fmt: skip
MANAJERIAL = (
    ("Terlaksananya program dan kegiatan yang dipimpin",
     "Persentase capaian output kegiatan", A.KUANTITAS, ("pct", 95)),
    ("Terkendalinya anggaran kegiatan", "Persentase realisasi anggaran kegiatan", A.BIAYA,
     ("pct", 90)),
    ("Tersusunnya laporan pelaksanaan kegiatan", "Jumlah laporan kegiatan yang disusun",
     A.KUANTITAS, ("n", 1, 1, "laporan")),
    ("Terselesaikannya pekerjaan sesuai jadwal", "Laporan disampaikan kepada pimpinan",
     A.WAKTU, ("time", "paling lambat tanggal 5 bulan berikutnya")),
    ("Terbinanya kinerja pegawai yang dipimpin",
     "Persentase bawahan dengan SKP yang dievaluasi tepat waktu", A.KUALITAS, ("pct", 100)),
)  # fmt: skip
KEBENCANAAN = (
    ("Terlaksananya kesiapsiagaan bencana di kelurahan rawan",
     "Jumlah kegiatan sosialisasi dan simulasi kebencanaan", A.KUANTITAS,
     ("n", 1, 3, "kegiatan")),
    ("Tertanganinya kejadian bencana", "Waktu tanggap darurat sejak laporan diterima",
     A.WAKTU, ("time", "≤ 30 menit")),
    ("Tersedianya logistik kebencanaan", "Persentase logistik siap salur", A.KUALITAS,
     ("pct", 95)),
)  # fmt: skip

# First matching word in the position title picks the RHK set; then the jabatan type.
DOMAINS_BY_TITLE = (
    ("Guru", GURU), ("Pengawas Sekolah", SUPERVISI), ("Penilik", SUPERVISI),
    ("Pamong Belajar", GURU), ("Dokter", DOKTER), ("Perawat", PERAWAT), ("Bidan", BIDAN),
    ("Apoteker", FARMASI), ("Laboratorium", PENUNJANG), ("Radiografer", PENUNJANG),
    ("Elektromedis", PENUNJANG), ("Fisioterapis", PENUNJANG), ("Perekam Medis", PENUNJANG),
    ("Nutrisionis", KESMAS), ("Sanitarian", KESMAS), ("Penyuluh Kesehatan", KESMAS),
    ("Epidemiolog", KESMAS), ("Administrator Kesehatan", KESMAS), ("Auditor", AUDIT),
    ("Pengawas Penyelenggaraan", AUDIT), ("Polisi Pamong Praja", SATPOL),
    ("Kebersihan", KEBERSIHAN), ("Lalu Lintas", LALIN), ("Penguji Kendaraan", LALIN),
    ("Pajak", PENDAPATAN), ("Penilai Pajak", PENDAPATAN), ("Arsiparis", ARSIP),
    ("Pustakawan", PUSTAKA), ("Pranata Komputer", TI), ("Sandiman", TI),
    ("Administrator Database Kependudukan", DUKCAPIL), ("Statistisi", DATA),
    ("Hubungan Masyarakat", HUMAS), ("Perencana", PERENCANAAN), ("Peneliti", HUKUM),
    ("Keuangan", KEUANGAN), ("Barang Milik Daerah", KEUANGAN), ("Kepegawaian", KEPEGAWAIAN),
    ("Asesor", KEPEGAWAIAN), ("Analis Kebijakan", HUKUM), ("Perancang", HUKUM),
    ("Analis Hukum", HUKUM), ("Pengadaan", PENGADAAN), ("Penata Perizinan", PERIZINAN),
    ("Penyuluh", PENYULUH), ("Pekerja Sosial", SOSIAL), ("Penggerak Swadaya", KEWILAYAHAN),
    ("Tanggap Darurat", KEBENCANAAN), ("Kebencanaan", KEBENCANAAN), ("Teknik", TEKNIK),
    ("Penata Ruang", TEKNIK), ("Penata Kelola Bangunan", TEKNIK), ("Pengolah Data", DATA),
)  # fmt: skip
DOMAINS_BY_OPD = {
    "bkpsdm": KEPEGAWAIAN, "bpkad": KEUANGAN, "bapenda": PENDAPATAN, "disdukcapil": DUKCAPIL,
    "dpmptsp": PERIZINAN, "diskominfo": HUMAS, "satpolpp": SATPOL, "inspektorat": AUDIT,
    "bappelitbangda": PERENCANAAN, "dinsos": SOSIAL, "bpbd": KEBENCANAAN,
}  # fmt: skip

TAMBAHAN = (
    ("Menjadi anggota tim pelaksana Reformasi Birokrasi {unit}",
     "Jumlah rapat dan laporan tim yang diikuti", ("n", 1, 1, "kegiatan")),
    ("Menjadi panitia peringatan Hari Jadi Kota Tanjungpinang",
     "Kegiatan terlaksana sesuai rencana", ("n", 0.34, 0.34, "kegiatan")),
    ("Menjadi narasumber sosialisasi layanan {unit} kepada masyarakat",
     "Jumlah kegiatan sebagai narasumber", ("n", 0.34, 0.67, "kegiatan")),
    ("Menjadi anggota tim penyusun Standar Pelayanan {unit}",
     "Dokumen standar pelayanan yang disusun", ("n", 0.25, 0.25, "dokumen")),
    ("Mengikuti pengembangan kompetensi di luar kewajiban 20 JP",
     "Jumlah jam pelajaran (JP) pelatihan yang diikuti", ("n", 2, 4, "JP")),
)  # fmt: skip

FEEDBACK = {
    Rating.ABOVE: (
        "Capaian melampaui target; bagikan cara kerjanya kepada rekan satu unit.",
        "Sangat baik, pertahankan konsistensi dan kelengkapan bukti dukung.",
        "Inisiatif yang baik dalam menyelesaikan pekerjaan lebih cepat dari jadwal.",
    ),
    Rating.AS_EXPECTED: (
        "Sesuai target. Bukti dukung agar diunggah tepat waktu.",
        "Capaian sesuai rencana; tingkatkan kualitas dokumentasi.",
        "Target terpenuhi. Koordinasi dengan unit terkait agar lebih awal.",
    ),
    Rating.BELOW: (
        "Capaian di bawah target; susun rencana perbaikan bersama atasan langsung.",
        "Perlu percepatan penyelesaian dan pelaporan berkala setiap minggu.",
        "Bukti dukung belum lengkap; lengkapi pada periode berikutnya.",
    ),
}
EVALUATOR_NOTES = {
    Predikat.SANGAT_BAIK: (
        "Kinerja dan perilaku kerja patut dicontoh. Direkomendasikan untuk pengembangan "
        "kompetensi lanjutan.",
        "Melampaui ekspektasi pada hampir semua RHK dan menjadi rujukan rekan kerja.",
        "Sangat baik. Pertimbangkan sebagai mentor bagi pegawai baru di unit.",
    ),
    Predikat.BAIK: (
        "Kinerja sesuai ekspektasi. Tingkatkan inisiatif dalam perbaikan layanan.",
        "Hasil kerja baik dan stabil; jaga ketepatan waktu pelaporan.",
        "Memenuhi ekspektasi. Disarankan mengikuti pelatihan teknis yang relevan.",
        "Kerja sama tim baik; dokumentasi capaian dapat lebih rapi.",
    ),
    Predikat.BUTUH_PERBAIKAN: (
        "Beberapa RHK tidak tercapai. Disepakati rencana perbaikan dengan pemantauan bulanan.",
        "Hasil kerja di bawah ekspektasi; perlu pendampingan atasan langsung.",
    ),
    Predikat.KURANG: (
        "Perilaku kerja di bawah ekspektasi, terutama kedisiplinan. Telah dilakukan pembinaan.",
        "Perlu perbaikan sikap dalam melayani dan berkoordinasi; pembinaan dilanjutkan.",
    ),
    Predikat.SANGAT_KURANG: (
        "Hasil dan perilaku kerja di bawah ekspektasi. Diproses sesuai ketentuan pembinaan "
        "kinerja ASN.",
    ),
}
BEHAVIOUR_NOTES = {
    BerAkhlak.BERORIENTASI_PELAYANAN: {
        Rating.ABOVE: "Responsif dan ramah; sering membantu pemohon di luar tugas pokok.",
        Rating.AS_EXPECTED: "Melayani sesuai standar pelayanan.",
        Rating.BELOW: "Beberapa keluhan pengguna layanan belum ditanggapi.",
    },
    BerAkhlak.AKUNTABEL: {
        Rating.ABOVE: "Laporan selalu tepat waktu dengan bukti dukung lengkap.",
        Rating.AS_EXPECTED: "Bertanggung jawab atas tugas yang diberikan.",
        Rating.BELOW: "Laporan sering terlambat dan kurang lengkap.",
    },
    BerAkhlak.KOMPETEN: {
        Rating.ABOVE: "Aktif belajar dan membagikan pengetahuan kepada rekan kerja.",
        Rating.AS_EXPECTED: "Mengikuti pengembangan kompetensi yang diwajibkan.",
        Rating.BELOW: "Belum memenuhi 20 JP pengembangan kompetensi.",
    },
    BerAkhlak.HARMONIS: {
        Rating.ABOVE: "Membangun suasana kerja yang kondusif.",
        Rating.AS_EXPECTED: "Menghargai rekan kerja tanpa membedakan latar belakang.",
        Rating.BELOW: "Pernah terlibat perselisihan dengan rekan kerja.",
    },
    BerAkhlak.LOYAL: {
        Rating.ABOVE: "Menjaga nama baik instansi dan rahasia jabatan dengan teladan.",
        Rating.AS_EXPECTED: "Menaati peraturan dan menjaga nama baik instansi.",
        Rating.BELOW: "Kehadiran dan ketaatan jam kerja perlu diperbaiki.",
    },
    BerAkhlak.ADAPTIF: {
        Rating.ABOVE: "Cepat menguasai aplikasi baru dan mengusulkan inovasi layanan.",
        Rating.AS_EXPECTED: "Menyesuaikan diri dengan perubahan tugas.",
        Rating.BELOW: "Lambat menyesuaikan diri dengan aplikasi kerja baru.",
    },
    BerAkhlak.KOLABORATIF: {
        Rating.ABOVE: "Aktif menggerakkan kerja sama lintas unit.",
        Rating.AS_EXPECTED: "Bersedia bekerja sama dengan unit lain.",
        Rating.BELOW: "Kurang terbuka dalam kerja tim.",
    },
}
LEADER_EXPECTATIONS = {
    BerAkhlak.BERORIENTASI_PELAYANAN: "Tanggapi setiap aduan SP4N-LAPOR! dalam 3 hari kerja.",
    BerAkhlak.AKUNTABEL: "Unggah bukti dukung capaian paling lambat tanggal 5 setiap bulan.",
    BerAkhlak.KOMPETEN: "Ikuti paling sedikit satu pelatihan teknis tahun ini.",
    BerAkhlak.HARMONIS: "Jaga komunikasi yang santun di grup kerja.",
    BerAkhlak.LOYAL: "Patuhi jam kerja dan presensi elektronik.",
    BerAkhlak.ADAPTIF: "Kuasai aplikasi e-Kinerja dan Srikandi.",
    BerAkhlak.KOLABORATIF: "Libatkan bidang lain sejak perencanaan kegiatan.",
}
CORRECTIONS = (
    (
        "hasil",
        "Koreksi atas keberatan pegawai: bukti dukung realisasi RHK yang belum terunggah saat "
        "penilaian telah diverifikasi oleh atasan pejabat penilai.",
    ),
    (
        "typo",
        "Koreksi salah input realisasi indikator; capaian yang benar sesuai laporan kegiatan.",
    ),
    (
        "perilaku",
        "Rating perilaku kerja disesuaikan setelah klarifikasi pejabat penilai dengan atasan "
        "pejabat penilai.",
    ),
)
WITHDRAWALS = (
    "Ditarik: pegawai menjalani cuti di luar tanggungan negara sepanjang periode ini, sehingga "
    "penilaian semestinya tidak dibuat.",
    "Ditarik atas permintaan Inspektorat Daerah: bukti dukung realisasi sedang diperiksa ulang; "
    "penilaian akan ditetapkan kembali setelah pemeriksaan selesai.",
    "Ditarik karena penilaian ditandatangani pejabat yang tidak berwenang (Plh.); pejabat "
    "penilai definitif akan menetapkan penilaian kembali.",
)
WITHHOLDING_REASONS = (
    "Uji konsekuensi PPID Kota Tanjungpinang (contoh data demo): laporan kinerja individual "
    "pegawai ini memuat keterangan tentang riwayat dan perawatan kesehatannya yang "
    "menjelaskan capaian kinerjanya. Informasi itu dikecualikan menurut Pasal 17 huruf h UU "
    "14/2008 (rahasia pribadi); membukanya lebih merugikan pegawai daripada manfaatnya bagi "
    "publik. Angka agregat unit tetap menghitung laporannya. Ditinjau kembali dalam satu tahun.",
    "Uji konsekuensi PPID Kota Tanjungpinang (contoh data demo): pegawai ini berstatus pelapor "
    "dalam perkara dugaan tindak pidana korupsi yang sedang disidik; laporan kinerja "
    "individualnya dapat mengungkap identitas dan tugasnya. Dikecualikan menurut Pasal 17 "
    "huruf a UU 14/2008 sampai perkara berkekuatan hukum tetap; agregat tetap dihitung.",
)
UNIT_RATING_BASIS = (
    "Keputusan Wali Kota Tanjungpinang Nomor {number}/2026 tentang Predikat Kinerja Organisasi "
    "Perangkat Daerah Tahun 2025 (hasil evaluasi SAKIP)"
)

# --------------------------------------------------------------------------- planning


@dataclass
class IndicatorPlan:
    kind: str
    rhk: str
    aspect: str
    iki: str
    target: str
    realisasi: str
    feedback: str
    order: int


@dataclass
class BehaviourPlan:
    value: str
    rating: str
    notes: str
    leader_expectation: str


@dataclass
class ReportPlan:
    holder: Holder
    period: str  # code
    version: int
    status: str  # the final status
    hasil_kerja: str
    perilaku: str
    predikat: str
    evaluator_notes: str
    indicators: list[IndicatorPlan]
    behaviours: list[BehaviourPlan]
    # workflow dates, as days after the period's end
    created: int
    submitted: int | None = None
    approved: int | None = None
    published: int | None = None
    withdrawn: int | None = None
    withdrawal_reason: str = ""
    correction_reason: str = ""
    correction: "ReportPlan | None" = None  # the version 2 that supersedes this one


@dataclass
class DemoPlan:
    periods: list[PeriodPlan]
    reports: list[ReportPlan]  # version 1 of each; corrections hang off them
    unit_ratings: list[tuple[str, int, str, str]]  # (code, year, predikat, basis)
    withholdings: list[tuple[str, int, str]]  # (nip, employee id, reason)

    def fingerprint(self) -> list[tuple]:
        return sorted(
            (r.holder.nip, r.period, r.version, r.predikat, r.status, len(r.indicators))
            for r in self.all_reports()
        )

    def all_reports(self):
        for report in self.reports:
            yield report
            if report.correction:
                yield report.correction


def _rng(seed: int, *key) -> random.Random:
    # A string seed is hashed with SHA-512: stable across runs and Python processes.
    return random.Random("/".join(str(part) for part in (seed, *key)))


def _pick(rng: random.Random, shares: dict) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


@cache
def _organisation_predikat(seed: int, opd: str) -> str:
    return _pick(_rng(seed, "organisasi", opd), ORGANISATION_SHARES)


@cache
def _unit_shares(seed: int, unit: str, opd: str) -> dict[str, float]:
    """The city's shares tilted for one unit: some units rate generously, some strictly."""
    rng = _rng(seed, "unit", unit)
    high, low = rng.uniform(0.6, 1.5), rng.uniform(0.5, 1.7)
    organisation = _organisation_predikat(seed, opd)
    if organisation == OrganisationPredikat.ISTIMEWA:
        high, low = high * 1.3, low * 0.7
    elif organisation == OrganisationPredikat.BUTUH_PERBAIKAN:
        high, low = high * 0.6, low * 1.5
    shares = {
        p: share * (high if p == Predikat.SANGAT_BAIK else 1 if p == Predikat.BAIK else low)
        for p, share in PREDIKAT_SHARES.items()
    }
    shares[Predikat.BAIK] = max(0.3, 1 - sum(v for p, v in shares.items() if p != Predikat.BAIK))
    return shares


RATINGS_FOR = {
    Predikat.SANGAT_BAIK: {(Rating.ABOVE, Rating.ABOVE): 1},
    Predikat.BAIK: {
        (Rating.AS_EXPECTED, Rating.AS_EXPECTED): 0.6,
        (Rating.ABOVE, Rating.AS_EXPECTED): 0.2,
        (Rating.AS_EXPECTED, Rating.ABOVE): 0.2,
    },
    Predikat.BUTUH_PERBAIKAN: {
        (Rating.BELOW, Rating.AS_EXPECTED): 0.85,
        (Rating.BELOW, Rating.ABOVE): 0.15,
    },
    Predikat.KURANG: {
        (Rating.AS_EXPECTED, Rating.BELOW): 0.8,
        (Rating.ABOVE, Rating.BELOW): 0.2,
    },
    Predikat.SANGAT_KURANG: {(Rating.BELOW, Rating.BELOW): 1},
}
MONTHS = {PeriodKind.MONTHLY: 1, PeriodKind.QUARTERLY: 3, PeriodKind.ANNUAL: 12}


def _number(value: float) -> str:
    """Indonesian notation: 93,5 and 1.250."""
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def _measure(rng: random.Random, measure: tuple, months: int, rating: str) -> tuple[str, str]:
    kind = measure[0]
    if kind == "n":
        _, low, high, noun = measure
        target = max(1, round(rng.uniform(low, high) * months))
        if rating == Rating.ABOVE:
            done = target + max(1, round(target * rng.uniform(0.05, 0.25)))
        elif rating == Rating.BELOW:
            done = min(target - 1, round(target * rng.uniform(0.5, 0.85)))
        else:
            done = target
        return f"{_number(target)} {noun}", f"{_number(max(done, 0))} {noun}"
    if kind == "pct":
        target = measure[1]
        lower_is_better = target <= 5  # e.g. obat kedaluwarsa, efisiensi shown as a share
        if rating == Rating.ABOVE:
            done = target * 0.5 if lower_is_better else min(100, target + rng.uniform(1, 6))
        elif rating == Rating.BELOW:
            done = target * 2 if lower_is_better else target - rng.uniform(6, 20)
        else:
            done = target if target == 100 else target + rng.uniform(0, 1)
        label = "≤ " if lower_is_better else ""
        return f"{label}{_number(target)}%", f"{_number(round(done, 1))}%"
    if kind == "time":
        target = measure[1]
        if rating == Rating.ABOVE:
            return target, f"tepat waktu, rata-rata {rng.randint(1, 3)} hari lebih cepat"
        if rating == Rating.BELOW:
            return target, f"rata-rata terlambat {rng.randint(2, 9)} hari"
        return target, "tepat waktu"
    if kind == "score":
        _, target, unit = measure
        shift = {Rating.ABOVE: (2, 6), Rating.BELOW: (-9, -3)}.get(rating, (0, 1.5))
        return (
            f"{_number(target)} {unit}",
            f"{_number(round(target + rng.uniform(*shift), 1))} {unit}",
        )
    noun = measure[1]  # "zero"
    found = rng.randint(1, 4) if rating == Rating.BELOW else 0
    return f"0 {noun}", f"{found} {noun}"


def _domain(holder: Holder) -> tuple:
    if holder.is_head or holder.jabatan_type == JabatanType.JPT:
        return PIMPINAN
    if holder.jabatan_type in (JabatanType.ADMINISTRATOR, JabatanType.PENGAWAS):
        return MANAJERIAL
    for word, domain in DOMAINS_BY_TITLE:
        if word in holder.position_title:
            return domain
    if holder.unit_kind in (UnitKind.KELURAHAN, UnitKind.KECAMATAN):
        return KEWILAYAHAN
    if holder.unit_kind in (UnitKind.UPTD, UnitKind.RSUD) and "Data" not in holder.position_title:
        return OFFICE
    return DOMAINS_BY_OPD.get(holder.top, OFFICE)


def _indicators(rng: random.Random, holder: Holder, months: int, hasil: str) -> list[IndicatorPlan]:
    domain = list(_domain(holder))
    if len(domain) < 4:
        domain += [entry for entry in OFFICE if entry not in domain][: 4 - len(domain)]
    count = rng.choice((2, 2, 3, 3, 4))
    chosen = sorted(rng.sample(range(len(domain)), count))
    unit = holder.unit_name
    plans = []
    for order, index in enumerate(chosen, start=1):
        rhk, iki, aspect, measure = domain[index]
        # Most indicators follow the overall rating; a few land at "sesuai" anyway.
        rating = hasil if rng.random() < 0.8 else Rating.AS_EXPECTED
        target, realisasi = _measure(rng, measure, months, rating)
        plans.append(
            IndicatorPlan(
                kind=IndicatorKind.UTAMA,
                rhk=rhk.format(unit=unit),
                aspect=aspect,
                iki=iki.format(unit=unit),
                target=target,
                realisasi=realisasi,
                feedback=rng.choice(FEEDBACK[rating]) if rng.random() < 0.15 else "",
                order=order,
            )
        )
    if rng.random() < TAMBAHAN_SHARE:
        rhk, iki, measure = rng.choice(TAMBAHAN)
        target, realisasi = _measure(rng, measure, months, Rating.AS_EXPECTED)
        plans.append(
            IndicatorPlan(
                kind=IndicatorKind.TAMBAHAN,
                rhk=rhk.format(unit=unit),
                aspect=Aspect.KUANTITAS,
                iki=iki,
                target=target,
                realisasi=realisasi,
                feedback="",
                order=1,
            )
        )
    return plans


def _behaviours(rng: random.Random, perilaku: str) -> list[BehaviourPlan]:
    values = list(BerAkhlak.values)
    anchor = rng.choice(values)  # at least one value carries the overall rating
    plans = []
    for value in values:
        rating = perilaku
        if value != anchor and rng.random() < 0.2:
            rating = {
                Rating.ABOVE: Rating.AS_EXPECTED,
                Rating.BELOW: Rating.AS_EXPECTED,
            }.get(perilaku) or rng.choice((Rating.ABOVE, Rating.ABOVE, Rating.BELOW))
        plans.append(
            BehaviourPlan(
                value=value,
                rating=rating,
                notes=BEHAVIOUR_NOTES[value][rating] if rng.random() < 0.3 else "",
                leader_expectation=LEADER_EXPECTATIONS[value] if rng.random() < 0.1 else "",
            )
        )
    return plans


def _workflow(rng: random.Random, period: PeriodPlan, plan: ReportPlan) -> None:
    """The final status and the days (after the period's end) each step was taken."""
    mix = IN_PROGRESS_MIX.get(period.stage, ((ReportStatus.PUBLISHED, 1),))
    status = _pick(rng, dict(mix))
    plan.status = status
    plan.created = -rng.randint(0, 10) if period.kind != PeriodKind.ANNUAL else rng.randint(1, 5)
    step = STATUS_ORDER.index(status)
    day = plan.created + rng.randint(3, 12)
    for index, name in enumerate(("submitted", "approved", "published"), start=1):
        if step >= index:
            setattr(plan, name, day)
            day += rng.randint(1, 5)


def _version_two(rng: random.Random, first: ReportPlan) -> None:
    kind, reason = rng.choice(CORRECTIONS)
    hasil, perilaku = first.hasil_kerja, first.perilaku
    up = {Rating.BELOW: Rating.AS_EXPECTED, Rating.AS_EXPECTED: Rating.ABOVE}
    if kind == "hasil" and hasil in up:
        hasil = up[hasil]
    elif kind == "perilaku":
        perilaku = up.get(perilaku, Rating.AS_EXPECTED)
    indicators = [IndicatorPlan(**vars(i)) for i in first.indicators]
    if kind == "typo" or hasil != first.hasil_kerja:
        # The corrected realisasi: what the supporting documents showed all along.
        for indicator in indicators[: 1 if kind == "typo" else None]:
            if indicator.kind == IndicatorKind.UTAMA:
                indicator.realisasi = indicator.target
    behaviours = [BehaviourPlan(**vars(b)) for b in first.behaviours]
    if perilaku != first.perilaku:
        for behaviour in behaviours:
            if behaviour.rating == first.perilaku:
                behaviour.rating = perilaku
                behaviour.notes = ""
    start = first.published + rng.randint(10, 60)
    second = ReportPlan(
        holder=first.holder,
        period=first.period,
        version=2,
        status=ReportStatus.PUBLISHED,
        hasil_kerja=hasil,
        perilaku=perilaku,
        predikat=PREDIKAT_MATRIX[hasil, perilaku],
        evaluator_notes=first.evaluator_notes,
        indicators=indicators,
        behaviours=behaviours,
        created=start,
        submitted=start + rng.randint(1, 3),
        correction_reason=reason,
    )
    second.approved = second.submitted + rng.randint(1, 3)
    second.published = second.approved + rng.randint(1, 3)
    first.status = ReportStatus.SUPERSEDED
    first.correction = second


def plan_reports(*, seed: int, staff: Staff, periods: list[PeriodPlan]) -> DemoPlan:
    """Decide every report, rating and withholding; pure: the same input gives the same plan."""
    reports = []
    usual: dict[str, str] = {}  # an employee's usual predikat, once drawn
    for period in periods:
        if not period.with_reports:
            continue
        months = MONTHS[period.kind]
        for holder in sorted(staff.by_period.get(period.code, ()), key=lambda h: h.nip):
            if period.kind == PeriodKind.MONTHLY and holder.top not in MONTHLY_PILOT:
                continue
            shares = _unit_shares(seed, holder.unit, holder.top)
            if holder.nip not in usual:
                usual[holder.nip] = _pick(_rng(seed, "pegawai", holder.nip), shares)
            rng = _rng(seed, "laporan", holder.nip, period.code)
            predikat = usual[holder.nip] if rng.random() < KEEP_RATING else _pick(rng, shares)
            hasil, perilaku = _pick(rng, RATINGS_FOR[predikat])
            plan = ReportPlan(
                holder=holder,
                period=period.code,
                version=1,
                status=ReportStatus.DRAFT,
                hasil_kerja=hasil,
                perilaku=perilaku,
                predikat=PREDIKAT_MATRIX[hasil, perilaku],
                evaluator_notes=(
                    rng.choice(EVALUATOR_NOTES[predikat]) if rng.random() < NOTES_SHARE else ""
                ),
                indicators=_indicators(rng, holder, months, hasil),
                behaviours=_behaviours(rng, perilaku) if period.kind == PeriodKind.ANNUAL else [],
                created=0,
            )
            _workflow(rng, period, plan)
            if period.stage == "closed":
                draw = rng.random()
                if draw < CORRECTED_SHARE:
                    _version_two(rng, plan)
                elif draw < CORRECTED_SHARE + WITHDRAWN_SHARE:
                    plan.status = ReportStatus.WITHDRAWN
                    plan.withdrawn = plan.published + rng.randint(20, 120)
                    plan.withdrawal_reason = rng.choice(WITHDRAWALS)
            reports.append(plan)
    return DemoPlan(
        periods=periods,
        reports=reports,
        unit_ratings=_unit_ratings(seed, staff),
        withholdings=_withholdings(seed, reports),
    )


def _unit_ratings(seed: int, staff: Staff) -> list[tuple[str, int, str, str]]:
    ratings = []
    for index, (code, _name, _pk) in enumerate(staff.opds, start=1):
        number = f"800.1.13/{100 + index * 7}"
        ratings.append(
            (
                code,
                FIRST_YEAR,
                _organisation_predikat(seed, code),
                UNIT_RATING_BASIS.format(number=number),
            )
        )
    return ratings


def _withholdings(seed: int, reports: list[ReportPlan]) -> list[tuple[str, int, str]]:
    """One or two employees whose individual reports the PPID withholds."""
    published = {}
    for report in reports:
        if report.status == ReportStatus.PUBLISHED and report.period == str(FIRST_YEAR):
            published.setdefault(report.holder.nip, report)
    if not published:
        return []
    rng = _rng(seed, "pengecualian")
    # The first: someone whose 2025 rating needs an explanation of their health.
    weaker = sorted(nip for nip, r in published.items() if r.predikat != Predikat.SANGAT_BAIK)
    nips = sorted(published)
    chosen = [rng.choice(weaker or nips)]
    if len(nips) >= 50:
        chosen.append(rng.choice([nip for nip in nips if nip != chosen[0]]))
    return [
        (nip, published[nip].holder.employee_id, reason)
        for nip, reason in zip(chosen, WITHHOLDING_REASONS, strict=False)
    ]


# --------------------------------------------------------------------------- writing


@dataclass
class ReportSeedResult:
    periods: int = 0
    reports: int = 0
    indicators: int = 0
    behaviours: int = 0
    unit_ratings: int = 0
    withholdings: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        return (
            f"Laporan: {self.periods} periode baru, {self.reports} laporan kinerja baru, "
            f"{self.indicators} indikator baru, {self.behaviours} penilaian perilaku baru, "
            f"{self.unit_ratings} predikat organisasi baru, {self.withholdings} pengecualian "
            f"PPID baru."
        )


def _at(day: date, offset: int, hour: int) -> datetime:
    when = min(day + timedelta(days=offset), DEMO_TODAY - timedelta(days=1))
    return timezone.make_aware(datetime.combine(when, time(hour)))


def seed_reports(*, seed: int = DEFAULT_SEED, today: date = DEMO_TODAY) -> ReportSeedResult:
    """Add the demo periods, reports, unit ratings and withholdings that are not there yet."""
    result = ReportSeedResult()
    periods = plan_periods(today)
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=(ADMIN_USER, VERIFIER_USER, EVALUATOR_USER[0])
        )
    }
    admin = users.get(ADMIN_USER)
    with transaction.atomic(), pghistory.context(action="seed_demo"):
        period_ids = _write_periods(periods, result)
        staff = load_staff(periods)
        plan = plan_reports(seed=seed, staff=staff, periods=periods)
        _write_reports(plan, period_ids, users, result)
        _write_unit_ratings(plan, staff, result)
        if admin is not None:
            _write_withholdings(plan, admin, result)
    return result


def _write_periods(periods: list[PeriodPlan], result: ReportSeedResult) -> dict[str, int]:
    found = dict(
        Period.objects.filter(code__in=[p.code for p in periods]).values_list("code", "pk")
    )
    for plan in periods:
        if plan.code not in found:
            period = Period(
                kind=plan.kind, year=plan.year, number=plan.number, is_open=plan.is_open
            )
            period.save()  # fills code, start and end
            found[plan.code] = period.pk
            result.periods += 1
    return found


COLUMN_TYPES = {
    "created_at": "timestamptz",
    "updated_at": "timestamptz",
    "submitted_at": "timestamptz",
    "approved_at": "timestamptz",
    "published_at": "timestamptz",
    "withdrawn_at": "timestamptz",
    "submitted_by_id": "integer",
    "approved_by_id": "integer",
    "published_by_id": "integer",
    "withdrawn_by_id": "integer",
    "withdrawal_reason": "text",
}


class _Mover:
    """Collects status moves and runs each as one set-based UPDATE with per-row stamps."""

    def __init__(self):
        self.moves = defaultdict(list)

    def add(self, status: str, values: tuple, pk: int):
        self.moves[status].append((pk, *values))

    def run(self, status: str, names: tuple[str, ...]):
        rows = self.moves.get(status, [])
        table = Report._meta.db_table
        assignments = ", ".join(f'"{name}" = v."{name}"' for name in names)
        arrays = ", ".join(f"%s::{COLUMN_TYPES[name]}[]" for name in names)
        columns = ", ".join(f'"{name}"' for name in names)
        sql = (
            f'UPDATE "{table}" AS r SET "status" = %s, {assignments} '
            f'FROM unnest(%s::bigint[], {arrays}) AS v("id", {columns}) WHERE r."id" = v."id"'
        )
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 10000):
                batch = rows[start : start + 10000]
                cursor.execute(sql, [status, *map(list, zip(*batch, strict=True))])


def _insert(plans, period_ids, period_ends, users, previous=None) -> list[Report]:
    evaluator_user, evaluator_opd = users.get(EVALUATOR_USER[0]), EVALUATOR_USER[1]
    admin = users.get(ADMIN_USER)
    rows = []
    for plan in plans:
        holder = plan.holder
        creator = evaluator_user if holder.top == evaluator_opd else admin
        rows.append(
            Report(
                employee_id=holder.employee_id,
                period_id=period_ids[plan.period],
                version=plan.version,
                status=ReportStatus.DRAFT,
                unit_id=holder.unit_id,
                position_id=holder.position_id,
                position_title=holder.position_title,
                jabatan_type=holder.jabatan_type,
                golongan=holder.golongan,
                evaluator_id=holder.evaluator_id,
                evaluator_superior_id=holder.evaluator_superior_id,
                hasil_kerja=plan.hasil_kerja,
                perilaku=plan.perilaku,
                predikat=plan.predikat,
                evaluator_notes=plan.evaluator_notes,
                correction_reason=plan.correction_reason,
                previous_id=previous[plan.holder.nip, plan.period] if previous else None,
                created_by=creator,
            )
        )
    return Report.objects.bulk_create(rows, batch_size=2000)


def _insert_children(plans, reports, result: ReportSeedResult) -> None:
    """Insert the indicators and behaviour ratings of draft reports, straight from tuples:
    building 160,000 model instances would cost more than the insert itself."""
    indicators, behaviours = [], []
    for plan, report in zip(plans, reports, strict=True):
        indicators.extend(
            (report.pk, i.kind, i.rhk, i.aspect, i.iki, i.target, i.realisasi, i.feedback, i.order)
            for i in plan.indicators
        )
        behaviours.extend(
            (report.pk, b.value, b.rating, b.notes, b.leader_expectation) for b in plan.behaviours
        )
    _insert_rows(Indicator, INDICATOR_COLUMNS, indicators)
    _insert_rows(BehaviourRating, BEHAVIOUR_COLUMNS, behaviours)
    result.indicators += len(indicators)
    result.behaviours += len(behaviours)


INDICATOR_COLUMNS = (
    ("report_id", "bigint"),
    ("kind", "text"),
    ("rhk", "text"),
    ("aspect", "text"),
    ("iki", "text"),
    ("target", "text"),
    ("realisasi", "text"),
    ("feedback", "text"),
    ("order", "smallint"),
)
BEHAVIOUR_COLUMNS = (
    ("report_id", "bigint"),
    ("value", "text"),
    ("rating", "text"),
    ("notes", "text"),
    ("leader_expectation", "text"),
)


def _insert_rows(model, columns, rows, batch=10000) -> None:
    names = ", ".join(f'"{name}"' for name, _ in columns)
    arrays = ", ".join(f"%s::{kind}[]" for _, kind in columns)
    sql = f'INSERT INTO "{model._meta.db_table}" ({names}) SELECT * FROM unnest({arrays})'
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.execute(sql, list(map(list, zip(*rows[start : start + batch], strict=True))))


def _move(plans, reports, period_ends, users, *, steps: tuple[str, ...]) -> None:
    """Take freshly inserted drafts through the workflow `steps`, as far as each one goes."""
    evaluator_user, evaluator_opd = users.get(EVALUATOR_USER[0]), EVALUATOR_USER[1]
    admin, verifier = users.get(ADMIN_USER), users.get(VERIFIER_USER)
    verifier_id = verifier.pk if verifier else None
    mover = _Mover()
    for plan, report in zip(plans, reports, strict=True):
        end = period_ends[plan.period]
        created = _at(end, plan.created, 8)
        if ReportStatus.SUBMITTED in steps:
            if plan.submitted is None:  # stays a draft: only its creation date is set
                mover.add(ReportStatus.DRAFT, (created, created), report.pk)
                continue
            submitter = evaluator_user if plan.holder.top == evaluator_opd else admin
            submitted = _at(end, plan.submitted, 10)
            mover.add(
                ReportStatus.SUBMITTED,
                (submitted, submitter.pk if submitter else None, created, submitted),
                report.pk,
            )
        if ReportStatus.APPROVED in steps and plan.approved is not None:
            approved = _at(end, plan.approved, 13)
            mover.add(ReportStatus.APPROVED, (approved, verifier_id, approved), report.pk)
        if ReportStatus.PUBLISHED in steps and plan.published is not None:
            published = _at(end, plan.published, 15)
            mover.add(ReportStatus.PUBLISHED, (published, verifier_id, published), report.pk)
    mover.run(ReportStatus.DRAFT, ("created_at", "updated_at"))
    mover.run(
        ReportStatus.SUBMITTED, ("submitted_at", "submitted_by_id", "created_at", "updated_at")
    )
    mover.run(ReportStatus.APPROVED, ("approved_at", "approved_by_id", "updated_at"))
    mover.run(ReportStatus.PUBLISHED, ("published_at", "published_by_id", "updated_at"))


def _write_reports(plan: DemoPlan, period_ids, users, result: ReportSeedResult) -> None:
    present = set(
        Report.objects.filter(period_id__in=period_ids.values()).values_list(
            "employee_id", "period_id"
        )
    )
    period_ends = {p.code: p.end for p in plan.periods}
    firsts = [
        r for r in plan.reports if (r.holder.employee_id, period_ids[r.period]) not in present
    ]
    reports = _insert(firsts, period_ids, period_ends, users)
    _insert_children(firsts, reports, result)
    _move(firsts, reports, period_ends, users, steps=ALL_STEPS)

    verifier = users.get(VERIFIER_USER)
    verifier_id = verifier.pk if verifier else None
    mover = _Mover()
    for first, report in zip(firsts, reports, strict=True):
        if first.status == ReportStatus.WITHDRAWN:
            when = _at(period_ends[first.period], first.withdrawn, 11)
            mover.add(
                ReportStatus.WITHDRAWN,
                (when, verifier_id, first.withdrawal_reason, when),
                report.pk,
            )
    mover.run(
        ReportStatus.WITHDRAWN,
        ("withdrawn_at", "withdrawn_by_id", "withdrawal_reason", "updated_at"),
    )

    # Corrections: version 2 is drafted, submitted and approved while version 1 is still
    # published; publishing it supersedes version 1 (one published version at a time).
    pairs = [(f, r) for f, r in zip(firsts, reports, strict=True) if f.correction]
    seconds = [first.correction for first, _ in pairs]
    previous = {(f.holder.nip, f.period): r.pk for f, r in pairs}
    corrected = _insert(seconds, period_ids, period_ends, users, previous)
    _insert_children(seconds, corrected, result)
    _move(seconds, corrected, period_ends, users, steps=ALL_STEPS[:2])
    superseded = _Mover()
    for second, (first, report) in zip(seconds, pairs, strict=True):
        when = _at(period_ends[first.period], second.published, 15)
        superseded.add(ReportStatus.SUPERSEDED, (when,), report.pk)
    superseded.run(ReportStatus.SUPERSEDED, ("updated_at",))
    _move(seconds, corrected, period_ends, users, steps=ALL_STEPS[2:])

    result.reports = len(reports) + len(corrected)
    for report in [*firsts, *seconds]:
        result.statuses[report.status] = result.statuses.get(report.status, 0) + 1


def _write_unit_ratings(plan: DemoPlan, staff: Staff, result: ReportSeedResult) -> None:
    ids = {code: pk for code, _name, pk in staff.opds}
    present = set(UnitRating.objects.values_list("unit_id", "year"))
    new = [
        UnitRating(unit_id=ids[code], year=year, predikat=predikat, basis=basis)
        for code, year, predikat, basis in plan.unit_ratings
        if (ids[code], year) not in present
    ]
    UnitRating.objects.bulk_create(new)
    result.unit_ratings = len(new)


def _write_withholdings(plan: DemoPlan, admin, result: ReportSeedResult) -> None:
    # An employee with any withholding, even one lifted since, is left as the PPID left it.
    decided = set(Withholding.objects.values_list("employee_id", flat=True))
    new = [
        Withholding(employee_id=employee_id, reason=reason, decided_by=admin)
        for _nip, employee_id, reason in plan.withholdings
        if employee_id not in decided
    ]
    Withholding.objects.bulk_create(new)
    result.withholdings = len(new)
