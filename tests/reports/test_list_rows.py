"""The report list's rows and sort headers, written in Python, read as the template wrote them."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from reports import listing
from reports.choices import PREDIKAT_MATRIX
from reports.models import Report
from tests.factories import (
    EmployeeFactory,
    PeriodFactory,
    ReportFactory,
    UnitFactory,
    advance,
)

pytestmark = pytest.mark.django_db

LIST = reverse("reports:report-list")

# The loop the list's template had before the rows were written in Python.
TEMPLATE_ROWS = Template(
    """{% load reports %}{% for report in reports %}
        <tr>
          <th scope="row"><a href="{{ report.get_absolute_url }}">"""
    """{{ report.employee.full_name }}</a></th>
          <td>{{ report.position_title|default:"—" }}</td>
          <td><a href="{{ report.unit.get_absolute_url }}">{{ report.unit.name }}</a></td>
          <td>{{ report.period }}</td>
          <td>{{ report|predikat_badge }}</td>
        </tr>
      {% endfor %}"""
)


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def tbody(html: str) -> str:
    return normalised(html.split("<tbody>")[1].split("</tbody>")[0])


@pytest.fixture
def rows():
    period = PeriodFactory(kind="triwulanan", year=2025, number=2)
    unit = UnitFactory(code="dinas-a-b", name='Dinas "A" & <B>')
    people = [
        EmployeeFactory(name="Ani <b>Putri</b>", gelar_depan="Dr.", gelar_belakang="S.E., M.M."),
        EmployeeFactory(name="Budi", gelar_depan="", gelar_belakang=""),
        EmployeeFactory(name="Citra O'Neil", gelar_depan="", gelar_belakang="S.Kom."),
    ]
    titles = ["Analis <Kebijakan> & Data", "", "Kepala Seksi"]
    ratings = {predikat: ratings for ratings, predikat in PREDIKAT_MATRIX.items()}
    for employee, title, predikat in zip(
        people, titles, ["sangat_baik", "butuh_perbaikan", "sangat_kurang"], strict=True
    ):
        hasil_kerja, perilaku = ratings[predikat]
        ReportFactory(
            status="published",
            employee=employee,
            period=period,
            unit=unit,
            position_title=title,
            hasil_kerja=hasil_kerja,
            perilaku=perilaku,
        )
    return period


def test_the_rows_are_the_markup_the_template_loop_wrote(client, rows):
    response = client.get(LIST, {"periode": rows.code})
    reports = (
        Report.objects.filter(period=rows)
        .select_related("employee", "period", "unit")
        .order_by("employee__name", "pk")
    )
    expected = normalised(TEMPLATE_ROWS.render(Context({"reports": reports})))
    assert tbody(response.content.decode()) == expected
    assert "Ani &lt;b&gt;Putri&lt;/b&gt;" in expected  # what is compared is escaped text


def test_the_rows_are_translated_with_the_page(client, rows):
    html = client.get(LIST, {"periode": rows.code}, headers={"accept-language": "en"}).content
    body = tbody(html.decode())
    assert body.count("<td>Quarter II 2025</td>") == 3
    assert '<span class="predikat predikat-sangat_baik">Very good</span>' in body
    assert "Triwulan" not in body and "Sangat Baik" not in body


def test_each_sortable_header_links_to_its_sort_from_the_first_page(client, rows):
    html = client.get(LIST, {"periode": rows.code, "urut": "-nama", "page": "1"}).content.decode()
    assert (
        f'<th scope="col" aria-sort="descending"><a href="?periode={rows.code}&amp;urut=nama">'
        in html
    )
    assert f'<th scope="col"><a href="?periode={rows.code}&amp;urut=unit">' in html
    assert f'<th scope="col"><a href="?periode={rows.code}&amp;urut=predikat">' in html


def test_the_header_row_speaks_the_page_s_language(client, rows):
    html = client.get(LIST, {"periode": rows.code}, headers={"accept-language": "en"}).content
    header = html.decode().split("<thead>")[1].split("</thead>")[0]

    labels = [cell.split(">")[-1] for cell in header.split("</a></th>")[:-1]]
    assert labels == ["Name", "Work units", "Rating"]
    assert '<th scope="col">Position</th>' in header and '<th scope="col">Period</th>' in header


def test_a_period_or_unit_added_after_the_filter_read_them_is_read_for_its_rows(rows):
    report = Report.objects.select_related("period", "unit").get(employee__name="Budi")
    values = Report.objects.filter(pk=report.pk).values(*listing.FIELDS)
    (listed,) = listing.listed(list(values), periods={}, units={})
    assert listed.period == report.period
    assert listed.unit.name == report.unit.name
    assert listed.unit.get_absolute_url() == report.unit.get_absolute_url()


# The loop the employee page's template had before its rows were written in Python.
EMPLOYEE_TEMPLATE_ROWS = Template(
    """{% load i18n reports figures %}{% for report in reports %}
        <tr>
          <th scope="row"><a href="{{ report.get_absolute_url }}">{{ report.period }}</a>"""
    """{% if report.version > 1 %} <span class="tag">"""
    """{% blocktranslate with number=report.version %}versi {{ number }}{% endblocktranslate %}"""
    """</span>{% endif %}</th>
          <td>{{ report|predikat_badge }}</td>
          <td>{{ report.position_title|default:"—" }}</td>
          <td><a href="{{ report.unit.get_absolute_url }}">{{ report.unit.name }}</a></td>
          <td>{{ report.published_at|long_date }}</td>
        </tr>
      {% endfor %}"""
)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_employee_pages_rows_are_the_markup_the_template_loop_wrote(
    client, rows, language, monkeypatch
):
    ani = Report.objects.get(employee__name__startswith="Ani")
    advance(ani, "superseded")
    # A correction (version 2), published at 20:30 UTC: the date shown is Jakarta's, a day on.
    evening = datetime.datetime(2025, 7, 31, 20, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: evening)
    ReportFactory(
        status="published",
        employee=ani.employee,
        period=ani.period,
        unit=ani.unit,
        version=2,
        previous=ani,
        correction_reason="Realisasi salah ketik",
        position_title="Kepala <Bidang> & Data",
    )
    monkeypatch.undo()
    ReportFactory(
        status="published",
        employee=ani.employee,
        period=PeriodFactory(kind="tahunan", year=2024, number=1),
        unit=UnitFactory(code="kecamatan-x", name="Kecamatan <X>"),
        position_title="",
    )
    url = reverse("reports:employee-detail", args=[ani.employee.public_id])
    html = client.get(url, headers={"accept-language": language}).content.decode()
    with translation.override(language):
        reports = (
            Report.objects.disclosed()
            .filter(employee=ani.employee)
            .select_related("employee", "period", "unit")
            .order_by("-period__end", "period__start")
        )
        expected = normalised(EMPLOYEE_TEMPLATE_ROWS.render(Context({"reports": reports})))
    assert tbody(html) == expected
    assert expected.count("<tr>") == 2
    assert "1 Agustus 2025" in expected or "1 August 2025" in expected  # 03:30 in Jakarta
    assert "Kepala &lt;Bidang&gt; &amp; Data" in expected and "Kecamatan &lt;X&gt;" in expected
    assert ("versi 2" if language == "id" else "version 2") in expected
