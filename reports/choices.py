from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    MONTHLY = "bulanan", _("Bulanan")
    QUARTERLY = "triwulanan", _("Triwulanan")
    ANNUAL = "tahunan", _("Tahunan")


class Rating(models.TextChoices):
    ABOVE = "di_atas", _("Di Atas Ekspektasi")
    AS_EXPECTED = "sesuai", _("Sesuai Ekspektasi")
    BELOW = "di_bawah", _("Di Bawah Ekspektasi")


class Predikat(models.TextChoices):
    SANGAT_BAIK = "sangat_baik", _("Sangat Baik")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang/Misconduct")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


# PermenPANRB 6/2022: (hasil kerja, perilaku kerja) -> predikat kinerja pegawai.
PREDIKAT_MATRIX: dict[tuple[str, str], str] = {
    (Rating.ABOVE, Rating.BELOW): Predikat.KURANG,
    (Rating.ABOVE, Rating.AS_EXPECTED): Predikat.BAIK,
    (Rating.ABOVE, Rating.ABOVE): Predikat.SANGAT_BAIK,
    (Rating.AS_EXPECTED, Rating.BELOW): Predikat.KURANG,
    (Rating.AS_EXPECTED, Rating.AS_EXPECTED): Predikat.BAIK,
    (Rating.AS_EXPECTED, Rating.ABOVE): Predikat.BAIK,
    (Rating.BELOW, Rating.BELOW): Predikat.SANGAT_KURANG,
    (Rating.BELOW, Rating.AS_EXPECTED): Predikat.BUTUH_PERBAIKAN,
    (Rating.BELOW, Rating.ABOVE): Predikat.BUTUH_PERBAIKAN,
}

# What each predikat means, for citizens reading a report.
PREDIKAT_EXPLANATION = {
    Predikat.SANGAT_BAIK: _(
        "Hasil kerja dan perilaku kerja sama-sama di atas ekspektasi pimpinan."
    ),
    Predikat.BAIK: _(
        "Hasil kerja dan perilaku kerja memenuhi ekspektasi pimpinan, atau salah satunya "
        "melampauinya."
    ),
    Predikat.BUTUH_PERBAIKAN: _(
        "Hasil kerja di bawah ekspektasi, walaupun perilaku kerja memenuhi atau melampaui "
        "ekspektasi."
    ),
    Predikat.KURANG: _(
        "Perilaku kerja di bawah ekspektasi, walaupun hasil kerja memenuhi atau melampaui "
        "ekspektasi."
    ),
    Predikat.SANGAT_KURANG: _("Hasil kerja dan perilaku kerja sama-sama di bawah ekspektasi."),
}


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    APPROVED = "approved", _("Disetujui")
    PUBLISHED = "published", _("Terbit")
    SUPERSEDED = "superseded", _("Digantikan koreksi")
    WITHDRAWN = "withdrawn", _("Ditarik")


# The workflow; the database refuses any other change of status.
TRANSITIONS: tuple[tuple[str, str], ...] = (
    (ReportStatus.DRAFT, ReportStatus.SUBMITTED),
    (ReportStatus.SUBMITTED, ReportStatus.DRAFT),
    (ReportStatus.SUBMITTED, ReportStatus.APPROVED),
    (ReportStatus.APPROVED, ReportStatus.DRAFT),
    (ReportStatus.APPROVED, ReportStatus.PUBLISHED),
    (ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED),
    (ReportStatus.PUBLISHED, ReportStatus.WITHDRAWN),
)

# Statuses the public sees (a superseded version stays public in the history).
PUBLIC_STATUSES = (ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED, ReportStatus.WITHDRAWN)
IN_PROGRESS_STATUSES = (ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.APPROVED)


class IndicatorKind(models.TextChoices):
    UTAMA = "utama", _("RHK utama")
    TAMBAHAN = "tambahan", _("RHK tambahan")


class Aspect(models.TextChoices):
    KUANTITAS = "kuantitas", _("Kuantitas")
    KUALITAS = "kualitas", _("Kualitas")
    WAKTU = "waktu", _("Waktu")
    BIAYA = "biaya", _("Biaya")


class BerAkhlak(models.TextChoices):
    BERORIENTASI_PELAYANAN = "pelayanan", _("Berorientasi Pelayanan")
    AKUNTABEL = "akuntabel", _("Akuntabel")
    KOMPETEN = "kompeten", _("Kompeten")
    HARMONIS = "harmonis", _("Harmonis")
    LOYAL = "loyal", _("Loyal")
    ADAPTIF = "adaptif", _("Adaptif")
    KOLABORATIF = "kolaboratif", _("Kolaboratif")


class OrganisationPredikat(models.TextChoices):
    ISTIMEWA = "istimewa", _("Istimewa")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")
