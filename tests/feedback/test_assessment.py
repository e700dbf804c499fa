"""Penilaian masyarakat: counted once confirmed by e-mail, one per e-mail per target per
quarter, shown beside the official predikat and never mixed into it."""

import datetime
import time
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from feedback import assessments, confirmation
from feedback.forms import rendered_token
from feedback.models import Assessment
from tests.factories import EmployeeFactory, UnitFactory

pytestmark = pytest.mark.django_db

ASSESS = reverse("feedback:assess")


def form(**overrides):
    return {
        "rating": "4",
        "nilai_pelayanan": "5",
        "nilai_akuntabel": "",
        "comment": "Petugas ramah, antrean tertib.",
        "email": "warga@contoh.id",
        "consent": "on",
        "situs_web": "",
        "rendered": rendered_token(time.time() - 10),
        **overrides,
    }


@pytest.fixture
def unit():
    return UnitFactory(code="dinkes", name="Dinas Kesehatan")


def send(client, target, captured, **overrides):
    with captured(execute=True):
        return client.post(ASSESS, {**target, **form(**overrides)})


def confirm_path():
    body = mail.outbox[-1].body
    line = next(line for line in body.splitlines() if "/masukan/nilai/konfirmasi/" in line)
    return line[line.index("/masukan/") :]


def test_an_assessment_counts_only_after_its_email_confirmation(
    client, unit, django_capture_on_commit_callbacks
):
    response = send(client, {"unit": "dinkes"}, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    stored = Assessment.objects.get()
    assert (stored.rating, stored.unit, stored.confirmed_at) == (4, unit, None)
    assert list(stored.values.values_list("value", "rating")) == [("pelayanan", 5)]
    assert assessments.summary(unit=unit).count == 0
    assert "dikonfirmasi" in client.get(confirm_path()).content.decode()
    assert assessments.summary(unit=unit).count == 1


def test_a_confirmation_link_works_once(client, unit, django_capture_on_commit_callbacks):
    send(client, {"unit": "dinkes"}, django_capture_on_commit_callbacks)
    path = confirm_path()
    client.get(path)
    again = client.get(path)
    assert again.status_code == 400
    assert "sudah dikonfirmasi" in again.content.decode()


def test_a_confirmation_link_expires_after_48_hours(
    client, unit, django_capture_on_commit_callbacks
):
    send(client, {"unit": "dinkes"}, django_capture_on_commit_callbacks)
    path = confirm_path()
    later = time.time() + 49 * 3600
    with mock.patch("time.time", return_value=later):
        response = client.get(path)
    assert response.status_code == 400
    assert "kedaluwarsa" in response.content.decode()
    assert Assessment.objects.confirmed().count() == 0


def test_one_assessment_per_email_per_target_per_quarter(
    client, unit, django_capture_on_commit_callbacks
):
    send(client, {"unit": "dinkes"}, django_capture_on_commit_callbacks)
    client.get(confirm_path())
    send(client, {"unit": "dinkes"}, django_capture_on_commit_callbacks, rating="1")
    response = client.get(confirm_path())
    assert response.status_code == 400
    assert "sudah menilai" in response.content.decode()
    assert [a.rating for a in Assessment.objects.confirmed()] == [4]
    # Another target, or another e-mail, is another assessment.
    other = UnitFactory(code="disdik")
    send(client, {"unit": other.code}, django_capture_on_commit_callbacks)
    assert client.get(confirm_path()).status_code == 200


def test_an_employee_can_be_assessed_and_the_figure_stays_beside_the_predikat(
    client, django_capture_on_commit_callbacks
):
    employee = EmployeeFactory(name="Siti Aminah")
    for n in range(5):
        send(
            client,
            {"asn": employee.public_id},
            django_capture_on_commit_callbacks,
            email=f"w{n}@contoh.id",
            rating=str(3 + n % 3),
        )
        client.get(confirm_path())
    summary = assessments.summary(employee=employee)
    assert (summary.count, round(summary.average, 1)) == (5, 3.8)
    html = client.get(reverse("reports:employee-detail", args=[employee.public_id])).content
    html = html.decode()
    assert "Penilaian masyarakat" in html and "3,8" in html
    assert "w0@contoh.id" not in html


def test_under_five_assessments_no_figure_is_shown(client, unit):
    Assessment.objects.create(
        target_type="unit",
        unit=unit,
        period="2026-T4",
        rating=1,
        email="a@contoh.id",
        email_key="k",
        address_key="a",
        confirmed_at=timezone.now(),
    )
    html = client.get(reverse("personnel:unit-detail", args=["dinkes"])).content.decode()
    assert "Belum cukup penilaian" in html


def test_a_filled_honeypot_gets_the_usual_page_and_stores_nothing(
    client, unit, django_capture_on_commit_callbacks
):
    response = send(client, {"unit": "dinkes"}, django_capture_on_commit_callbacks, situs_web="x")
    assert response.status_code == 200
    assert not Assessment.objects.exists() and mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [({"rating": "9"}, "Pilih nilai 1 sampai 5"), ({"consent": ""}, "Tanpa persetujuan ini")],
    ids=["rating", "consent"],
)
def test_bad_input_is_explained_and_stores_nothing(client, unit, overrides, message):
    response = client.post(ASSESS, {"unit": "dinkes", **form(**overrides)})
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert not Assessment.objects.exists()


def test_an_unknown_target_is_a_404_with_a_message(client):
    response = client.get(ASSESS, {"unit": "tidak-ada"})
    assert response.status_code == 404
    assert "tidak ditemukan" in response.content.decode()


def test_the_quarter_of_a_day():
    assert assessments.quarter(datetime.date(2026, 11, 29)) == "2026-T4"
    assert assessments.quarter(datetime.date(2026, 1, 1)) == "2026-T1"


def test_the_demo_assesses_front_office_units_once():
    from feedback.demo import ASSESSED_UNITS, seed_assessments

    for code in ASSESSED_UNITS:
        UnitFactory(code=code)
    created = seed_assessments(seed=1, today=datetime.date(2026, 11, 29))
    assert created >= 6 * len(ASSESSED_UNITS)
    assert Assessment.objects.confirmed().count() == created
    assert seed_assessments(seed=1, today=datetime.date(2026, 11, 29)) == 0


@pytest.mark.parametrize("damage", ["tampered", "another salt", "deleted"])
def test_a_link_that_names_nothing_confirmable_is_refused_with_a_message(
    client, unit, django_capture_on_commit_callbacks, damage
):
    send(client, {"unit": "dinkes"}, django_capture_on_commit_callbacks)
    path = confirm_path()
    stored = Assessment.objects.get()
    if damage == "tampered":
        path = path[:-3] + ("x" if path[-3] != "x" else "y") + path[-2:]
    elif damage == "another salt":
        token = confirmation.token(stored, salt="selection.input-confirm")
        path = reverse("feedback:assessment-confirm", args=[token])
    else:
        stored.values.all().delete()
        stored.delete()
    response = client.get(path)
    assert response.status_code == 400
    assert "tidak sah" in response.content.decode()
    assert not Assessment.objects.confirmed().exists()
