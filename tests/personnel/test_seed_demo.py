from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from feedback.models import Assessment, Submission
from personnel import roles
from personnel.choices import PPPK_GOLONGAN, EmployeeStatus, EmploymentType
from personnel.demo import DEMO_PASSWORD, DEMO_USERS, KECAMATAN, seed_demo
from personnel.models import Assignment, Employee, Position, StaffScope, Unit
from personnel.nip import decode_pns_nip
from tests.reports.test_seed_reports import wipe_reports

pytestmark = pytest.mark.django_db

SMALL = "300"


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    return seed("--employees", SMALL)


def wipe_later_apps():
    """The command also seeds selections, forums and training, which protect people and units."""
    from forums.models import Commitment, FeedbackLink, Forum, ForumAspiration
    from selection.models import FeedbackLink as SelectionFeedbackLink
    from selection.models import Selection
    from training.models import TrainingEvent, TrainingRecord

    FeedbackLink.objects.all().delete()  # feedback about a forum or commitment protects it
    SelectionFeedbackLink.objects.all().delete()
    Selection.objects.update(appointed=None, appointed_on=None)
    Selection.objects.all().delete()
    Commitment.objects.all().delete()
    ForumAspiration.objects.all().delete()
    Forum.objects.all().delete()
    TrainingRecord.objects.all().delete()
    TrainingEvent.objects.all().delete()


def wipe_personnel():
    wipe_later_apps()
    Submission.objects.all().delete()  # demo feedback protects the units it targets
    Assessment.objects.all().delete()
    wipe_reports()  # the command seeds reports too, and they protect the employees
    Assignment.objects.all().delete()
    Employee.objects.all().delete()
    StaffScope.objects.all().delete()
    Position.objects.all().delete()
    while Unit.objects.exists():  # leaves first: a unit protects its parent
        Unit.objects.filter(children__isnull=True).delete()


def test_the_tree_has_the_four_kecamatan_each_with_its_kelurahan(seeded):
    kecamatan = Unit.objects.filter(kind="kecamatan", parent__code="pemkot")
    found = {
        kec.name.removeprefix("Kecamatan "): sorted(
            kel.name.removeprefix("Kelurahan ") for kel in kec.children.filter(kind="kelurahan")
        )
        for kec in kecamatan
    }
    assert found == {kec: sorted(kels) for kec, kels in KECAMATAN.items()}
    assert sum(len(kels) for kels in found.values()) == 18


def test_bkpsdm_hangs_directly_under_the_pemerintah_kota(seeded):
    bkpsdm = Unit.objects.select_related("parent").get(code="bkpsdm")
    assert bkpsdm.parent.code == "pemkot"
    assert bkpsdm.parent.parent is None
    assert Unit.objects.get(code="kel-dompak").parent.code == "kec-bukit-bestari"


def test_the_same_seed_gives_the_same_employees_after_a_wipe(seeded):
    def snapshot():
        return sorted(Employee.objects.values_list("nip", "public_id", "name", "golongan"))

    first = snapshot()
    wipe_personnel()
    seed("--employees", SMALL)
    assert snapshot() == first


def test_another_seed_gives_other_employees(seeded):
    first = set(Employee.objects.values_list("nip", flat=True))
    wipe_personnel()
    seed("--employees", SMALL, "--seed", "7")
    assert set(Employee.objects.values_list("nip", flat=True)) != first


def test_a_second_run_creates_nothing_and_says_so(seeded):
    def counts():
        return [
            model.objects.count()
            for model in (Unit, Position, Employee, Assignment, StaffScope, get_user_model())
        ]

    before = counts()
    output = seed("--employees", SMALL)
    assert counts() == before
    assert "Demo: 0 unit baru, 0 jabatan baru, 0 pegawai baru" in output


def test_the_first_run_reports_what_it_created(seeded):
    assert f"{Employee.objects.count()} pegawai baru" in seeded
    assert f"{Unit.objects.count()} unit baru" in seeded


def test_every_pns_nip_decodes_to_the_stored_birth_date_tmt_and_gender(seeded):
    pns = Employee.objects.filter(employment_type=EmploymentType.PNS)
    assert pns.exists()
    for employee in pns:
        decoded = decode_pns_nip(employee.nip)
        assert (decoded.birth_date, decoded.tmt_cpns, decoded.gender) == (
            employee.birth_date,
            employee.tmt_cpns,
            employee.gender,
        ), employee.nip


def test_pppk_have_eighteen_digit_numbers_roman_golongan_and_no_tmt_cpns(seeded):
    pppk = Employee.objects.filter(employment_type=EmploymentType.PPPK)
    assert pppk.exists()
    for employee in pppk:
        assert len(employee.nip) == 18 and employee.nip.isdigit()
        assert employee.golongan in PPPK_GOLONGAN
        assert employee.tmt_cpns is None
        assert employee.birth_date is not None


def test_each_active_employee_has_exactly_one_current_primary_assignment(seeded):
    current = Assignment.objects.primary().current()
    per_employee = Counter(current.values_list("employee_id", flat=True))
    active = set(Employee.objects.active().values_list("pk", flat=True))
    assert set(per_employee) == active
    assert set(per_employee.values()) == {1}


def test_retired_employees_have_no_current_assignment(seeded):
    retired = Employee.objects.filter(status=EmployeeStatus.RETIRED)
    assert retired.exists()
    assert not Assignment.objects.current().filter(employee__in=retired).exists()


def test_every_unit_with_staff_has_exactly_one_head_position(seeded):
    staffed = set(Assignment.objects.values_list("position__unit_id", flat=True))
    heads = Counter(Position.objects.filter(is_head=True).values_list("unit_id", flat=True))
    assert staffed and {unit: heads[unit] for unit in staffed} == dict.fromkeys(staffed, 1)


def test_each_head_position_is_held_by_one_person_at_a_time(seeded):
    holders = Counter(
        Assignment.objects.primary()
        .current()
        .filter(position__is_head=True)
        .values_list("position_id", flat=True)
    )
    assert holders and set(holders.values()) == {1}


@pytest.mark.parametrize("spec", DEMO_USERS, ids=lambda spec: spec.username)
def test_each_demo_user_has_its_role_scope_and_the_demo_password(seeded, spec):
    user = get_user_model().objects.get(username=spec.username)
    assert user.is_staff
    assert user.is_superuser == spec.superuser
    assert user.check_password(DEMO_PASSWORD)
    groups = set(user.groups.values_list("name", flat=True))
    assert groups == ({spec.group} if spec.group else set())
    scopes = set(user.unit_scopes.values_list("unit__code", flat=True))
    assert scopes == ({spec.scope} if spec.scope else set())


def test_the_demo_roles_are_the_project_groups():
    assert {spec.group for spec in DEMO_USERS if spec.group} == set(roles.ALL_GROUPS)


def test_a_password_a_demo_user_changed_survives_another_run(seeded):
    user = get_user_model().objects.get(username="verifikator")
    user.set_password("kata-sandi-baru-saya")
    user.save()
    seed("--employees", SMALL)
    user.refresh_from_db()
    assert user.check_password("kata-sandi-baru-saya")


def test_the_default_run_creates_about_five_thousand_employees_a_fifth_pppk():
    # The personnel part alone: the reports of 5,000 people would add a minute and test nothing
    # more about the city's staff.
    result = seed_demo()
    total = Employee.objects.count()
    assert 4900 <= total <= 5100
    pppk = Employee.objects.filter(employment_type=EmploymentType.PPPK).count()
    assert 0.15 <= pppk / total <= 0.25
    assert f"{total} pegawai baru" in result.summary()
    kelurahan = Employee.objects.in_units(Unit.objects.filter(code="kel-penyengat")).count()
    assert 8 <= kelurahan <= 15
