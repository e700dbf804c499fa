"""Conditional requests: a reader who already has a page gets "304 Not Modified" and no body."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import quote_etag

from reports import services
from tests.factories import EmployeeFactory, ReportFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("reports:report-list")


@pytest.fixture(params=[False, True], ids=["cache off", "cache on"])
def page_cache(request, settings):
    settings.PAGE_CACHE = request.param
    return request.param


def published(unit, year, name, status="published"):
    return ReportFactory(status=status, employee=EmployeeFactory(name=name), unit=unit, period=year)


def test_a_reader_who_has_the_page_gets_not_modified_and_no_body(client, page_cache, unit, year):
    published(unit, year, "Siti Aminah")
    first = client.get(LIST)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(LIST, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "Accept-Language" in again["Vary"]  # a shared cache keeps the languages apart


def test_the_weak_etag_a_compressing_proxy_passes_on_still_matches(client, page_cache, unit, year):
    """nginx's gzip turns the ETag weak (W/"…"); a browser sends that one back."""
    published(unit, year, "Siti Aminah")
    etag = client.get(LIST)["ETag"]
    assert client.get(LIST, headers={"if-none-match": f"W/{etag}"}).status_code == 304


def test_a_publication_changes_the_page_and_its_etag(client, page_cache, unit, year):
    published(unit, year, "Siti Aminah")
    etag = client.get(LIST)["ETag"]
    draft = published(unit, year, "Rahmat Hidayat", status="approved")
    assert client.get(LIST, headers={"if-none-match": etag}).status_code == 304  # a draft
    services.report_publish(report=draft, by=UserFactory(is_superuser=True))
    response = client.get(LIST, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Rahmat Hidayat" in response.content.decode()
    assert response["ETag"] != etag


def test_each_language_is_its_own_version(client, page_cache, unit, year):
    published(unit, year, "Siti Aminah")
    indonesian = client.get(LIST)["ETag"]
    english = client.get(LIST, headers={"accept-language": "en", "if-none-match": indonesian})
    assert english.status_code == 200
    assert '<html lang="en">' in english.content.decode()
    assert english["ETag"] != indonesian


def test_an_error_page_is_never_answered_not_modified(client, page_cache):
    response = client.get("/laporan/tidak-ada/2025/v1/", headers={"if-none-match": "*"})
    assert response.status_code == 404
    assert response.content


def test_a_garbled_condition_is_ignored(client, page_cache, unit, year):
    published(unit, year, "Siti Aminah")
    for value in ('"', "W/", ",,,", '"tidak-ada", W/"juga-tidak"'):
        response = client.get(LIST, headers={"if-none-match": value})
        assert response.status_code == 200, value
        assert "Siti Aminah" in response.content.decode()


def test_a_cached_page_keeps_its_etag_instead_of_hashing_its_bytes_at_each_hit(
    client, settings, unit, year, monkeypatch
):
    settings.PAGE_CACHE = True
    published(unit, year, "Siti Aminah")
    stored = client.get(LIST)
    assert stored["X-Page-Cache"] == "miss"

    def hashed_again(response):
        raise AssertionError("a hit's bytes were hashed again")

    monkeypatch.setattr("django.middleware.http.set_response_etag", hashed_again)
    hit = client.get(LIST)
    assert hit["X-Page-Cache"] == "hit"
    assert hit["ETag"] == stored["ETag"]
    assert client.get(LIST, headers={"if-none-match": stored["ETag"]}).status_code == 304


@pytest.mark.urls("tests.portal.cache_urls")
def test_a_cached_page_with_a_form_is_tagged_by_each_readers_own_bytes(settings):
    """Each reader's copy holds their own CSRF token, so each answer has its own tag."""
    settings.PAGE_CACHE = True
    first, second = Client(), Client()
    mine = first.get("/formulir/")
    theirs = second.get("/formulir/")
    assert (mine["X-Page-Cache"], theirs["X-Page-Cache"]) == ("miss", "hit")
    assert theirs["ETag"] == quote_etag(hashlib.md5(theirs.content).hexdigest())
    assert theirs["ETag"] != mine["ETag"]
    assert second.get("/formulir/", headers={"if-none-match": mine["ETag"]}).status_code == 200
