"""ASN training: events with their JP, and who attended (the right to 20 JP a year)."""

import pgtrigger
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from personnel.audit import audited
from personnel.models import Employee, ImportRecord

RECORD_JP_SQL = """
    IF NEW.jp > (SELECT jp FROM training_trainingevent WHERE id = NEW.event_id) THEN
        RAISE EXCEPTION 'training: credited JP exceed the JP of the training'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
"""

# PP 17/2020 (Pasal 203): each PNS has the right to at least 20 JP of development a year.
YEARLY_JP_RIGHT = 20


class Topic(models.TextChoices):
    ICT = "tik", _("Teknologi informasi dan komunikasi")
    PUBLIC_SERVICE = "pelayanan", _("Pelayanan publik")
    MANAGERIAL = "manajerial", _("Kepemimpinan dan manajerial")
    TECHNICAL = "teknis", _("Teknis bidang tugas")
    FUNCTIONAL = "fungsional", _("Jabatan fungsional")
    SOCIOCULTURAL = "sosiokultural", _("Sosial kultural dan wawasan kebangsaan")
    FINANCE = "keuangan", _("Keuangan dan pengadaan")
    OTHER = "lainnya", _("Lainnya")


class Mode(models.TextChoices):
    CLASSICAL = "klasikal", _("Klasikal (tatap muka)")
    ONLINE = "daring", _("Daring")
    BLENDED = "campuran", _("Campuran")


class TrainingEventQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(end__year=year)


@audited()
class TrainingEvent(models.Model):
    code = models.SlugField(
        _("kode"),
        max_length=40,
        unique=True,
        help_text=_("Kode pelatihan yang dipakai juga di berkas impor, misalnya «tik-2026-03»."),
    )
    title = models.CharField(_("judul"), max_length=200)
    topic = models.CharField(_("rumpun"), max_length=16, choices=Topic.choices)
    provider = models.CharField(
        _("penyelenggara"),
        max_length=200,
        help_text=_("Misalnya «BKPSDM Kota Tanjungpinang» atau «BPSDM Provinsi Kepri»."),
    )
    mode = models.CharField(_("bentuk"), max_length=10, choices=Mode.choices)
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))
    jp = models.PositiveSmallIntegerField(
        _("JP"), help_text=_("Jam pelajaran seluruh pelatihan (1 JP = 45 menit).")
    )
    venue = models.CharField(_("tempat"), max_length=200, blank=True)
    description = models.TextField(_("keterangan"), blank=True)

    objects = TrainingEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("pelatihan")
        verbose_name_plural = _("pelatihan")
        ordering = ["-start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="training_end_after_start"
            ),
            models.CheckConstraint(condition=Q(jp__gte=1, jp__lte=1000), name="training_jp_range"),
        ]
        indexes = [models.Index(fields=["end"], name="training_event_end")]

    def __str__(self):
        return f"{self.title} ({self.start:%Y})"

    def get_absolute_url(self):
        return reverse("training:calendar") + f"#pelatihan-{self.code}"


class TrainingRecordQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(event__end__year=year)


@audited()
class TrainingRecord(models.Model):
    """An employee's attendance of a training event, with the JP they were credited."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("pegawai"), on_delete=models.PROTECT, related_name="training"
    )
    event = models.ForeignKey(
        TrainingEvent,
        verbose_name=_("pelatihan"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    jp = models.PositiveSmallIntegerField(
        _("JP diakui"),
        help_text=_("Paling banyak JP pelatihannya; kurang bila hanya mengikuti sebagian."),
    )
    certificate_number = models.CharField(_("nomor sertifikat"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("kehadiran pelatihan")
        verbose_name_plural = _("kehadiran pelatihan")
        ordering = ["event", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "event"], name="training_once_per_event"),
            models.CheckConstraint(condition=Q(jp__gte=1), name="training_record_jp_positive"),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="training_record_within_event_jp",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func=RECORD_JP_SQL,
            )
        ]

    def __str__(self):
        return f"{self.employee} – {self.event}"

    def clean(self):
        if self.event_id and self.jp and self.jp > self.event.jp:
            raise ValidationError(
                {"jp": _("JP diakui melebihi JP pelatihannya (%(jp)s).") % {"jp": self.event.jp}}
            )


class TrainingImport(ImportRecord):
    """One upload of a training attendance file (see docs/import.md)."""

    created_count = models.PositiveIntegerField(_("kehadiran baru"), default=0)
    updated_count = models.PositiveIntegerField(_("kehadiran diperbarui"), default=0)
    unchanged_count = models.PositiveIntegerField(_("tanpa perubahan"), default=0)

    COUNT_FIELDS = ("created_count", "updated_count", "unchanged_count")

    class Meta(ImportRecord.Meta):
        verbose_name = _("impor kehadiran pelatihan")
        verbose_name_plural = _("impor kehadiran pelatihan")
        permissions = [
            ("import_training", _("Dapat mengimpor kehadiran pelatihan dari berkas")),
        ]
