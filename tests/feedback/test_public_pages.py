from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from feedback import figures, services
from feedback.choices import Status
from feedback.models import Flag, Routing, Submission
from personnel import roles
from tests.factories import UnitFactory, UserFactory
from tests.feedback.helpers import make_submission
from tests.feedback.test_status_page import PAYLOADS, RAW_MARKERS

pytestmark = pytest.mark.django_db

LIST = reverse("feedback:public-list")
SCORE = reverse("feedback:scoreboard")


def detail_url(submission):
    return reverse("feedback:public-detail", args=[submission.pk])


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    return {
        "root": root,
        "diskominfo": UnitFactory(code="diskominfo", name="Diskominfo", parent=root),
        "dinkes": UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root),
    }


@pytest.fixture
def responder(city):
    return UserFactory(units=[city["root"]], groups=[Group.objects.get(name=roles.UNIT_RESPONDER)])


def at_status(status, unit=None, **fields):
    submission = make_submission(**fields)
    path = [Status.DIVERIFIKASI, Status.DITERUSKAN, Status.DITANGGAPI]
    if status == Status.DITOLAK:
        Submission.objects.filter(pk=submission.pk).update(status=status, closed_at=timezone.now())
    elif status != Status.BARU:
        for step in path[: path.index(status) + 1]:
            Submission.objects.filter(pk=submission.pk).update(status=step)
    if unit is not None:
        Routing.objects.create(submission=submission, unit=unit)
    submission.refresh_from_db()
    return submission


def listed(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response, {s.pk for s in response.context["submissions"]}


def test_only_published_submissions_are_listed(client):
    shown = at_status(Status.DIVERIFIKASI, subject="Publik terverifikasi")
    anonymous = at_status(Status.DITANGGAPI, privacy="anonim", name="Rina Kartika")
    at_status(Status.BARU)
    at_status(Status.DITOLAK)
    at_status(Status.DIVERIFIKASI, privacy="rahasia")
    at_status(Status.DIVERIFIKASI, hidden_at=timezone.now())
    response, pks = listed(client)
    assert pks == {shown.pk, anonymous.pk}
    html = response.content.decode()
    assert "Rina Kartika" not in html
    assert anonymous.code not in html
    assert anonymous.display_code not in html


def test_the_list_shows_responses_signed_by_the_unit(client, responder, city):
    submission = at_status(Status.DITERUSKAN, city["diskominfo"])
    services.unit_respond(
        submission=submission, unit=city["diskominfo"], text="Sudah diperbaiki.", by=responder
    )
    html = client.get(LIST).content.decode()
    assert "Sudah diperbaiki." in html
    assert "— Diskominfo" in html


def test_the_list_filters_by_unit_kind_status_and_overdue(client, city):
    kominfo = at_status(Status.DITERUSKAN, city["diskominfo"], kind="kritik")
    late = at_status(Status.DITERUSKAN, kind="saran")
    Routing.objects.create(
        submission=late, unit=city["dinkes"], respond_due=timezone.localdate() - timedelta(days=1)
    )
    verified = at_status(Status.DIVERIFIKASI, kind="saran")
    assert listed(client, unit="diskominfo")[1] == {kominfo.pk}
    assert listed(client, kind="saran")[1] == {late.pk, verified.pk}
    assert listed(client, status="diverifikasi")[1] == {verified.pk}
    assert listed(client, terlambat="ya")[1] == {late.pk}


@pytest.mark.parametrize("params", [{"unit": "<script>"}, {"kind": "x"}, {"status": "ditolak"}])
def test_a_bad_filter_gets_a_message_not_an_error(client, params):
    at_status(Status.DIVERIFIKASI)
    response = client.get(LIST, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "tidak dikenal" in html
    assert "<script>" not in html


@pytest.mark.parametrize("rows", [10, 45])
def test_the_list_costs_the_same_queries_however_many_rows(
    client, responder, city, rows, django_assert_num_queries
):
    for n in range(rows):
        submission = at_status(Status.DITERUSKAN, city["diskominfo"] if n % 2 else city["dinkes"])
        if n % 3 == 0:
            services.unit_respond(
                submission=submission,
                unit=submission.routings.get().unit,
                text=f"Tanggapan {n}",
                by=responder,
            )
    # count, page, units of the filter, routings, responses
    with django_assert_num_queries(5):
        assert client.get(LIST).status_code == 200


def test_the_item_page_shows_the_public_timeline_and_hides_the_rest(client, city):
    submission = at_status(
        Status.DITERUSKAN,
        city["diskominfo"],
        body="Asli 081234567890",
        public_body="Asli [disamarkan]",
        email="warga@contoh.id",
    )
    response = client.get(detail_url(submission))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Asli [disamarkan]" in html
    assert "081234567890" not in html
    assert "warga@contoh.id" not in html
    assert submission.display_code not in html
    for hidden in (at_status(Status.BARU), at_status(Status.DIVERIFIKASI, privacy="rahasia")):
        assert client.get(detail_url(hidden)).status_code == 404
    assert client.get("/masukan/publik/999999/").status_code == 404


def test_three_flags_on_the_item_page_hide_it(client):
    submission = at_status(Status.DIVERIFIKASI)
    url = reverse("feedback:public-flag", args=[submission.pk])
    for n in range(2):
        response = client.post(url, REMOTE_ADDR=f"198.51.100.{n}")
        assert response.status_code == 302
        assert "dilaporkan=1" in response["Location"]
    client.post(url, REMOTE_ADDR="198.51.100.9")
    assert Flag.objects.count() == 3
    assert client.get(detail_url(submission)).status_code == 404
    assert client.post(url, REMOTE_ADDR="198.51.100.10").status_code == 404
    assert client.get(url).status_code == 405


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_in_public_pages_is_escaped(client, responder, city, payload):
    submission = at_status(
        Status.DITERUSKAN,
        city["diskominfo"],
        subject=f"Judul {payload}",
        body=f"Isi {payload}",
        name=f"Nama {payload}",
    )
    services.unit_respond(
        submission=submission, unit=city["diskominfo"], text=f"Tanggap {payload}", by=responder
    )
    for url in (
        LIST,
        detail_url(submission),
        reverse("personnel:unit-detail", args=["diskominfo"]),
    ):
        html = client.get(url).content.decode()
        for marker in RAW_MARKERS:
            assert marker not in html, url


# --- figures ---------------------------------------------------------------------------------


def aware(day, hour=9):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def test_unit_figures_from_rows_count_working_days_and_the_deadline():
    monday = date(2026, 3, 2)
    rows = [
        # routed Monday, answered Wednesday: 2 working days, on time
        (
            1,
            "Diskominfo",
            "diskominfo",
            aware(monday),
            aware(date(2026, 3, 4)),
            date(2026, 3, 9),
            Status.DITANGGAPI,
        ),
        # routed Monday, answered next Tuesday over a holiday Friday: 5 working days, late
        (
            1,
            "Diskominfo",
            "diskominfo",
            aware(monday),
            aware(date(2026, 3, 10)),
            date(2026, 3, 9),
            Status.SELESAI,
        ),
        # open, past its deadline
        (1, "Diskominfo", "diskominfo", aware(monday), None, date(2026, 3, 9), Status.DITERUSKAN),
        # open, not yet due
        (1, "Diskominfo", "diskominfo", aware(monday), None, date(2026, 3, 20), Status.DITERUSKAN),
        (
            1,
            "Diskominfo",
            "diskominfo",
            aware(monday),
            aware(monday),
            date(2026, 3, 9),
            Status.DITANGGAPI,
        ),
    ]
    result = figures.figures_from_rows(rows, today=date(2026, 3, 11), holidays={date(2026, 3, 6)})
    unit = result[1]
    assert unit.submissions == 5
    assert unit.answered == 3
    assert unit.days == [2, 5, 0]
    assert unit.median_days == 2
    assert unit.decided == 4
    assert unit.on_time_share == 50
    assert unit.open_overdue == 1


def test_fewer_than_five_submissions_give_no_figures():
    rows = [
        (
            1,
            "Dinkes",
            "dinkes",
            aware(date(2026, 3, 2)),
            aware(date(2026, 3, 3)),
            date(2026, 3, 9),
            Status.DITANGGAPI,
        )
    ] * 4
    unit = figures.figures_from_rows(rows, today=date(2026, 3, 11))[1]
    assert not unit.enough
    assert unit.median_days is None
    assert unit.on_time_share is None


def test_the_scoreboard_ranks_units_and_says_when_data_are_short(
    client, responder, city, django_assert_max_num_queries
):
    for _ in range(5):
        fast = at_status(Status.DITERUSKAN, city["diskominfo"])
        services.unit_respond(submission=fast, unit=city["diskominfo"], text="Cepat", by=responder)
    for _ in range(5):
        Routing.objects.create(
            submission=at_status(Status.DITERUSKAN),
            unit=city["dinkes"],
            respond_due=timezone.localdate() - timedelta(days=1),
        )
    lonely = UnitFactory(code="kecamatan", name="Kecamatan Bukit Bestari", parent=city["root"])
    at_status(Status.DITERUSKAN, lonely)
    with django_assert_max_num_queries(4):
        response = client.get(SCORE)
    assert response.status_code == 200
    names = [unit.name for unit in response.context["units"]]
    assert names == ["Diskominfo", "Dinas Kesehatan", "Kecamatan Bukit Bestari"]
    html = response.content.decode()
    assert "belum cukup data" in html
    assert "100%" in html
    dinkes = response.context["units"][1]
    assert dinkes.open_overdue == 5
    assert dinkes.on_time_share == 0


def test_the_unit_page_shows_its_feedback_figures(client, responder, city):
    for _ in range(5):
        submission = at_status(Status.DITERUSKAN, city["diskominfo"], subject="Antrean")
        services.unit_respond(
            submission=submission, unit=city["diskominfo"], text="Ya", by=responder
        )
    html = client.get(reverse("personnel:unit-detail", args=["diskominfo"])).content.decode()
    assert "Median waktu tanggapan pertama" in html
    assert "100%" in html
    assert detail_url(submission) in html
    other = client.get(reverse("personnel:unit-detail", args=["dinkes"])).content.decode()
    assert "belum cukup data" in other


def test_public_pages_name_no_employee_and_the_status_page_links_to_the_item(client):
    from tests.factories import EmployeeFactory

    employee = EmployeeFactory(name="Sutan Pegawai Contoh")
    submission = at_status(Status.DIVERIFIKASI, target_type="pegawai", employee=employee)
    for url in (LIST, detail_url(submission)):
        html = client.get(url).content.decode()
        assert "Sutan Pegawai Contoh" not in html
        assert "Pegawai ASN" in html or url == LIST
    status_html = client.get(
        reverse("feedback:lookup"), {"kode": submission.display_code}
    ).content.decode()
    assert detail_url(submission) in status_html
    secret = at_status(Status.DIVERIFIKASI, privacy="rahasia")
    secret_html = client.get(reverse("feedback:lookup"), {"kode": secret.display_code})
    assert detail_url(secret) not in secret_html.content.decode()
