from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PEMERINTAH_KOTA = "pemkot", _("Pemerintah kota")
    SEKRETARIAT = "sekretariat", _("Sekretariat")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    SATUAN = "satuan", _("Satuan")
    RSUD = "rsud", _("Rumah sakit umum daerah")
    BAGIAN = "bagian", _("Bagian")
    UPTD = "uptd", _("Unit pelaksana teknis daerah")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")


class EmploymentType(models.TextChoices):
    PNS = "pns", _("PNS")
    PPPK = "pppk", _("PPPK")


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class EmployeeStatus(models.TextChoices):
    ACTIVE = "aktif", _("Aktif")
    RETIRED = "pensiun", _("Pensiun")
    LEFT = "berhenti", _("Berhenti")


class JabatanType(models.TextChoices):
    JPT = "jpt", _("Jabatan pimpinan tinggi")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    PELAKSANA = "pelaksana", _("Pelaksana")
    FUNGSIONAL_KEAHLIAN = "fungsional_keahlian", _("Fungsional keahlian")
    FUNGSIONAL_KETERAMPILAN = "fungsional_keterampilan", _("Fungsional keterampilan")


class JabatanLevel(models.TextChoices):
    NONE = "", _("(tanpa jenjang)")
    JPT_UTAMA = "utama", _("Utama")
    JPT_MADYA = "madya", _("Madya")
    JPT_PRATAMA = "pratama", _("Pratama")
    AHLI_PERTAMA = "ahli_pertama", _("Ahli pertama")
    AHLI_MUDA = "ahli_muda", _("Ahli muda")
    AHLI_MADYA = "ahli_madya", _("Ahli madya")
    AHLI_UTAMA = "ahli_utama", _("Ahli utama")
    PEMULA = "pemula", _("Pemula")
    TERAMPIL = "terampil", _("Terampil")
    MAHIR = "mahir", _("Mahir")
    PENYELIA = "penyelia", _("Penyelia")


# Which jenjang each jabatan type allows; the database enforces the same table.
LEVELS_BY_TYPE: dict[str, tuple[str, ...]] = {
    JabatanType.JPT: (JabatanLevel.JPT_UTAMA, JabatanLevel.JPT_MADYA, JabatanLevel.JPT_PRATAMA),
    JabatanType.ADMINISTRATOR: ("",),
    JabatanType.PENGAWAS: ("",),
    JabatanType.PELAKSANA: ("",),
    JabatanType.FUNGSIONAL_KEAHLIAN: (
        JabatanLevel.AHLI_PERTAMA,
        JabatanLevel.AHLI_MUDA,
        JabatanLevel.AHLI_MADYA,
        JabatanLevel.AHLI_UTAMA,
    ),
    JabatanType.FUNGSIONAL_KETERAMPILAN: (
        JabatanLevel.PEMULA,
        JabatanLevel.TERAMPIL,
        JabatanLevel.MAHIR,
        JabatanLevel.PENYELIA,
    ),
}

# PNS golongan/ruang with the pangkat each carries, lowest first.
PNS_GOLONGAN: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}

PPPK_GOLONGAN: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip

GOLONGAN_BY_TYPE: dict[str, tuple[str, ...]] = {
    EmploymentType.PNS: tuple(PNS_GOLONGAN),
    EmploymentType.PPPK: PPPK_GOLONGAN,
}

GOLONGAN_CHOICES = [
    (_("PNS"), [(code, f"{code} – {pangkat}") for code, pangkat in PNS_GOLONGAN.items()]),
    (_("PPPK"), [(code, code) for code in PPPK_GOLONGAN]),
]

# The order golongan are listed in on public tables (PNS ranks, then PPPK grades).
GOLONGAN_ORDER: tuple[str, ...] = tuple(PNS_GOLONGAN) + PPPK_GOLONGAN
