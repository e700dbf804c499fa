from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    KRITIK = "kritik", _("Kritik")
    SARAN = "saran", _("Saran")
    ASPIRASI = "aspirasi", _("Aspirasi")
    PENGADUAN = "pengaduan", _("Pengaduan")
    APRESIASI = "apresiasi", _("Apresiasi")


class TargetType(models.TextChoices):
    UNIT = "unit", _("Unit kerja")
    EMPLOYEE = "pegawai", _("Pegawai ASN")
    REPORT = "laporan", _("Laporan kinerja")
    SELECTION = "seleksi", _("Seleksi terbuka")
    CANDIDATE = "kandidat", _("Calon dalam seleksi terbuka")
    FORUM = "forum", _("Forum warga")
    COMMITMENT = "komitmen", _("Komitmen")
    PORTAL = "portal", _("Portal ini")


# The foreign key each target type fills; every other target key stays empty (a check
# constraint). A target that lives in a later app (a selection, a forum) fills no key: its link
# is a model in that app pointing to the submission, registered in feedback.targets.
TARGET_FIELDS: dict[str, str | None] = {
    TargetType.UNIT: "unit",
    TargetType.EMPLOYEE: "employee",
    TargetType.REPORT: "report",
    TargetType.SELECTION: None,
    TargetType.CANDIDATE: None,
    TargetType.FORUM: None,
    TargetType.COMMITMENT: None,
    TargetType.PORTAL: None,
}


class Privacy(models.TextChoices):
    PUBLIK = "publik", _("Publik")
    ANONIM = "anonim", _("Anonim")
    RAHASIA = "rahasia", _("Rahasia")


PRIVACY_HELP = {
    Privacy.PUBLIK: _("Isi dan nama Anda boleh ditampilkan di portal setelah diperiksa moderator."),
    Privacy.ANONIM: _(
        "Isi boleh ditampilkan, tetapi nama Anda disembunyikan dari publik dan dari unit yang "
        "dituju; hanya moderator yang mengetahuinya."
    ),
    Privacy.RAHASIA: _(
        "Masukan tidak pernah ditampilkan di portal; hanya moderator dan unit yang menanganinya "
        "yang membacanya."
    ),
}


class Status(models.TextChoices):
    """The whole lifecycle; this landing only creates `baru`, moderation and answers come next."""

    BARU = "baru", _("Diterima, menunggu pemeriksaan")
    DIVERIFIKASI = "diverifikasi", _("Diverifikasi moderator")
    DITERUSKAN = "diteruskan", _("Diteruskan ke unit")
    DITANGGAPI = "ditanggapi", _("Ditanggapi unit")
    SELESAI = "selesai", _("Selesai")
    DITOLAK = "ditolak", _("Ditolak")


CLOSED_STATUSES = (Status.SELESAI, Status.DITOLAK)

# The moves the database allows (a trigger); a reopened case goes back to the unit.
TRANSITIONS = [
    (Status.BARU, Status.DIVERIFIKASI),
    (Status.BARU, Status.DITOLAK),
    (Status.DIVERIFIKASI, Status.DITERUSKAN),
    (Status.DIVERIFIKASI, Status.DITOLAK),
    (Status.DITERUSKAN, Status.DITANGGAPI),
    (Status.DITERUSKAN, Status.DIVERIFIKASI),
    (Status.DITANGGAPI, Status.SELESAI),
    (Status.DITANGGAPI, Status.DITERUSKAN),
    (Status.SELESAI, Status.DITERUSKAN),
]


class EventKind(models.TextChoices):
    RECEIVED = "diterima", _("Masukan diterima")
    STATUS = "status", _("Status berubah")
    RESPONSE = "tanggapan", _("Tanggapan unit")
    NOTE = "catatan", _("Catatan")
    MODERATION = "moderasi", _("Tindakan moderator")
    FLAGGED = "dilaporkan", _("Dilaporkan pengunjung")
    CLARIFY = "klarifikasi", _("Permintaan klarifikasi")
    ANSWER = "jawaban", _("Jawaban pengirim")
