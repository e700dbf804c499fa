"""{% search_results %} writes what the search's results template loop wrote."""

import re
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from personnel.choices import JabatanType, UnitKind
from personnel.models import Employee, Position, Unit
from portal.templatetags.search_results import search_results
from reports.choices import PeriodKind
from reports.models import Indicator, Period, Report

# templates/portal/_search_results.html as it was, before the tag replaced it
LOOP = Template(
    """{% load i18n %}<ol class="search-results">
{% for item in group.results %}
  {% if group.kind.key == "unit" %}
  <li><a href="{{ item.get_absolute_url }}">{{ item.name }}</a> <span class="tag">"""
    """{{ item.get_kind_display }}</span></li>
  {% elif group.kind.key == "jabatan" %}
  <li><a href="{{ item.unit.get_absolute_url }}">{{ item.title }}</a><span class="result-meta">"""
    """{{ item.unit.name }} · {{ item.get_jabatan_type_display }}</span></li>
  {% elif group.kind.key == "pegawai" %}
  <li><a href="{% url 'reports:employee-detail' item.public_id %}">{{ item.full_name }}</a>"""
    """<span class="result-meta">{% if item.position_title %}{{ item.position_title }} · """
    """{{ item.unit_name }}{% else %}{% translate "Tidak ada jabatan utama yang tercatat saat """
    """ini." %}{% endif %}</span></li>
  {% else %}
  <li><a href="{{ item.report.get_absolute_url }}">{{ item.iki|truncatechars:160 }}</a>"""
    """<span class="result-meta">{% blocktranslate trimmed with """
    """name=item.report.employee.full_name period=item.report.period %}{{ name }}, laporan """
    """{{ period }}{% endblocktranslate %}</span><span class="result-meta">"""
    """{% translate "RHK" %}: {{ item.rhk|truncatechars:160 }}</span></li>
  {% endif %}
{% endfor %}
</ol>"""
)

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
codes = st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True)


def normalised(html) -> str:
    return re.sub(r">\s+<", "><", str(html).strip())


def unit(code, name, kind=UnitKind.DINAS):
    return Unit(code=code, name=name, kind=kind)


def employee(public_id, name, *, gelar=("", ""), position_title="", unit_name=""):
    found = Employee(public_id=public_id, name=name, gelar_depan=gelar[0], gelar_belakang=gelar[1])
    found.position_title, found.unit_name = position_title, unit_name
    return found


def indicator(iki, rhk, public_id, name, *, kind=PeriodKind.ANNUAL, number=1, version=1):
    period = Period(kind=kind, year=2025, number=number, code=f"2025-{kind}-{number}")
    report = Report(employee=employee(public_id, name), period=period, version=version)
    return Indicator(iki=iki, rhk=rhk, report=report)


def group(key, results):
    return SimpleNamespace(kind=SimpleNamespace(key=key), results=results)


EXAMPLES = [
    group("unit", [unit("dinkes", "Dinas Kesehatan"), unit("a-b", 'Bagian "Umum" <&>', "bagian")]),
    group(
        "jabatan",
        [
            Position(
                title="Pengelola <Layanan>",
                jabatan_type=JabatanType.PELAKSANA,
                unit=unit("dinkes", "Dinas & Kesehatan"),
            ),
            Position(title="Kepala", jabatan_type="tidak-dikenal", unit=unit("x", "X")),
        ],
    ),
    group(
        "pegawai",
        [
            employee(
                "6jrmda68s84a",
                "Siti <b>",
                gelar=("Dr.", "S.E."),
                position_title="Analis",
                unit_name="Dinas & Kesehatan",
            ),
            employee("abc123", "Budi"),
        ],
    ),
    group(
        "indikator",
        [
            indicator("x" * 200, "Meningkatnya <layanan> & " * 10, "6jrmda68s84a", "Siti"),
            indicator("Pendek", "", "abc123", "Budi", kind=PeriodKind.MONTHLY, number=3, version=2),
        ],
    ),
    group("unit", []),
]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda g: f"{g.kind.key}-{len(g.results)}")
def test_the_results_tag_writes_what_the_template_loop_wrote(example, language):
    with translation.override(language):
        expected = LOOP.render(Context({"group": example}))
        assert normalised(search_results(example)) == normalised(expected)


@settings(max_examples=60)
@given(words, words, codes, words)
def test_any_texts_are_written_as_the_template_wrote_them(iki, rhk, public_id, name):
    examples = [
        group("indikator", [indicator(iki, rhk, public_id, name)]),
        group("pegawai", [employee(public_id, name, position_title=iki, unit_name=rhk)]),
        group("unit", [unit(public_id, name)]),
    ]
    for example in examples:
        expected = LOOP.render(Context({"group": example}))
        assert normalised(search_results(example)) == normalised(expected)


@pytest.mark.parametrize(
    "text",
    [
        "a" * 159,
        "a" * 160,
        "a" * 161,
        "e\u0301" * 160,  # decomposed: 160 letters once composed, each with its accent
        "e\u0301" * 161,
        "x\u0301" * 160,  # an accent no letter composes with, counted as no character
        "x\u0301" * 161,
        "🙂" * 161,
    ],
    ids=lambda text: f"{len(text)}-{ord(text[-1]):x}",
)
def test_indicator_texts_at_the_cut_are_cut_as_truncatechars_cut_them(text):
    example = group("indikator", [indicator(text, text, "abc123", "Budi")])

    assert normalised(search_results(example)) == normalised(
        LOOP.render(Context({"group": example}))
    )


# templates/portal/_search_count.html as it was, before the result_count filter replaced it
COUNT_INCLUDE = Template(
    "{% load i18n humanize %}{% if group.capped %}{% blocktranslate trimmed with "
    "count=group.count|intcomma %}lebih dari {{ count }}{% endblocktranslate %}{% else %}"
    "{{ group.count|intcomma }}{% endif %}"
)
COUNT_FILTER = Template("{% load search_results %}{{ group|result_count }}")


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("count", [0, 7, 999, 1000, 12345, 1234567])
@pytest.mark.parametrize("capped", [False, True])
def test_a_kinds_count_reads_as_the_include_wrote_it(language, count, capped):
    group = SimpleNamespace(count=count, capped=capped)

    with translation.override(language):
        written = COUNT_FILTER.render(Context({"group": group}))
        expected = COUNT_INCLUDE.render(Context({"group": group}))

    assert written == expected


def test_a_capped_count_says_more_than_in_each_language():
    group = SimpleNamespace(count=1000, capped=True)

    with translation.override("id"):
        assert COUNT_FILTER.render(Context({"group": group})) == "lebih dari 1.000"
    with translation.override("en"):
        assert COUNT_FILTER.render(Context({"group": group})) == "more than 1,000"
