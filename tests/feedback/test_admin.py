import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from feedback.models import Submission
from personnel import roles
from tests.factories import UnitFactory, UserFactory
from tests.feedback.helpers import make_submission

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:feedback_submission_changelist")


def change_url(submission):
    return reverse("admin:feedback_submission_change", args=[submission.pk])


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    return {
        "root": root,
        "diskominfo": UnitFactory(code="diskominfo", name="Diskominfo", parent=root),
        "dinkes": UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root),
    }


@pytest.fixture
def moderator(city):
    return UserFactory(units=[city["root"]], groups=[Group.objects.get(name=roles.MODERATOR)])


@pytest.fixture
def responder(city):
    return UserFactory(
        units=[city["diskominfo"]], groups=[Group.objects.get(name=roles.UNIT_RESPONDER)]
    )


def listed(client, user):
    client.force_login(user)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    return {s.pk for s in response.context["cl"].result_list}


def test_the_groups_carry_the_feedback_permissions():
    moderator = set(
        Group.objects.get(name=roles.MODERATOR).permissions.values_list("codename", flat=True)
    )
    responder = set(
        Group.objects.get(name=roles.UNIT_RESPONDER).permissions.values_list("codename", flat=True)
    )
    assert {"view_submission", "moderate_submission"} <= moderator
    assert "view_submission" in responder
    assert "moderate_submission" not in responder


def test_a_moderator_sees_every_submission_with_its_contact(client, moderator, city):
    anonymous = make_submission(
        privacy="anonim", name="Rina Kartika", email="rina@contoh.id", phone="081234567890"
    )
    other = make_submission(target_type="unit", unit=city["dinkes"])
    assert listed(client, moderator) == {anonymous.pk, other.pk}
    html = client.get(change_url(anonymous)).content.decode()
    assert "Rina Kartika" in html
    assert "rina@contoh.id" in html


def test_a_unit_responder_sees_nothing_before_routing(client, responder, city):
    make_submission(target_type="unit", unit=city["diskominfo"])
    assert listed(client, responder) == set()


def test_a_unit_responder_sees_what_is_routed_to_their_unit_without_identity(
    client, responder, city
):
    mine = make_submission(
        privacy="anonim",
        name="Rina Kartika",
        email="rina@contoh.id",
        phone="081234567890",
        routed_to=city["diskominfo"],
    )
    public = make_submission(
        privacy="publik", name="Budi Santoso", email="budi@contoh.id", routed_to=city["diskominfo"]
    )
    elsewhere = make_submission(routed_to=city["dinkes"])
    assert listed(client, responder) == {mine.pk, public.pk}
    html = client.get(change_url(mine)).content.decode()
    assert "Rina Kartika" not in html
    assert "rina@contoh.id" not in html
    assert "081234567890" not in html
    public_html = client.get(change_url(public)).content.decode()
    assert "Budi Santoso" in public_html
    assert "budi@contoh.id" not in public_html
    assert client.get(change_url(elsewhere)).status_code == 403


def test_nobody_adds_changes_or_deletes_submissions_in_the_admin(client, moderator):
    submission = make_submission()
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(reverse("admin:feedback_submission_add")).status_code == 403
    response = client.post(change_url(submission), {"subject": "diubah"})
    assert response.status_code == 403
    assert (
        client.get(reverse("admin:feedback_submission_delete", args=[submission.pk])).status_code
        == 403
    )
    submission.refresh_from_db()
    assert submission.subject == "Judul masukan"


def test_a_staff_user_without_the_permission_is_refused(client, city):
    client.force_login(UserFactory(units=[city["root"]]))
    assert client.get(CHANGELIST).status_code == 403


def test_the_admin_finds_a_submission_by_its_code_however_typed(client, moderator):
    submission = make_submission()
    make_submission()
    client.force_login(moderator)
    typed = submission.display_code.lower().replace("-", " ")
    response = client.get(CHANGELIST, {"q": typed})
    assert [s.pk for s in response.context["cl"].result_list] == [submission.pk]


@pytest.mark.parametrize("rows", [10, 60])
def test_the_changelist_costs_the_same_queries_however_many_rows(
    client, moderator, city, rows, django_assert_max_num_queries
):
    for n in range(rows):
        make_submission(target_type="unit", unit=city["dinkes"] if n % 2 else city["diskominfo"])
    client.force_login(moderator)
    with django_assert_max_num_queries(14):
        assert client.get(CHANGELIST).status_code == 200
    assert Submission.objects.count() == rows
