"""The page cache: cheap hits, and every change to public data visible at the next request."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from personnel.models import Employee
from reports import services
from reports.models import Withholding
from tests.factories import (
    EmployeeFactory,
    ReportFactory,
    UserFactory,
    advance,
)

pytestmark = pytest.mark.django_db

LIST = reverse("reports:report-list")
DASHBOARD = reverse("reports:city-dashboard")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def publisher():
    return UserFactory(is_superuser=True)


def published(unit, year, name):
    return ReportFactory(
        status="published", employee=EmployeeFactory(name=name), unit=unit, period=year
    )


def fetch(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return response


def warm(client, url):
    """Request a page twice, so the second answer is known to come from the cache."""
    fetch(client, url)
    response = fetch(client, url)
    assert response["X-Page-Cache"] == "hit"
    return response.content.decode()


def unit_page(unit):
    return reverse("reports:unit-performance", args=[unit.code])


def test_a_second_request_is_served_from_the_cache(client, unit, year):
    published(unit, year, "Siti Aminah")
    assert fetch(client, LIST)["X-Page-Cache"] == "miss"
    assert fetch(client, LIST)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize("page", ["list", "report", "employee", "unit", "dashboard"])
def test_a_cached_page_costs_at_most_two_queries(
    client, unit, year, page, django_assert_max_num_queries
):
    report = published(unit, year, "Siti Aminah")
    url = {
        "list": LIST,
        "report": report.get_absolute_url(),
        "employee": reverse("reports:employee-detail", args=[report.employee.public_id]),
        "unit": unit_page(unit),
        "dashboard": DASHBOARD,
    }[page]
    fetch(client, url)
    with django_assert_max_num_queries(2):
        assert fetch(client, url)["X-Page-Cache"] == "hit"


def test_a_new_publication_is_visible_at_once_on_the_cached_list(client, unit, year, publisher):
    published(unit, year, "Siti Aminah")
    assert "Rahmat Hidayat" not in warm(client, LIST)
    draft = ReportFactory(status="approved", employee=EmployeeFactory(name="Rahmat Hidayat"),
                          unit=unit, period=year)  # fmt: skip
    assert "Rahmat Hidayat" not in fetch(client, LIST).content.decode()  # a draft changes nothing
    services.report_publish(report=draft, by=publisher)
    response = fetch(client, LIST)
    assert response["X-Page-Cache"] == "miss"
    assert "Rahmat Hidayat" in response.content.decode()


def test_a_new_publication_is_counted_at_once_on_the_cached_unit_page(
    client, unit, year, publisher
):
    for n in range(5):
        published(unit, year, f"Pegawai {n}")
    before = warm(client, unit_page(unit))
    for _ in range(5):
        services.report_publish(
            report=ReportFactory(status="approved", unit=unit, period=year), by=publisher
        )
    after = fetch(client, unit_page(unit)).content.decode()
    assert after != before
    assert re.search(r">\s*10\s*<", after)


def test_a_correction_is_visible_at_once_on_the_cached_report_page(client, unit, year, publisher):
    report = published(unit, year, "Siti Aminah")
    assert "Digantikan" not in warm(client, report.get_absolute_url())
    correction = services.report_correct(report=report, reason="Target salah ketik", by=publisher)
    advance(correction, "approved")
    assert "Target salah ketik" not in fetch(client, report.get_absolute_url()).content.decode()
    services.report_publish(report=correction, by=publisher)
    page = fetch(client, report.get_absolute_url()).content.decode()
    assert "Target salah ketik" in page
    assert correction.get_absolute_url() in page


def test_a_withdrawal_is_visible_at_once_on_the_cached_pages(client, unit, year, publisher):
    report = published(unit, year, "Siti Aminah")
    assert "Siti Aminah" in warm(client, LIST)
    warm(client, report.get_absolute_url())
    services.report_withdraw(report=report, reason="Sedang diperiksa Inspektorat", by=publisher)
    assert "Siti Aminah" not in fetch(client, LIST).content.decode()
    page = fetch(client, report.get_absolute_url()).content.decode()
    assert "Sedang diperiksa Inspektorat" in page


def test_a_withholding_takes_the_cached_report_page_down_at_once(client, unit, year, publisher):
    report = published(unit, year, "Siti Aminah")
    warm(client, report.get_absolute_url())
    withholding = services.withholding_decide(
        employee=report.employee, reason="Uji konsekuensi PPID", by=publisher
    )
    assert client.get(report.get_absolute_url()).status_code == 404
    services.withholding_lift(withholding=withholding, by=publisher)
    assert fetch(client, report.get_absolute_url())["X-Page-Cache"] == "miss"
    assert Withholding.objects.active().count() == 0


def test_a_renamed_employee_is_visible_at_once_on_the_cached_list(client, unit, year):
    report = published(unit, year, "Siti Aminah")
    warm(client, LIST)
    Employee.objects.filter(pk=report.employee_id).update(name="Siti Aminah Lubis")
    assert "Siti Aminah Lubis" in fetch(client, LIST).content.decode()


def test_a_renamed_unit_is_visible_at_once_on_the_cached_dashboard(client, unit, year):
    for n in range(5):
        published(unit, year, f"Pegawai {n}")
    warm(client, DASHBOARD)
    unit.name = "Dinas Kesehatan dan Keluarga Berencana"
    unit.save()
    assert "Dinas Kesehatan dan Keluarga Berencana" in fetch(client, DASHBOARD).content.decode()


def test_editing_a_draft_keeps_the_cache(client, unit, year):
    published(unit, year, "Siti Aminah")
    employee = EmployeeFactory()
    warm(client, LIST)
    draft = ReportFactory(unit=unit, period=year, employee=employee)
    draft.evaluator_notes = "Masih dinilai"
    draft.save()
    advance(draft, "approved")
    assert fetch(client, LIST)["X-Page-Cache"] == "hit"


def test_language_variants_do_not_mix(client, unit, year):
    published(unit, year, "Siti Aminah")
    indonesian = warm(client, LIST)
    english = fetch(client, LIST, headers={"accept-language": "en"})
    assert english["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in english.content.decode()
    assert '<html lang="id">' in indonesian
    assert '<html lang="id">' in fetch(client, LIST).content.decode()
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in fetch(client, LIST).content.decode()


def test_each_query_string_is_its_own_page(client, unit, year):
    published(unit, year, "Siti Aminah")
    warm(client, LIST)
    response = fetch(client, LIST, data={"q": "tidak-ada"})
    assert response["X-Page-Cache"] == "miss"
    assert "Siti Aminah" not in response.content.decode()


def test_a_logged_in_staff_user_never_gets_or_fills_the_cache(client, unit, year):
    published(unit, year, "Siti Aminah")
    client.force_login(UserFactory())
    assert fetch(client, LIST)["X-Page-Cache"] == "off"
    assert fetch(client, LIST)["X-Page-Cache"] == "off"
    assert fetch(Client(), LIST)["X-Page-Cache"] == "miss"


def test_the_cache_can_be_turned_off(client, unit, year, settings):
    settings.PAGE_CACHE = False
    published(unit, year, "Siti Aminah")
    fetch(client, LIST)
    assert fetch(client, LIST)["X-Page-Cache"] == "off"


def test_errors_are_not_cached(client, unit, year):
    url = reverse("reports:unit-performance", args=["tidak-ada"])
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


@pytest.mark.urls("tests.portal.cache_urls")
def test_a_cached_page_gives_each_reader_their_own_working_csrf_token():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token_pattern = r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"'
    assert fetch(first, "/formulir/")["X-Page-Cache"] == "miss"
    response = fetch(second, "/formulir/")
    assert response["X-Page-Cache"] == "hit"
    first_token = re.search(token_pattern, fetch(first, "/formulir/").content.decode())[1]
    second_token = re.search(token_pattern, response.content.decode())[1]
    assert second_token != first_token
    assert second.post("/kirim/", {"csrfmiddlewaretoken": second_token}).status_code == 200
    assert second.post("/kirim/", {"csrfmiddlewaretoken": "x" * 64}).status_code == 403


def test_a_cached_page_keeps_the_security_headers(client, unit, year):
    published(unit, year, "Siti Aminah")
    response = fetch(client, LIST)
    hit = fetch(client, LIST)
    assert hit["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "Content-Type"):
        assert hit[header] == response[header]


def test_the_generation_moves_once_per_statement_not_per_row(unit, year):
    for n in range(3):
        published(unit, year, f"Pegawai {n}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM cache_generation")
        before = cursor.fetchone()[0]
        cursor.execute("UPDATE personnel_employee SET name = name || ' '")
        cursor.execute("SELECT value FROM cache_generation")
        assert cursor.fetchone()[0] == before + 1


def test_the_benchmark_ping_answers_only_when_enabled(client, settings, django_assert_num_queries):
    assert client.get("/bench/ping/").status_code == 404
    settings.BENCH_PING = True
    with django_assert_num_queries(0):
        response = client.get("/bench/ping/")
    assert response.content == b"ok"


def test_a_new_publication_is_found_at_once_by_a_cached_search(client, unit, year):
    published(unit, year, "Ani Lestari")
    search = reverse("search")
    first = fetch(client, search, data={"q": "lestari"})
    assert fetch(client, search, data={"q": "lestari"})["X-Page-Cache"] == "hit"
    assert "Ani Lestari" in first.content.decode()
    indicator_text = "Penyuluhan gizi balita di posyandu"
    report = ReportFactory(employee=EmployeeFactory(name="Budi"), unit=unit, period=year)
    report.indicators.update(iki=indicator_text)
    advance(report, "published")
    again = fetch(client, search, data={"q": "penyuluhan gizi"})
    assert again["X-Page-Cache"] == "miss"
    assert "Penyuluhan gizi balita" in again.content.decode()


def test_rebuilding_the_search_words_moves_the_cache(client, unit, year):
    from portal.search import refresh_words

    published(unit, year, "Ani Lestari")
    search = reverse("search")
    fetch(client, search, data={"q": "lestari"})
    refresh_words()
    assert fetch(client, search, data={"q": "lestari"})["X-Page-Cache"] == "miss"
