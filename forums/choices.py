from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    REGISTERED = "terdaftar", _("Terdaftar")
    WAITING = "menunggu", _("Daftar tunggu")
    CANCELLED = "batal", _("Batal")


class CommitmentStatus(models.TextChoices):
    PLANNED = "direncanakan", _("Direncanakan")
    ONGOING = "berjalan", _("Sedang berjalan")
    DONE = "selesai", _("Selesai")
    DROPPED = "dibatalkan", _("Dibatalkan")


CLOSED_COMMITMENT = (CommitmentStatus.DONE, CommitmentStatus.DROPPED)
