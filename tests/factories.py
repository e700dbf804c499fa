import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from personnel.choices import EmploymentType, JabatanType, UnitKind
from personnel.models import Assignment, Employee, Position, StaffScope, Unit
from personnel.nip import compose_pns_nip


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    kind = UnitKind.DINAS


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Pengadministrasi Umum {n}")
    jabatan_type = JabatanType.PELAKSANA
    level = ""


class EmployeeFactory(factory.django.DjangoModelFactory):
    """A PNS whose NIP, birth date, TMT CPNS and gender agree."""

    class Meta:
        model = Employee

    class Params:
        sequence_no = factory.Sequence(lambda n: n % 999 + 1)

    employment_type = EmploymentType.PNS
    name = factory.Sequence(lambda n: f"Pegawai Contoh {n}")
    gender = "L"
    birth_date = factory.Sequence(
        lambda n: datetime.date(1970, 1, 1) + datetime.timedelta(days=n // 999 * 7 + n % 28)
    )
    tmt_cpns = factory.LazyAttribute(lambda o: datetime.date(o.birth_date.year + 25, 3, 1))
    nip = factory.LazyAttribute(
        lambda o: compose_pns_nip(o.birth_date, o.tmt_cpns, o.gender, o.sequence_no)
    )
    golongan = "III/a"


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    employee = factory.SubFactory(EmployeeFactory)
    position = factory.SubFactory(PositionFactory)
    start = datetime.date(2020, 1, 1)
    end = None
    is_primary = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staf{n}")
    is_staff = True
    password = factory.django.Password("rahasia-uji-123")

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        for unit in extracted or ():
            StaffScope.objects.create(user=self, unit=unit)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(*extracted)


# --------------------------------------------------------------------------- reports


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reports.Period"
        django_get_or_create = ("kind", "year", "number")

    kind = "tahunan"
    year = 2025
    number = 1


class ReportFactory(factory.django.DjangoModelFactory):
    """A draft report of an employee placed in a unit, with two indicators.

    Pass `status="published"` (or submitted/approved) to walk it through the workflow the way
    the database allows: indicators go in while it is a draft, then the status moves on.
    """

    class Meta:
        model = "reports.Report"
        skip_postgeneration_save = True

    status = "draft"  # taken out in _create and reached through the workflow afterwards
    employee = factory.SubFactory(EmployeeFactory)
    period = factory.SubFactory(PeriodFactory)
    unit = factory.SubFactory(UnitFactory)
    position_title = "Pengadministrasi Umum"
    jabatan_type = "pelaksana"
    golongan = factory.SelfAttribute("employee.golongan")
    hasil_kerja = "sesuai"
    perilaku = "sesuai"

    @factory.post_generation
    def indicators(self, create, extracted, **kwargs):
        if not create:
            return
        from reports.models import Indicator

        count = 2 if extracted is None else extracted
        Indicator.objects.bulk_create(
            Indicator(
                report=self,
                rhk=f"Terlaksananya layanan administrasi {n}",
                aspect="kuantitas",
                iki=f"Jumlah dokumen yang diselesaikan {n}",
                target="120 dokumen",
                realisasi="118 dokumen",
                order=n,
            )
            for n in range(count)
        )

    @factory.post_generation
    def walk(self, create, extracted, **kwargs):
        if create and self._status != "draft":
            advance(self, self._status)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        status = kwargs.pop("status", "draft")
        report = super()._create(model_class, *args, **kwargs)
        report._status = status
        return report


def advance(report, status):
    """Move a report along the workflow to `status` with plain updates (no permission checks)."""
    from django.utils import timezone

    from reports.models import Report

    path = ["draft", "submitted", "approved", "published"]
    if status in ("superseded", "withdrawn"):
        advance(report, "published")
        extra = {"withdrawal_reason": "Data salah"} if status == "withdrawn" else {}
        Report.objects.filter(pk=report.pk).update(status=status, **extra)
    else:
        for step in path[path.index(report.status) + 1 : path.index(status) + 1]:
            stamps = {"published_at": timezone.now()} if step == "published" else {}
            Report.objects.filter(pk=report.pk).update(status=step, **stamps)
    report.refresh_from_db()
    return report


# --------------------------------------------------------------------------- selection


class SelectionFactory(factory.django.DjangoModelFactory):
    """An announced selection; pass `schedule=date` for the nine stages from that day on."""

    class Meta:
        model = "selection.Selection"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Seleksi Terbuka JPT Pratama Kepala Dinas {n}")
    slug = factory.Sequence(lambda n: f"jpt-{n}")
    unit = factory.SubFactory(UnitFactory)
    legal_basis = "PermenPANRB 15/2019"
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    @factory.post_generation
    def schedule(self, create, extracted, **kwargs):
        """Nine stages of a week each, one after the other, from `extracted` (a date)."""
        if not create or extracted is None:
            return
        from selection.choices import StageKind
        from selection.models import Stage

        for n, kind in enumerate(StageKind.values):
            start = extracted + datetime.timedelta(days=7 * n)
            Stage.objects.create(
                selection=self, kind=kind, start=start, end=start + datetime.timedelta(days=5)
            )


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "selection.Candidate"

    selection = factory.SubFactory(SelectionFactory)
    registration_number = factory.Sequence(lambda n: f"P-{n:04d}")
    name = factory.Sequence(lambda n: f"Calon Contoh {n}")
    current_position = "Kepala Bidang Perencanaan"
    current_agency = "Bappeda Kota Tanjungpinang"


# --------------------------------------------------------------------------- training


class TrainingEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.TrainingEvent"

    code = factory.Sequence(lambda n: f"pelatihan-{n}")
    title = factory.Sequence(lambda n: f"Pelatihan Contoh {n}")
    topic = "tik"
    provider = "BKPSDM Kota Tanjungpinang"
    mode = "klasikal"
    start = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=10))
    end = factory.SelfAttribute("start")
    jp = 12


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.TrainingRecord"

    employee = factory.SubFactory(EmployeeFactory)
    event = factory.SubFactory(TrainingEventFactory)
    jp = factory.SelfAttribute("event.jp")


# --------------------------------------------------------------------------- forums


class ForumFactory(factory.django.DjangoModelFactory):
    """An announced forum a week from now, two hours long, with 20 seats."""

    class Meta:
        model = "forums.Forum"

    title = factory.Sequence(lambda n: f"Forum Warga Kelurahan Contoh {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue = "Aula Kantor Lurah"
    agenda = "Pelayanan administrasi kependudukan"
    capacity = 20
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.Commitment"

    title = factory.Sequence(lambda n: f"Memperbaiki lampu jalan di RW {n}")
    unit = factory.SubFactory(UnitFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
