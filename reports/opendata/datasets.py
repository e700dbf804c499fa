"""What the portal publishes as open data: one definition per table, read by every format.

Report files hold `Report.objects.disclosed()` only (the current published version of each
report, withheld employees left out); a corrected report shows its version and the reason. An
employee is identified by public_id and name (with gelar); no export reads the NIP, birth
date, TMT CPNS or contact data, because every table is a `.values()` query of named fields.
Position, jabatan type and golongan come from the report's own snapshot, as they were in the
period. Coded values (predikat, jabatan type, ...) are the stable codes, listed with their
labels in the data dictionary.
"""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from personnel.choices import EmployeeStatus, JabatanLevel, JabatanType, UnitKind
from personnel.models import Assignment, Position, Unit
from reports.choices import Aspect, IndicatorKind, Predikat, Rating
from reports.models import Indicator, Report, Withholding
from reports.opendata.columns import Column, Dataset, Table, field_value

LICENCE = {
    "name": "CC BY 4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
SOURCE = "Pemerintah Kota Tanjungpinang"


def codes(choices) -> str:
    return "; ".join(f"{value} ({label})" for value, label in choices.choices if value)


def allowed(description, choices):
    # Lazy all the way, so the labels follow the language of the page that shows them.
    values = lazy(codes, str)(choices)
    return format_lazy("{} {}: {}.", description, _("Nilai yang mungkin"), values)


def full_name(prefix=""):
    def value(row, context):
        name = f"{row[prefix + 'gelar_depan']} {row[prefix + 'name']}".strip()
        suffix = row[prefix + "gelar_belakang"]
        return f"{name}, {suffix}" if suffix else name

    return value


def or_none(key):
    return lambda row, context: row[key] or None


def report_url(prefix=""):
    def value(row, context):
        return (
            f"{context.base_url}{reverse('reports:report-list')}"
            f"{row[prefix + 'employee__public_id']}/{row[prefix + 'period__code']}"
            f"/v{row[prefix + 'version']}/"
        )

    return value


def unit_url(key):
    def value(row, context):
        return f"{context.base_url}{reverse('personnel:unit-detail', args=[row[key]])}"

    return value


PERIOD = Column(
    "periode",
    "string",
    _("Kode periode penilaian: 2025 (tahunan), 2025-t1 (triwulan I), 2025-01 (Januari)."),
    "2025",
    field_value("period__code"),
)
PUBLIC_ID = Column(
    "public_id",
    "string",
    _("ID publik pegawai: acak, tetap, dan dipakai di alamat halaman pegawai; pengganti NIP."),
    "7k3m9q2x4b1d",
    field_value("employee__public_id"),
)
VERSION = Column(
    "versi",
    "integer",
    _("Versi laporan. Versi 2 dan seterusnya adalah koreksi atas versi sebelumnya."),
    "1",
    field_value("version"),
)

REPORTS = Table(
    key="laporan",
    title=_("Laporan kinerja"),
    columns=(
        PERIOD,
        PUBLIC_ID,
        Column(
            "nama",
            "string",
            _("Nama pegawai dengan gelar."),
            "dr. Siti Rahmah, M.Kes.",
            full_name("employee__"),
        ),
        Column(
            "jabatan",
            "string",
            _("Nama jabatan pegawai pada periode laporan, seperti tercatat saat penilaian."),
            "Pranata Komputer Ahli Muda",
            field_value("position_title"),
        ),
        Column(
            "jenis_jabatan",
            "string",
            allowed(_("Jenis jabatan pada periode laporan."), JabatanType),
            JabatanType.FUNGSIONAL_KEAHLIAN.value,
            field_value("jabatan_type"),
        ),
        Column(
            "golongan",
            "string",
            _("Golongan pada periode laporan: PNS I/a sampai IV/e, PPPK I sampai XVII."),
            "III/c",
            field_value("golongan"),
        ),
        Column(
            "unit_kode",
            "string",
            _("Kode unit kerja pada periode laporan (sama dengan kolom kode di data unit)."),
            "diskominfo",
            field_value("unit__code"),
        ),
        Column(
            "unit_nama",
            "string",
            _("Nama unit kerja."),
            "Dinas Komunikasi dan Informatika",
            field_value("unit__name"),
        ),
        Column(
            "hasil_kerja",
            "string",
            allowed(_("Rating hasil kerja."), Rating),
            Rating.AS_EXPECTED.value,
            field_value("hasil_kerja"),
        ),
        Column(
            "perilaku_kerja",
            "string",
            allowed(_("Rating perilaku kerja (BerAKHLAK)."), Rating),
            Rating.ABOVE.value,
            field_value("perilaku"),
        ),
        Column(
            "predikat",
            "string",
            allowed(_("Predikat kinerja menurut matriks PermenPANRB 6/2022."), Predikat),
            Predikat.BAIK.value,
            field_value("predikat"),
        ),
        VERSION,
        Column(
            "alasan_koreksi",
            "string",
            _("Alasan koreksi untuk versi 2 dan seterusnya; kosong untuk versi pertama."),
            "Realisasi indikator 2 salah ketik",
            or_none("correction_reason"),
            nullable=True,
        ),
        Column(
            "diterbitkan",
            "datetime",
            _("Waktu versi ini diterbitkan."),
            "2026-01-15T09:30:00+07:00",
            field_value("published_at"),
        ),
        Column(
            "url",
            "url",
            _("Alamat halaman laporan ini, dengan riwayat versinya."),
            "https://…/laporan/7k3m9q2x4b1d/2025/v1/",
            report_url(),
        ),
    ),
    rows=lambda *, period: (
        Report.objects.disclosed()
        .filter(period=period)
        .order_by("unit__code", "employee__name", "employee__public_id")
        .values(
            "period__code",
            "employee__public_id",
            "employee__gelar_depan",
            "employee__name",
            "employee__gelar_belakang",
            "position_title",
            "jabatan_type",
            "golongan",
            "unit__code",
            "unit__name",
            "hasil_kerja",
            "perilaku",
            "predikat",
            "version",
            "correction_reason",
            "published_at",
        )
    ),
)

INDICATORS = Table(
    key="indikator",
    title=_("Indikator kinerja"),
    columns=(
        Column(
            "periode",
            "string",
            PERIOD.description,
            PERIOD.example,
            field_value("report__period__code"),
        ),
        Column(
            "public_id",
            "string",
            _("ID publik pegawai pemilik laporan (sama dengan kolom public_id di data laporan)."),
            PUBLIC_ID.example,
            field_value("report__employee__public_id"),
        ),
        Column(
            "versi",
            "integer",
            _("Versi laporan tempat indikator ini tercatat."),
            "1",
            field_value("report__version"),
        ),
        Column(
            "laporan_url",
            "url",
            _("Alamat halaman laporan (sama dengan kolom url di data laporan)."),
            "https://…/laporan/7k3m9q2x4b1d/2025/v1/",
            report_url("report__"),
        ),
        Column(
            "jenis_rhk",
            "string",
            allowed(_("Jenis rencana hasil kerja."), IndicatorKind),
            IndicatorKind.UTAMA.value,
            field_value("kind"),
        ),
        Column(
            "urutan",
            "integer",
            _("Urutan indikator di dalam laporan."),
            "1",
            field_value("order"),
        ),
        Column(
            "rhk",
            "string",
            _("Rencana hasil kerja (RHK)."),
            "Terlaksananya layanan administrasi kepegawaian",
            field_value("rhk"),
        ),
        Column(
            "aspek",
            "string",
            allowed(_("Aspek indikator."), Aspect),
            Aspect.KUANTITAS.value,
            field_value("aspect"),
        ),
        Column(
            "iki",
            "string",
            _("Indikator kinerja individu (IKI)."),
            "Jumlah dokumen yang diselesaikan",
            field_value("iki"),
        ),
        Column("target", "string", _("Target."), "120 dokumen", field_value("target")),
        Column(
            "realisasi",
            "string",
            _("Realisasi; kosong bila belum diisi."),
            "118 dokumen",
            or_none("realisasi"),
            nullable=True,
        ),
    ),
    rows=lambda *, period: (
        # Joined to the disclosed reports rather than `report__in=<subquery>`: with statistics
        # far behind the table (in the test suite, 500 reports added in one transaction), the
        # query once took minutes on PostgreSQL 18 for 1,000 indicators. The plan was not
        # captured; plain joins leave the planner index probes on every side.
        Indicator.objects.disclosed()
        .filter(report__period=period)
        .order_by(
            "report__unit__code", "report__employee__name", "report_id", "kind", "order", "id"
        )
        .values(
            "report__period__code",
            "report__employee__public_id",
            "report__version",
            "kind",
            "order",
            "rhk",
            "aspect",
            "iki",
            "target",
            "realisasi",
        )
    ),
)

UNIT_CODE = Column(
    "kode",
    "string",
    _("Kode unit: tetap, dan dipakai di alamat halaman unit."),
    "dinkes",
    field_value("code"),
)
UNITS = Table(
    key="unit",
    title=_("Unit kerja"),
    columns=(
        UNIT_CODE,
        Column("nama", "string", _("Nama resmi unit."), "Dinas Kesehatan", field_value("name")),
        Column(
            "jenis", "string", allowed(_("Jenis unit."), UnitKind), "dinas", field_value("kind")
        ),
        Column(
            "kode_induk",
            "string",
            _("Kode unit induk; kosong untuk Pemerintah Kota."),
            "pemkot",
            field_value("parent__code"),
            nullable=True,
        ),
        Column(
            "aktif",
            "boolean",
            _("false bila unit sudah dibubarkan; riwayatnya tetap tercantum."),
            "true",
            field_value("is_active"),
        ),
        Column(
            "url",
            "url",
            _("Alamat halaman unit."),
            "https://…/unit/dinkes/",
            unit_url("code"),
        ),
    ),
    rows=lambda: Unit.objects.order_by("code").values(
        "code", "name", "kind", "parent__code", "is_active"
    ),
)

POSITIONS = Table(
    key="jabatan",
    title=_("Jabatan"),
    columns=(
        Column("id", "integer", _("Nomor jabatan: tetap."), "412", field_value("id")),
        Column(
            "unit_kode",
            "string",
            _("Kode unit tempat jabatan ini (kolom kode di data unit)."),
            "dinkes",
            field_value("unit__code"),
        ),
        Column(
            "nama_jabatan",
            "string",
            _("Nama jabatan seperti pada SK."),
            "Kepala Dinas Kesehatan",
            field_value("title"),
        ),
        Column(
            "jenis_jabatan",
            "string",
            allowed(_("Jenis jabatan."), JabatanType),
            JabatanType.JPT.value,
            field_value("jabatan_type"),
        ),
        Column(
            "jenjang",
            "string",
            allowed(_("Jenjang untuk JPT dan fungsional; kosong untuk yang lain."), JabatanLevel),
            JabatanLevel.JPT_PRATAMA.value,
            or_none("level"),
            nullable=True,
        ),
        Column(
            "kepala_unit",
            "boolean",
            _("true untuk jabatan pimpinan unit."),
            "true",
            field_value("is_head"),
        ),
    ),
    rows=lambda: Position.objects.order_by("unit__code", "id").values(
        "id", "unit__code", "title", "jabatan_type", "level", "is_head"
    ),
)


# --------------------------------------------------------------------------- Popolo


def current_memberships():
    """Current primary assignments of active employees whose reports are not withheld."""
    return (
        Assignment.objects.primary()
        .current()
        .filter(employee__status=EmployeeStatus.ACTIVE)
        .exclude(Exists(Withholding.objects.active().filter(employee_id=OuterRef("employee_id"))))
        .order_by("employee__public_id")
    )


POPOLO_ORGANIZATIONS = Table(
    key="organizations",
    title=_("Organisasi (unit kerja)"),
    columns=(
        Column("id", "string", UNIT_CODE.description, "dinkes", field_value("code")),
        Column("name", "string", _("Nama resmi unit."), "Dinas Kesehatan", field_value("name")),
        Column(
            "classification",
            "string",
            allowed(_("Jenis unit."), UnitKind),
            "dinas",
            field_value("kind"),
        ),
        Column(
            "parent_id",
            "string",
            _("id organisasi induk; null untuk Pemerintah Kota."),
            "pemkot",
            field_value("parent__code"),
            nullable=True,
        ),
    ),
    rows=lambda: (
        Unit.objects.active().order_by("code").values("code", "name", "kind", "parent__code")
    ),
)
POPOLO_POSTS = Table(
    key="posts",
    title=_("Jabatan (posts)"),
    columns=(
        Column(
            "id",
            "string",
            _("Nomor jabatan (kolom id di data jabatan), sebagai teks."),
            "412",
            lambda row, context: str(row["id"]),
        ),
        Column(
            "label", "string", _("Nama jabatan."), "Kepala Dinas Kesehatan", field_value("title")
        ),
        Column(
            "role",
            "string",
            allowed(_("Jenis jabatan."), JabatanType),
            "jpt",
            field_value("jabatan_type"),
        ),
        Column(
            "organization_id",
            "string",
            _("id organisasi tempat jabatan ini."),
            "dinkes",
            field_value("unit__code"),
        ),
    ),
    rows=lambda: (
        Position.objects.filter(unit__is_active=True)
        .order_by("unit__code", "id")
        .values("id", "title", "jabatan_type", "unit__code")
    ),
)
POPOLO_PERSONS = Table(
    key="persons",
    title=_("Orang (persons)"),
    columns=(
        Column(
            "id",
            "string",
            PUBLIC_ID.description,
            PUBLIC_ID.example,
            field_value("employee__public_id"),
        ),
        Column(
            "name",
            "string",
            _("Nama dengan gelar."),
            "dr. Siti Rahmah, M.Kes.",
            full_name("employee__"),
        ),
        Column(
            "honorific_prefix",
            "string",
            _("Gelar depan; null bila tidak ada."),
            "dr.",
            or_none("employee__gelar_depan"),
            nullable=True,
        ),
        Column(
            "honorific_suffix",
            "string",
            _("Gelar belakang; null bila tidak ada."),
            "M.Kes.",
            or_none("employee__gelar_belakang"),
            nullable=True,
        ),
    ),
    rows=lambda: current_memberships().values(
        "employee__public_id",
        "employee__gelar_depan",
        "employee__name",
        "employee__gelar_belakang",
    ),
)
POPOLO_MEMBERSHIPS = Table(
    key="memberships",
    title=_("Keanggotaan (memberships): jabatan utama saat ini"),
    columns=(
        Column(
            "id",
            "string",
            _("Nomor penempatan jabatan, sebagai teks."),
            "9051",
            lambda row, context: str(row["id"]),
        ),
        Column(
            "person_id",
            "string",
            _("id orang (public_id pegawai)."),
            PUBLIC_ID.example,
            field_value("employee__public_id"),
        ),
        Column(
            "organization_id",
            "string",
            _("id organisasi (kode unit)."),
            "dinkes",
            field_value("position__unit__code"),
        ),
        Column(
            "post_id",
            "string",
            _("id jabatan."),
            "412",
            lambda row, context: str(row["position_id"]),
        ),
        Column(
            "label",
            "string",
            _("Nama jabatan yang dipegang."),
            "Kepala Dinas Kesehatan",
            field_value("position__title"),
        ),
        Column(
            "role",
            "string",
            allowed(_("Jenis jabatan."), JabatanType),
            "jpt",
            field_value("position__jabatan_type"),
        ),
        Column(
            "start_date",
            "date",
            _("Tanggal mulai menjabat (TMT jabatan)."),
            "2024-03-01",
            field_value("start"),
        ),
    ),
    rows=lambda: current_memberships().values(
        "id",
        "employee__public_id",
        "position_id",
        "position__unit__code",
        "position__title",
        "position__jabatan_type",
        "start",
    ),
)


# --------------------------------------------------------------------------- the catalogue

DATASETS = {
    dataset.slug: dataset
    for dataset in (
        Dataset(
            slug="laporan",
            title=_("Laporan kinerja ASN per periode"),
            description=_(
                "Satu baris per laporan kinerja (SKP) yang terbit pada periode itu: versi "
                "terbaru saja, tanpa laporan pegawai yang dikecualikan PPID. Laporan yang "
                "dikoreksi tampil dengan nomor versi dan alasan koreksinya."
            ),
            tables=(REPORTS,),
            formats=("csv", "json"),
            per_period=True,
        ),
        Dataset(
            slug="indikator",
            title=_("Indikator kinerja per periode"),
            description=_(
                "Satu baris per indikator (RHK dan IKI dengan target dan realisasi) dari "
                "laporan yang sama dengan data laporan periode itu; digabung lewat kolom "
                "laporan_url atau public_id dan versi."
            ),
            tables=(INDICATORS,),
            formats=("csv", "json"),
            per_period=True,
        ),
        Dataset(
            slug="unit",
            title=_("Unit kerja"),
            description=_(
                "Semua unit kerja Pemerintah Kota Tanjungpinang sebagai pohon: setiap unit "
                "menyebut kode unit induknya."
            ),
            tables=(UNITS,),
            formats=("csv", "json"),
        ),
        Dataset(
            slug="jabatan",
            title=_("Jabatan"),
            description=_("Semua jabatan di setiap unit kerja, dengan jenis dan jenjangnya."),
            tables=(POSITIONS,),
            formats=("csv", "json"),
        ),
        Dataset(
            slug="popolo",
            title=_("Organisasi dan pejabat (Popolo)"),
            description=_(
                "Unit kerja, jabatan, pegawai dan jabatan utama mereka saat ini dalam format "
                "Popolo (popoloproject.com), satu berkas JSON. Pegawai hanya disebut dengan "
                "public_id dan nama bergelar; pegawai yang laporannya dikecualikan PPID tidak "
                "dicantumkan."
            ),
            tables=(POPOLO_ORGANIZATIONS, POPOLO_POSTS, POPOLO_PERSONS, POPOLO_MEMBERSHIPS),
            formats=("json",),
        ),
    )
}


def file_url(slug: str, fmt: str, period: str | None = None) -> str:
    """The stable address of a dataset's file."""
    kwargs = {"fmt": fmt} if period is None else {"fmt": fmt, "period": period}
    return reverse(f"reports:data-{slug}", kwargs=kwargs)


def periods_with_reports():
    """Periods with at least one published report, newest first (one query)."""
    from reports.models import Period

    return Period.objects.filter(
        Exists(Report.objects.published().filter(period=OuterRef("pk")))
    ).order_by("-end", "-start")
