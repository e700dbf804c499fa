from django.db import models
from django.utils.translation import gettext_lazy as _


class StageKind(models.TextChoices):
    """The stages of a seleksi terbuka JPT, in the order they must run."""

    ANNOUNCEMENT = "pengumuman", _("Pengumuman dan pendaftaran")
    ADMINISTRATION = "administrasi", _("Seleksi administrasi")
    TRACK_RECORD = "rekam_jejak", _("Penelusuran rekam jejak")
    COMPETENCY = "kompetensi", _("Asesmen kompetensi")
    PAPER = "makalah", _("Penulisan dan presentasi makalah")
    INTERVIEW = "wawancara", _("Wawancara akhir")
    HEALTH = "kesehatan", _("Tes kesehatan")
    FINAL_THREE = "tiga_besar", _("Penetapan tiga besar")
    APPOINTMENT = "pelantikan", _("Penetapan dan pelantikan")


STAGE_ORDER = {kind: position for position, kind in enumerate(StageKind.values, start=1)}

# Stages whose results name who passed; the others are dates on the timeline.
STAGES_WITH_RESULTS = frozenset(
    {
        StageKind.ADMINISTRATION,
        StageKind.TRACK_RECORD,
        StageKind.COMPETENCY,
        StageKind.PAPER,
        StageKind.INTERVIEW,
        StageKind.HEALTH,
        StageKind.FINAL_THREE,
    }
)


class PanelRole(models.TextChoices):
    CHAIR = "ketua", _("Ketua")
    SECRETARY = "sekretaris", _("Sekretaris")
    MEMBER = "anggota", _("Anggota")


class Outcome(models.TextChoices):
    PASSED = "lulus", _("Memenuhi syarat / lulus")
    FAILED = "tidak_lulus", _("Tidak lulus")
    WITHDREW = "mundur", _("Mengundurkan diri")
