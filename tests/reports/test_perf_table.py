"""{% perf_table %} writes what the predikat table's template (reports/_perf_table.html) wrote."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from reports import charts
from reports.performance import predikat_row, suppressed_grid
from reports.templatetags.reports import perf_table

# The template the tables were rendered with before the tag.
TEMPLATE = Template(
    """{% load i18n figures %}
<div class="table-scroll" tabindex="0" role="region" aria-label="{{ caption }}">
  <table class="wide perf-table">
    <caption>{{ caption }}</caption>
    <thead>
      <tr>
        <th scope="col">{{ row_heading }}</th>
        {% for key, label in predikat_columns %}<th scope="col" class="num">{{ label }}</th>"""
    """{% endfor %}
        <th scope="col" class="num">{% translate "Jumlah" %}</th>
      </tr>
    </thead>
    <tbody>
    {% for row in rows %}
      <tr>
        <th scope="row">{% if row.url %}<a href="{{ row.url }}">{{ row.label }}</a>"""
    """{% else %}{{ row.label }}{% endif %}</th>
        {% for column in row.columns %}<td class="num">{{ column|count_and_share }}</td>"""
    """{% endfor %}
        <td class="num">{{ row.total.value|count }}</td>
      </tr>
    {% empty %}{% if not total_row %}
      <tr><td colspan="7">{% translate "Belum ada data." %}</td></tr>{% endif %}
    {% endfor %}
    </tbody>
    {% if total_row %}
    <tfoot>
      <tr>
        <th scope="row">{{ total_row.label }}</th>
        {% for column in total_row.columns %}<td class="num">{{ column|count_and_share }}</td>"""
    """{% endfor %}
        <td class="num">{{ total_row.total.value|count }}</td>
      </tr>
    </tfoot>
    {% endif %}
  </table>
</div>"""
)


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html).strip())


def tables():
    labels = charts.predikat_labels()
    rows = [
        predikat_row(1, "Dinas <Kesehatan> & KB", {"baik": 1234, "sangat_baik": 7}, labels),
        predikat_row(2, "2025-t1", {"baik": 3, "kurang": 40}, labels, url="?periode=2025-t1"),
        predikat_row(3, "Kosong", {}, labels),
    ]
    grid = suppressed_grid(
        {"a": {"baik": 12, "kurang": 2}, "b": {"baik": 9, "sangat_baik": 30}},
        [("a", "Unit A", {}), ("b", "Unit B", {"url": "/unit/b/kinerja/"})],
        total_label="Seluruh kota",
    )
    return [
        (rows, None),
        (None, rows[0]),
        (grid.rows, grid.total),
        ([], None),
        (None, None),
    ]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("case", range(5))
def test_the_tag_writes_the_markup_of_the_template(language, case):
    rows, total_row = tables()[case]
    with translation.override(language):
        labels = charts.predikat_labels()
        arguments = {
            "rows": rows,
            "total_row": total_row,
            "caption": 'Predikat "kinerja" <2025>',
            "row_heading": "Periode",
            "predikat_columns": labels,
        }
        expected = TEMPLATE.render(Context(arguments))
        assert normalised(perf_table(**arguments)) == normalised(expected)


def test_thousands_and_suppressed_cells_are_written_in_the_pages_language():
    rows, _total = tables()[0]
    with translation.override("en"):
        html = perf_table(rows, None, "c", "h", charts.predikat_labels())
    assert "1,234" in html
    assert '<abbr class="suppressed" title="hidden to protect privacy">×</abbr>' in html
