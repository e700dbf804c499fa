"""The report list's rows and sort headers, written in Python, read as the template wrote them."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from reports import listing
from reports.choices import PREDIKAT_MATRIX
from reports.models import Report
from tests.factories import EmployeeFactory, PeriodFactory, ReportFactory, UnitFactory

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


def test_a_period_or_unit_added_after_the_filter_read_them_is_read_for_its_rows(rows):
    report = Report.objects.select_related("period", "unit").get(employee__name="Budi")
    values = Report.objects.filter(pk=report.pk).values(*listing.FIELDS)
    (listed,) = listing.listed(list(values), periods={}, units={})
    assert listed.period == report.period
    assert listed.unit.name == report.unit.name
    assert listed.unit.get_absolute_url() == report.unit.get_absolute_url()
