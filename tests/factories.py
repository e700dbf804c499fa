import datetime

import factory
from django.contrib.auth import get_user_model

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
