"""{% perf_table %} writes what the predikat table's template (reports/_perf_table.html) wrote."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from reports import charts
from reports.performance import predikat_row, suppressed_grid
from reports.templatetags.reports import comparison_rows, perf_table, period_form
from tests.factories import PeriodFactory

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


# The unit page's comparison rows and the period chooser, as their templates wrote them.
COMPARISON_TEMPLATE = Template(
    """{% load figures %}{% for own, city in comparison %}
          <tr>
            <th scope="row">{{ own.label }}</th>
            <td class="num">{{ own.value|count }}</td>
            <td class="num">{% if own.share is None %}{{ None|count }}{% else %}"""
    """{{ own.share|floatformat:0 }}%{% endif %}</td>
            <td class="num">{{ city.value|count }}</td>
            <td class="num">{% if city.share is None %}{{ None|count }}{% else %}"""
    """{{ city.share|floatformat:0 }}%{% endif %}</td>
          </tr>
        {% endfor %}"""
)
PERIOD_FORM_TEMPLATE = Template(
    """{% load i18n %}{% if unknown_period %}
<p class="notice" role="status">{% if period %}{% blocktranslate with code=unknown_period """
    """period=period %}Periode «{{ code }}» tidak dikenal. Ditampilkan {{ period }}."""
    """{% endblocktranslate %}{% else %}{% blocktranslate with code=unknown_period %}"""
    """Periode «{{ code }}» tidak dikenal.{% endblocktranslate %}{% endif %}</p>
{% endif %}{% if period_groups %}
<form method="get" class="period-form">
  <label for="periode">{% translate "Periode" %}</label>
  <select id="periode" name="periode">
    {% for group in period_groups %}
    <optgroup label="{{ group.label }}">
      {% for option in group.periods %}<option value="{{ option.code }}"{% if option.pk == """
    """period.pk %} selected{% endif %}>{{ option }}</option>{% endfor %}
    </optgroup>
    {% endfor %}
  </select>
  <button type="submit">{% translate "Tampilkan" %}</button>
</form>
{% endif %}"""
)


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_comparison_rows_are_the_markup_of_the_template(language):
    with translation.override(language):
        labels = charts.predikat_labels()
        # 2 of 9 "kurang" in the unit: suppressed; a share of 2/3 rounds up, 1/8 half up.
        own = predikat_row(1, "Unit", {"baik": 6, "sangat_baik": 1, "kurang": 2}, labels)
        city = predikat_row(0, "Kota", {"baik": 16_000, "sangat_baik": 8_000, "kurang": 7}, labels)
        comparison = list(zip(own.columns, city.columns, strict=True))
        expected = COMPARISON_TEMPLATE.render(Context({"comparison": comparison}))
        html = comparison_rows(comparison)
    assert normalised(html) == normalised(expected)
    assert "×" in html and ("16.000" in html or "16,000" in html)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("unknown", ["", 'x"<y>'])
@pytest.mark.parametrize("chosen", [True, False])
def test_the_period_form_is_the_markup_of_the_template(language, unknown, chosen):
    year = PeriodFactory(kind="tahunan", year=2025, number=1)
    quarter = PeriodFactory(kind="triwulanan", year=2025, number=2)
    groups = [{"label": "Tahunan <A&B>", "periods": [year]}, {"label": "Q", "periods": [quarter]}]
    context = {
        "period": quarter if chosen else None,
        "unknown_period": unknown,
        "period_groups": groups if chosen else [],
    }
    with translation.override(language):
        expected = PERIOD_FORM_TEMPLATE.render(Context(context))
        html = period_form(Context(context))
    assert normalised(html) == normalised(expected)


def test_the_predikat_labels_are_those_of_the_active_language_in_the_fixed_order():
    with translation.override("en"):
        english = charts.predikat_labels()
    with translation.override("id"):
        indonesian = charts.predikat_labels()
    assert [key for key, _label in english] == list(charts.PREDIKAT_ORDER)
    assert english[0] == ("sangat_baik", "Very good")
    assert indonesian[0] == ("sangat_baik", "Sangat Baik")


@pytest.mark.django_db
def test_a_period_is_named_in_the_language_active_at_each_use():
    month = PeriodFactory(kind="bulanan", year=2025, number=8)
    quarter = PeriodFactory(kind="triwulanan", year=2025, number=3)
    for language, names in [
        ("id", ("Agustus 2025", "Triwulan III 2025")),
        ("en", ("August 2025", "Quarter III 2025")),
        ("id", ("Agustus 2025", "Triwulan III 2025")),
    ]:
        with translation.override(language):
            assert (str(month), str(quarter)) == names
