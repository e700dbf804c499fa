import csv
import datetime
import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.db import connection
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from reports.feeds import ReportFeed, UnitReportFeed
from reports.models import Withholding
from reports.opendata import columns as columns_module
from reports.opendata.datasets import DATASETS
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    PeriodFactory,
    PositionFactory,
    ReportFactory,
    UnitFactory,
    UserFactory,
    advance,
)

pytestmark = pytest.mark.django_db

REPORTS_CSV = "/data/laporan/2025.csv"
REPORTS_JSON = "/data/laporan/2025.json"
INDICATORS_CSV = "/data/indikator/2025.csv"
INDICATORS_JSON = "/data/indikator/2025.json"


@pytest.fixture
def year():
    return PeriodFactory(kind="tahunan", year=2025, number=1)


@pytest.fixture
def unit():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    return UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)


def published(name="Pegawai", **kwargs):
    kwargs.setdefault("employee", EmployeeFactory(name=name))
    return ReportFactory(status="published", **kwargs)


def withhold(employee):
    return Withholding.objects.create(
        employee=employee, reason="Uji konsekuensi PPID", decided_by=UserFactory()
    )


def correct(report, reason="Realisasi salah ketik"):
    advance(report, "superseded")
    return ReportFactory(
        status="published",
        employee=report.employee,
        period=report.period,
        unit=report.unit,
        version=report.version + 1,
        previous=report,
        correction_reason=reason,
        hasil_kerja="di_atas",
        perilaku="di_atas",
    )


def download(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(client, url):
    text = download(client, url)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def json_of(client, url):
    return json.loads(download(client, url))


def dataset_columns(slug, table=0):
    return [column.name for column in DATASETS[slug].tables[table].columns]


# --------------------------------------------------------------------------- report files


def test_the_period_csv_lists_each_published_report_with_its_snapshot(client, year, unit):
    report = published(
        "Siti Rahmah",
        employee=EmployeeFactory(name="Siti Rahmah", gelar_depan="dr.", gelar_belakang="M.Kes."),
        period=year,
        unit=unit,
        position_title="Dokter Ahli Muda",
        jabatan_type="fungsional_keahlian",
        golongan="III/d",
    )
    [row] = csv_rows(client, REPORTS_CSV)
    assert list(row) == dataset_columns("laporan")
    assert row["periode"] == "2025"
    assert row["public_id"] == report.employee.public_id
    assert row["nama"] == "dr. Siti Rahmah, M.Kes."
    assert (row["jabatan"], row["jenis_jabatan"], row["golongan"]) == (
        "Dokter Ahli Muda",
        "fungsional_keahlian",
        "III/d",
    )
    assert (row["unit_kode"], row["unit_nama"]) == ("dinkes", "Dinas Kesehatan")
    assert (row["predikat"], row["versi"], row["alasan_koreksi"]) == ("baik", "1", "")
    assert urlsplit(row["url"]).path == report.get_absolute_url()
    assert datetime.datetime.fromisoformat(row["diterbitkan"]) == report.published_at.replace(
        microsecond=0
    )


def test_the_position_in_the_file_is_the_reports_snapshot_not_the_current_one(client, year, unit):
    employee = EmployeeFactory(name="Budi", golongan="III/b")
    AssignmentFactory(employee=employee, position=PositionFactory(title="Kepala Seksi Baru"))
    published(employee=employee, period=year, unit=unit, position_title="Staf Lama")
    [row] = csv_rows(client, REPORTS_CSV)
    assert row["jabatan"] == "Staf Lama"


def test_a_corrected_report_appears_once_as_its_new_version_with_the_reason(client, year, unit):
    first = published("Ani", period=year, unit=unit)
    correct(first, reason="Target indikator 2 salah ketik")
    [row] = csv_rows(client, REPORTS_CSV)
    assert (row["versi"], row["alasan_koreksi"]) == ("2", "Target indikator 2 salah ketik")
    assert row["url"].endswith("/2025/v2/")


def test_withdrawn_drafts_and_other_periods_are_not_in_the_period_file(client, year, unit):
    published("Tampil", period=year, unit=unit)
    ReportFactory(employee=EmployeeFactory(name="Draf"), period=year, unit=unit)
    ReportFactory(
        employee=EmployeeFactory(name="Diajukan"), period=year, unit=unit, status="approved"
    )
    ReportFactory(
        employee=EmployeeFactory(name="Ditarik"), period=year, unit=unit, status="withdrawn"
    )
    published("Bulan Lain", period=PeriodFactory(kind="bulanan", year=2025, number=3), unit=unit)
    assert [row["nama"] for row in csv_rows(client, REPORTS_CSV)] == ["Tampil"]


def test_a_withheld_employee_is_absent_from_every_period_file(client, year, unit):
    published("Terbuka", period=year, unit=unit)
    hidden = published("Dirahasiakan Sekali", period=year, unit=unit)
    withhold(hidden.employee)
    for url in (REPORTS_CSV, REPORTS_JSON, INDICATORS_CSV, INDICATORS_JSON):
        text = download(client, url)
        assert "Dirahasiakan Sekali" not in text
        assert hidden.employee.public_id not in text
    assert [row["nama"] for row in csv_rows(client, REPORTS_CSV)] == ["Terbuka"]


def test_no_file_carries_a_nip_birth_date_or_contact(client, year, unit):
    employee = EmployeeFactory(
        name="Rahasia Pribadi",
        birth_date=datetime.date(1985, 3, 12),
        tmt_cpns=datetime.date(2010, 3, 1),
        email="pribadi@example.org",
        phone="081234567890",
    )
    AssignmentFactory(employee=employee, position=PositionFactory(unit=unit))
    published(employee=employee, period=year, unit=unit)
    for url in (REPORTS_CSV, REPORTS_JSON, INDICATORS_CSV, "/data/popolo.json"):
        text = download(client, url)
        assert employee.nip not in text
        for private in ("1985-03-12", "pribadi@example.org", "081234567890"):
            assert private not in text


def test_the_period_json_is_a_document_whose_records_match_the_dictionary(client, year, unit):
    first = published("Ani", period=year, unit=unit)
    correct(first)
    published("Budi", period=year, unit=unit)
    document = json_of(client, REPORTS_JSON)
    assert document["dataset"] == "laporan"
    assert document["period"] == "2025"
    assert document["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert urlsplit(document["dictionary"]).path == "/data/laporan/"
    records = document["laporan"]
    assert [record["nama"] for record in records] == ["Ani", "Budi"]
    for record in records:
        assert list(record) == dataset_columns("laporan")
        assert_types(DATASETS["laporan"].tables[0], record)
    assert records[0]["versi"] == 2 and records[0]["alasan_koreksi"] == "Realisasi salah ketik"
    assert records[1]["alasan_koreksi"] is None


def assert_types(table, record):
    """Every field of a JSON record has the type its column declares."""
    for column in table.columns:
        value = record[column.name]
        if value is None:
            assert column.nullable, column.name
            continue
        if column.type == "integer":
            assert type(value) is int, column.name
        elif column.type == "boolean":
            assert type(value) is bool, column.name
        else:
            assert type(value) is str, column.name
            if column.type == "date":
                datetime.date.fromisoformat(value)
            elif column.type == "datetime":
                assert datetime.datetime.fromisoformat(value).tzinfo is not None
            elif column.type == "url":
                assert urlsplit(value).scheme in ("http", "https"), column.name


def test_the_indicator_files_hold_the_indicators_of_the_disclosed_reports(client, year, unit):
    report = published("Ani", period=year, unit=unit, indicators=3)
    ReportFactory(employee=EmployeeFactory(name="Draf"), period=year, unit=unit)
    rows = csv_rows(client, INDICATORS_CSV)
    assert list(rows[0]) == dataset_columns("indikator")
    assert [row["urutan"] for row in rows] == ["0", "1", "2"]
    assert {row["public_id"] for row in rows} == {report.employee.public_id}
    assert urlsplit(rows[0]["laporan_url"]).path == report.get_absolute_url()
    document = json_of(client, INDICATORS_JSON)
    assert len(document["indikator"]) == 3
    for record in document["indikator"]:
        assert_types(DATASETS["indikator"].tables[0], record)


def test_a_period_without_published_reports_gives_an_empty_file_not_an_error(client, year):
    assert csv_rows(client, REPORTS_CSV) == []
    assert json_of(client, REPORTS_JSON)["laporan"] == []


# --------------------------------------------------------------------------- personnel files


def test_the_unit_files_list_every_unit_with_its_parent(client, unit):
    UnitFactory(code="lama", name="Unit Lama", is_active=False, parent=unit)
    rows = {row["kode"]: row for row in csv_rows(client, "/data/unit.csv")}
    assert list(rows["dinkes"]) == dataset_columns("unit")
    assert rows["dinkes"]["kode_induk"] == "pemkot"
    assert rows["pemkot"]["kode_induk"] == ""
    assert (rows["lama"]["aktif"], rows["dinkes"]["aktif"]) == ("false", "true")
    document = json_of(client, "/data/unit.json")
    for record in document["unit"]:
        assert_types(DATASETS["unit"].tables[0], record)
    assert {r["kode"]: r["kode_induk"] for r in document["unit"]}["pemkot"] is None


def test_the_position_files_list_every_position(client, unit):
    head = PositionFactory(
        unit=unit, title="Kepala Dinas Kesehatan", jabatan_type="jpt", level="pratama", is_head=True
    )
    [row] = csv_rows(client, "/data/jabatan.csv")
    assert list(row) == dataset_columns("jabatan")
    assert row == {
        "id": str(head.pk),
        "unit_kode": "dinkes",
        "nama_jabatan": "Kepala Dinas Kesehatan",
        "jenis_jabatan": "jpt",
        "jenjang": "pratama",
        "kepala_unit": "true",
    }
    [record] = json_of(client, "/data/jabatan.json")["jabatan"]
    assert_types(DATASETS["jabatan"].tables[0], record)


def test_popolo_holds_organizations_posts_persons_and_current_memberships(client, unit):
    position = PositionFactory(unit=unit, title="Analis Kebijakan", jabatan_type="pelaksana")
    person = EmployeeFactory(name="Rina", gelar_belakang="S.E.")
    membership = AssignmentFactory(
        employee=person, position=position, start=datetime.date(2024, 3, 1)
    )
    past = EmployeeFactory(name="Sudah Pindah")
    AssignmentFactory(
        employee=past,
        position=position,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2021, 1, 1),
    )
    secret = EmployeeFactory(name="Rahasia PPID")
    AssignmentFactory(employee=secret, position=position)
    withhold(secret)

    document = json_of(client, "/data/popolo.json")
    assert set(document) == {"organizations", "posts", "persons", "memberships"}
    for key, table in zip(document, DATASETS["popolo"].tables, strict=True):
        assert key == table.key
        for record in document[key]:
            assert list(record) == [column.name for column in table.columns]
            assert_types(table, record)
    organizations = {o["id"]: o for o in document["organizations"]}
    assert organizations["dinkes"] == {
        "id": "dinkes",
        "name": "Dinas Kesehatan",
        "classification": "dinas",
        "parent_id": "pemkot",
    }
    assert organizations["pemkot"]["parent_id"] is None
    assert document["posts"] == [
        {
            "id": str(position.pk),
            "label": "Analis Kebijakan",
            "role": "pelaksana",
            "organization_id": "dinkes",
        }
    ]
    assert document["persons"] == [
        {
            "id": person.public_id,
            "name": "Rina, S.E.",
            "honorific_prefix": None,
            "honorific_suffix": "S.E.",
        }
    ]
    assert document["memberships"] == [
        {
            "id": str(membership.pk),
            "person_id": person.public_id,
            "organization_id": "dinkes",
            "post_id": str(position.pk),
            "label": "Analis Kebijakan",
            "role": "pelaksana",
            "start_date": "2024-03-01",
        }
    ]


# --------------------------------------------------------------------------- the dictionary


@pytest.mark.parametrize("slug", list(DATASETS))
def test_the_dataset_page_documents_every_column_of_its_files(client, slug, year):
    response = client.get(reverse("data-detail", args=[slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html
    for table in DATASETS[slug].tables:
        documented = re.findall(
            r'<th scope="row"><code>([^<]+)</code></th>', html.split(f'id="kamus-{table.key}"')[1]
        )
        assert documented[: len(table.columns)] == [column.name for column in table.columns]
        for column in table.columns:
            assert column.example and str(column.description)


def test_the_dictionarys_code_labels_follow_the_language_of_the_page(client):
    assert "sangat_baik (Sangat Baik)" in client.get("/data/laporan/").content.decode()
    client.cookies["django_language"] = "en"
    assert "sangat_baik (Very good)" in client.get("/data/laporan/").content.decode()


def test_the_csv_header_is_the_dictionarys_columns(client, year, unit):
    published(period=year, unit=unit)
    for slug, url in (("laporan", REPORTS_CSV), ("indikator", INDICATORS_CSV)):
        header = download(client, url).removeprefix("\ufeff").splitlines()[0]
        assert header.split(",") == dataset_columns(slug)
    assert download(client, "/data/unit.csv").removeprefix("\ufeff").splitlines()[0].split(
        ","
    ) == dataset_columns("unit")


def test_the_data_page_links_each_dataset_and_the_latest_period_files(client, year, unit):
    published(period=year, unit=unit)
    html = client.get(reverse("data-index")).content.decode()
    for slug in DATASETS:
        assert f'href="/data/{slug}/"' in html
    assert 'href="/data/laporan/2025.csv"' in html
    assert 'href="/data/indikator/2025.json"' in html
    assert 'href="/data/feed/laporan.atom"' in html


def test_the_nav_the_report_list_and_the_unit_page_link_the_open_data(client, year, unit):
    published(period=year, unit=unit)
    html = client.get(reverse("reports:report-list")).content.decode()
    assert 'href="/data/"' in html and "Data terbuka" in html
    assert 'href="/data/laporan/2025.csv"' in html and "Unduh CSV periode ini" in html
    html = client.get(reverse("reports:unit-performance", args=["dinkes"])).content.decode()
    assert 'href="/data/laporan/2025.csv"' in html
    assert 'href="/unit/dinkes/laporan.atom"' in html


# --------------------------------------------------------------------------- HTTP


def test_the_csv_is_a_download_with_a_sensible_name_and_public_caching(client, year):
    response = client.get(REPORTS_CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="tanjungpinang-laporan-2025.csv"'
    )
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert response["ETag"]
    json_response = client.get(REPORTS_JSON)
    assert json_response["Content-Type"] == "application/json; charset=utf-8"
    assert json_response["ETag"] != response["ETag"]


def test_an_unchanged_file_answers_304_to_its_etag(client, year, unit):
    published(period=year, unit=unit)
    first = client.get(REPORTS_CSV)
    again = client.get(REPORTS_CSV, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_an_unchanged_file_answers_304_to_if_modified_since(client, year, unit):
    published(period=year, unit=unit)
    first = client.get(REPORTS_CSV)
    assert first["Last-Modified"]
    again = client.get(REPORTS_CSV, headers={"if-modified-since": first["Last-Modified"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "change",
    ["publish", "correct", "withdraw", "withhold", "rename", "rename_unit"],
)
def test_the_etag_changes_when_the_file_would(client, year, unit, change):
    report = published("Ani", period=year, unit=unit)
    before = client.get(REPORTS_CSV)["ETag"]
    if change == "publish":
        published("Baru", period=year, unit=unit)
    elif change == "correct":
        correct(report)
    elif change == "withdraw":
        from reports.models import Report

        Report.objects.filter(pk=report.pk).update(
            status="withdrawn", withdrawal_reason="Salah orang", withdrawn_at=timezone.now()
        )
    elif change == "withhold":
        withhold(report.employee)
    elif change == "rename":
        report.employee.gelar_belakang = "S.Kom."
        report.employee.save()
    else:
        unit.name = "Dinas Kesehatan dan Keluarga Berencana"
        unit.save()
    after = client.get(REPORTS_CSV, headers={"if-none-match": before})
    assert after.status_code == 200
    assert after["ETag"] != before


def test_the_unit_file_etag_changes_when_a_unit_changes(client, unit):
    before = client.get("/data/unit.csv")["ETag"]
    assert client.get("/data/unit.csv", headers={"if-none-match": before}).status_code == 304
    unit.name = "Dinas Kesehatan dan KB"
    unit.save()
    assert client.get("/data/unit.csv", headers={"if-none-match": before}).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/data/laporan/2031.csv",
        "/data/laporan/2025.xlsx",
        "/data/laporan/2025.",
        "/data/indikator/tidak-ada.json",
        "/data/unit.xml",
        "/data/popolo.csv",
        "/data/tidak-ada/",
        "/unit/tidak-ada/laporan.atom",
        "/data/laporan/2025%00.csv",
    ],
)
def test_an_unknown_period_format_or_dataset_is_a_404_page(client, year, url):
    response = client.get(url)
    assert response.status_code == 404


def test_a_head_request_answers_the_headers_without_reading_the_rows(
    client, year, unit, django_assert_num_queries
):
    published(period=year, unit=unit)
    etag = client.get(REPORTS_CSV)["ETag"]
    with django_assert_num_queries(1):
        response = client.head(REPORTS_CSV)
    assert response.status_code == 200
    assert response["ETag"] == etag
    assert b"".join(response.streaming_content) == b""


def test_a_post_to_a_file_is_refused(client, year):
    assert client.post(REPORTS_CSV).status_code == 405


# --------------------------------------------------------------------------- streaming and cost


def many_reports(period, unit, n):
    position = PositionFactory(unit=unit)
    for i in range(n):
        employee = EmployeeFactory(name=f"Pegawai {i:04d}")
        AssignmentFactory(employee=employee, position=position)
        published(employee=employee, period=period, unit=unit)
    # The statistics of a live database follow its tables (autovacuum); a test's rows are
    # uncommitted, so the planner would otherwise plan on whatever earlier tests left, and
    # once (PostgreSQL 18) chose a plan that read 1,000 indicators in four minutes.
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE reports_report, reports_indicator, personnel_employee, reports_withholding"
        )


def test_the_period_file_is_streamed_in_many_chunks(client, year, unit):
    many_reports(year, unit, 500)
    response = client.get(REPORTS_CSV)
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) >= 500 // columns_module.ROWS_PER_WRITE
    assert max(len(chunk) for chunk in chunks) < len(b"".join(chunks)) / 2
    json_chunks = list(client.get(REPORTS_JSON).streaming_content)
    assert len(json_chunks) >= 500 // columns_module.ROWS_PER_WRITE
    assert len(json.loads(b"".join(json_chunks))["laporan"]) == 500


def test_the_rows_come_from_a_server_side_cursor(client, year, unit, monkeypatch):
    many_reports(year, unit, 3)
    opened = []
    chunked_cursor = connection.chunked_cursor

    def spy():
        opened.append(True)
        return chunked_cursor()

    monkeypatch.setattr(connection, "chunked_cursor", spy)
    download(client, REPORTS_CSV)
    assert opened == [True]


@pytest.mark.parametrize("url", [REPORTS_CSV, REPORTS_JSON, INDICATORS_CSV, INDICATORS_JSON])
def test_a_period_file_costs_the_same_queries_for_10_or_500_reports(
    client, year, unit, url, django_assert_num_queries
):
    many_reports(year, unit, 10)
    with django_assert_num_queries(2):
        download(client, url)
    many_reports(year, unit, 490)
    with django_assert_num_queries(2):
        text = download(client, url)
    assert text.count("\n") >= 500  # every report (or indicator) is in the file


def test_popolo_costs_the_same_queries_for_10_or_500_people(
    client, unit, django_assert_num_queries
):
    many_reports(PeriodFactory(), unit, 10)
    with django_assert_num_queries(5):
        download(client, "/data/popolo.json")
    many_reports(PeriodFactory(), unit, 490)
    with django_assert_num_queries(5):
        assert len(json_of(client, "/data/popolo.json")["persons"]) == 500


def test_a_304_costs_one_query(client, year, unit, django_assert_num_queries):
    many_reports(year, unit, 10)
    tag = client.get(REPORTS_CSV)["ETag"]
    with django_assert_num_queries(1):
        assert client.get(REPORTS_CSV, headers={"if-none-match": tag}).status_code == 304


@pytest.mark.parametrize("url", ["/data/", "/data/laporan/", "/data/popolo/"])
def test_the_data_pages_cost_a_fixed_number_of_queries(
    client, year, unit, url, django_assert_max_num_queries
):
    many_reports(year, unit, 10)
    for number in range(1, 13):
        published(period=PeriodFactory(kind="bulanan", year=2025, number=number), unit=unit)
    with django_assert_max_num_queries(1):
        assert client.get(url).status_code == 200


# --------------------------------------------------------------------------- feeds


def test_the_city_feed_announces_publications_corrections_and_withdrawals(client, year, unit):
    first = published("Ani", period=year, unit=unit)
    correct(first, reason="Target salah ketik")
    ReportFactory(employee=EmployeeFactory(name="Budi"), period=year, unit=unit, status="withdrawn")
    hidden = published("Rahasia", period=year, unit=unit)
    withhold(hidden.employee)
    ReportFactory(employee=EmployeeFactory(name="Draf"), period=year, unit=unit)
    response = client.get("/data/feed/laporan.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "public" in response["Cache-Control"]
    xml = response.content.decode()
    titles = re.findall(r"<entry><title>([^<]+)</title>", xml)
    assert sorted(titles) == sorted(
        [
            "Terbit: Ani, Tahun 2025: Baik",
            "Koreksi: Ani, Tahun 2025, versi 2: Sangat Baik",
            "Ditarik: Budi, Tahun 2025 (versi 1)",
        ]
    )
    assert "Target salah ketik" in xml and "Data salah" in xml
    assert f"/laporan/{first.employee.public_id}/2025/v2/" in xml
    assert "Rahasia" not in xml and "Draf" not in xml


def test_the_unit_feed_covers_the_unit_and_its_sub_units_only(client, year, unit):
    puskesmas = UnitFactory(code="puskesmas", name="UPTD Puskesmas", parent=unit)
    other = UnitFactory(code="dishub", name="Dinas Perhubungan", parent=unit.parent)
    published("Di Dinas", period=year, unit=unit)
    published("Di Puskesmas", period=year, unit=puskesmas)
    published("Di Dishub", period=year, unit=other)
    xml = client.get("/unit/dinkes/laporan.atom").content.decode()
    assert "Di Dinas" in xml and "Di Puskesmas" in xml and "Di Dishub" not in xml


def test_a_feed_of_an_unknown_or_retired_unit_is_not_found(client, unit):
    UnitFactory(code="lama", name="Dinas Lama", parent=unit.parent, is_active=False)

    assert client.get("/unit/tidak-ada/laporan.atom").status_code == 404
    assert client.get("/unit/lama/laporan.atom").status_code == 404


def test_the_feeds_are_read_from_their_index_not_sorted_from_every_public_report(year, unit):
    many_reports(year, unit, 10)
    withdrawn = ReportFactory(
        employee=EmployeeFactory(name="Ditarik"), period=year, unit=unit, status="withdrawn"
    )
    city, unit_feed = ReportFeed(), UnitReportFeed()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_report")
        # With a few rows a sort is cheap: forbid it, so that the plans show whether the index
        # CAN give the feeds' order (its expression and condition must match the query's).
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        dinkes = unit_feed.get_object(None, "dinkes")
        plans = [city.items().explain(), unit_feed.items(dinkes).explain()]

    assert all("report_feed_order" in plan and "Sort" not in plan for plan in plans)
    assert city.items()[0] == withdrawn  # the latest change first: a withdrawal


def test_a_feed_costs_a_fixed_number_of_queries(client, year, unit, django_assert_num_queries):
    many_reports(year, unit, 10)
    with django_assert_num_queries(1):
        client.get("/data/feed/laporan.atom")
    with django_assert_num_queries(2):
        client.get("/unit/dinkes/laporan.atom")
    many_reports(PeriodFactory(kind="bulanan", year=2025, number=1), unit, 60)
    with django_assert_num_queries(1):
        client.get("/data/feed/laporan.atom")
    with django_assert_num_queries(2):
        client.get("/unit/dinkes/laporan.atom")


# --------------------------------------------------------------------------- disclosure scan
#
# A small city with everything a page could leak (a withheld employee with a unique name,
# drafts, a withdrawn and a corrected report), then a crawl of every public page reachable
# from the home page and the URL patterns without arguments: links, feeds' links and the
# options of every GET form. New pages are covered as soon as something links to them.

WITHHELD_NAME = "Zulkarnain Wiryaatmadja"
MONTHS_ID = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
MONTHS_EN = "January February March April May June July August September October November December"
NIP_LIKE = re.compile(r"(?<!\d)\d{18}(?!\d)")
SKIPPED = ("/admin/", "/static/", "/i18n/", "/bench/")  # bench/ping: off unless benchmarking
CRAWL_LIMIT = 1500
TEXT = ("text", "search")


class Links(HTMLParser):
    """The addresses a page points to: links, alternates, and one URL per GET-form choice."""

    def __init__(self):
        super().__init__()
        self.urls, self.form, self.select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag == "form" and attrs.get("method", "get").lower() == "get":
            self.form = attrs.get("action") or ""
        elif self.form is not None and tag == "select":
            self.select = attrs.get("name")
        elif self.form is not None and self.select and tag == "option" and attrs.get("value"):
            self.urls.append(f"{self.form}?{urlencode({self.select: attrs['value']})}")
        elif self.form is not None and tag == "input" and attrs.get("type", "text") in TEXT:
            name = attrs.get("name")
            if name:  # search for the withheld employee by name, the way a citizen would
                self.urls.append(f"{self.form}?{urlencode({name: WITHHELD_NAME.split()[0]})}")

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def seeds():
    """Every public URL pattern that takes no argument."""
    found = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif "<" not in route and "(?P" not in route:
                found.append("/" + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns)
    return [url for url in found if not url.startswith(SKIPPED)]


def normalized(base, href):
    parts = urlsplit(urljoin(base, href))
    if parts.netloc not in ("", "testserver") or parts.path.startswith(SKIPPED):
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + (f"?{query}" if query else "")


def crawl(client):
    pending, seen, pages = ["/", *seeds()], set(), {}
    while pending and len(seen) < CRAWL_LIMIT:
        url = normalized("/", pending.pop(0))
        if url is None or url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8")
        pages[url] = (response.status_code, body)
        if response.status_code == 200 and response["Content-Type"].startswith(
            ("text/html", "application/atom+xml")
        ):
            parser = Links()
            parser.feed(body)
            pending += [found for href in parser.urls if (found := normalized(url, href))]
    assert len(seen) < CRAWL_LIMIT, "the crawl did not finish: raise the limit or dedupe"
    return pages


def birth_date_forms(day):
    month_id, month_en = MONTHS_ID.split()[day.month - 1], MONTHS_EN.split()[day.month - 1]
    return {
        day.isoformat(),
        day.strftime("%d-%m-%Y"),
        day.strftime("%d/%m/%Y"),
        f"{day.day} {month_id} {day.year}",
        f"{day.day:02d} {month_id} {day.year}",
        f"{day.day} {month_en} {day.year}",
        f"{month_en} {day.day}, {day.year}",
    }


@pytest.fixture
def small_city():
    root = UnitFactory(code="pemkot", name="Pemerintah Kota Tanjungpinang", kind="pemkot")
    health = UnitFactory(code="dinkes", name="Dinas Kesehatan", parent=root)
    clinic = UnitFactory(code="puskesmas", name="UPTD Puskesmas", kind="uptd", parent=health)
    comms = UnitFactory(code="diskominfo", name="Dinas Komunikasi dan Informatika", parent=root)
    annual = PeriodFactory(kind="tahunan", year=2025, number=1)
    march = PeriodFactory(kind="bulanan", year=2025, number=3)
    head = EmployeeFactory(
        name="Kepala Dinas", gelar_depan="dr.", birth_date=datetime.date(1975, 8, 17)
    )
    AssignmentFactory(
        employee=head,
        position=PositionFactory(
            unit=health,
            title="Kepala Dinas Kesehatan",
            jabatan_type="jpt",
            level="pratama",
            is_head=True,
        ),
    )
    published(employee=head, period=annual, unit=health)
    # The withheld employee heads Diskominfo and evaluates its staff: the office shows, the name
    # does not.
    withheld = EmployeeFactory(
        name=WITHHELD_NAME,
        gelar_belakang="S.H.",
        birth_date=datetime.date(1985, 3, 12),
        tmt_cpns=datetime.date(2010, 3, 1),
        email="zulkarnain@example.org",
        phone="081200001111",
    )
    AssignmentFactory(
        employee=withheld,
        position=PositionFactory(
            unit=comms,
            title="Kepala Dinas Komunikasi dan Informatika",
            jabatan_type="jpt",
            level="pratama",
            is_head=True,
        ),
    )
    for unit in (health, clinic, comms):
        position = PositionFactory(unit=unit)
        evaluator = withheld if unit == comms else head
        for n in range(6):
            employee = EmployeeFactory(name=f"Staf {unit.code} {n}")
            AssignmentFactory(employee=employee, position=position)
            report = published(employee=employee, period=annual, unit=unit, evaluator=evaluator)
            if n == 0:
                correct(report, reason="Realisasi salah ketik")
            if n == 1:
                published(employee=employee, period=march, unit=unit)
    published(employee=withheld, period=annual, unit=comms)
    published(employee=withheld, period=march, unit=comms)
    withhold(withheld)
    drafter = EmployeeFactory(name="Penulis Draf")
    AssignmentFactory(employee=drafter, position=PositionFactory(unit=comms))
    ReportFactory(employee=drafter, period=annual, unit=comms)
    gone = EmployeeFactory(name="Laporan Ditarik")
    AssignmentFactory(employee=gone, position=PositionFactory(unit=comms))
    ReportFactory(employee=gone, period=annual, unit=comms, status="withdrawn")
    return withheld


@pytest.mark.parametrize("language", ["id", "en"])
def test_no_public_page_file_or_feed_shows_a_nip_birth_date_or_withheld_name(
    client, small_city, language
):
    from personnel.models import Employee

    client.cookies["django_language"] = language

    pages = crawl(client)
    # Pages that rightly answer 4xx to what a crawler sends them: the thank-you page without its
    # signed code, and a tracking lookup of a word that is no tracking code. Their bodies are
    # still scanned below. The feedback forms that only take a POST (report an item, answer a
    # clarification, object to a response) answer a crawler's GET with 405.
    refusals = (
        "/masukan/terkirim/",
        "/masukan/lacak/?kode=",
        "/masukan/klarifikasi/",
        "/masukan/keberatan/",
    )
    failures = [
        url
        for url, (status, body) in pages.items()
        if status >= 400
        and not ((url.startswith(refusals) or url.endswith("/laporkan/")) and status < 500)
    ]
    assert failures == []
    private = {}
    for employee in Employee.objects.all():
        private[employee.nip] = f"NIP of {employee.name}"
        for form in birth_date_forms(employee.birth_date):
            private[form] = f"birth date of {employee.name}"
        if employee.email:
            private[employee.email] = f"e-mail of {employee.name}"
        if employee.phone:
            private[employee.phone] = f"telephone of {employee.name}"
    private[WITHHELD_NAME] = "the withheld employee's name"
    private[small_city.public_id] = "the withheld employee's public_id"
    leaks = [
        f"{url}: {label}"
        for url, (status, body) in pages.items()
        for text, label in private.items()
        if text in body
    ]
    leaks += [f"{url}: 18 digits" for url, (status, body) in pages.items() if NIP_LIKE.search(body)]
    assert leaks == []

    # The crawl reached every kind of page and read their names, so the scan means something.
    assert sum("Staf dinkes 2" in body for status, body in pages.values()) > 5
    visited = set(pages)
    expected = {
        "/",
        "/unit/",
        "/unit/dinkes/",
        "/unit/dinkes/kinerja/",
        "/kinerja/",
        "/laporan/",
        "/data/",
        "/data/laporan/2025.csv",
        "/data/laporan/2025.json",
        "/data/laporan/2025-03.csv",
        "/data/indikator/2025.csv",
        "/data/indikator/2025-03.json",
        "/data/unit.csv",
        "/data/jabatan.json",
        "/data/popolo.json",
        "/data/feed/laporan.atom",
        "/unit/dinkes/laporan.atom",
        "/unit/puskesmas/laporan.atom",
    }
    assert expected <= visited
    # Where the withheld head's name would be, the office shows: on the unit page and as the
    # evaluator of the unit's reports.
    office = "Kepala Dinas Komunikasi dan Informatika"
    assert office in pages["/unit/diskominfo/"][1]
    evaluated = [
        body
        for url, (status, body) in pages.items()
        if re.fullmatch(r"/laporan/\w+/2025/v1/", url) and "Staf diskominfo" in body
    ]
    assert evaluated and all(office in body for body in evaluated)
    assert any(re.fullmatch(r"/laporan/\w+/2025/v2/", url) for url in visited)
    assert any(re.fullmatch(r"/asn/\w+/", url) for url in visited)
    assert any(url.startswith("/laporan/?") and "unit=" in url for url in visited)
    assert any(url.startswith("/laporan/?") and "q=" in url for url in visited)
