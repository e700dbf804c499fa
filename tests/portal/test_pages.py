import os
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from tests.factories import AssignmentFactory, PositionFactory, SelectionFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    health = UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)
    UnitFactory(
        code="kec-bukit-bestari", name="Kecamatan Bukit Bestari", kind="kecamatan", parent=root
    )
    position = PositionFactory(unit=health)
    for _ in range(6):
        AssignmentFactory(position=position)
    return root


@pytest.mark.smoke
def test_the_home_page_explains_the_portal_and_shows_the_organisation(client, city):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Kinerja ASN Kota Tanjungpinang" in html
    assert "Dinas Kesehatan" in html
    assert response.context["asn"]["total"] == 6
    assert response.context["kecamatan_count"] == 1


def test_the_home_page_runs_a_constant_number_of_queries(client, city, django_assert_num_queries):
    # ASN counts, unit kinds, top-level units, open selections and their stages, the next
    # forums, overdue commitments.
    SelectionFactory(schedule=timezone.localdate())
    with django_assert_num_queries(7):
        client.get("/")
    SelectionFactory.create_batch(4, schedule=timezone.localdate())
    with django_assert_num_queries(7):
        client.get("/")


def test_the_about_page_says_what_is_never_published(client):
    response = client.get(reverse("about"))
    assert response.status_code == 200
    assert "NIP, tanggal lahir" in response.content.decode()


@pytest.mark.smoke
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_down(client):
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_the_language_switch_turns_the_pages_to_english(client, city):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/unit/"})
    assert response.status_code == 302
    assert response.url == "/unit/"
    html = client.get("/unit/").content.decode()
    assert '<html lang="en">' in html
    assert "Unit directory" in html


def test_the_language_switch_refuses_a_redirect_to_another_site(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response.url == "/"


def test_every_page_forbids_third_party_resources(client, city):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_page_that_does_not_exist_is_a_404_in_indonesian(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_the_portal_speaks_jakarta_time():
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.LANGUAGE_CODE == "id"


def run_settings(env):
    return subprocess.run(
        [sys.executable, "-c", "import portal.settings"],
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings({})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret_key():
    assert run_settings({"DJANGO_SECRET_KEY": "x" * 50}).returncode == 0
