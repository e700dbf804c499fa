"""The report list's sentences with values (reports.listing.list_texts) are what its
{% blocktranslate %} tags wrote."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import translation

from reports.choices import PeriodKind
from reports.listing import list_texts
from reports.models import Period

# The tags of templates/reports/report_list.html as they were, one sentence a line.
TAGS = Template(
    "{% load i18n %}"
    "{% blocktranslate %}Laporan kinerja ASN {{ period }}{% endblocktranslate %}\n"
    "{% blocktranslate count counter=paginator.count %}{{ counter }} laporan{% plural %}"
    "{{ counter }} laporan{% endblocktranslate %}\n"
    "{% blocktranslate with number=page_obj.number total=page_obj.paginator.num_pages %}"
    "halaman {{ number }} dari {{ total }}{% endblocktranslate %}\n"
    "{% url 'data-detail' 'laporan' as dictionary_url %}{% blocktranslate trimmed with "
    "period=period url=dictionary_url %}semua laporan terbit {{ period }}, seluruh kota; "
    '<a href="{{ url }}">kamus data dan format lain</a>{% endblocktranslate %}'
)


def periods():
    # Not saved: the sentences need only the period's label.
    return [
        Period(kind=PeriodKind.ANNUAL, year=2025, number=1),
        Period(kind=PeriodKind.MONTHLY, year=2026, number=10),
        Period(kind=PeriodKind.QUARTERLY, year=2026, number=3),
    ]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    ("rows", "number"), [(0, 1), (1, 1), (2, 1), (50, 1), (51, 2), (99_377, 1), (99_377, 1_988)]
)
def test_the_list_s_sentences_are_those_its_tags_wrote(rows, number, language):
    page = Paginator(range(rows), 50).page(number)
    for period in periods():
        with translation.override(language):
            context = {"period": period, "paginator": page.paginator, "page_obj": page}
            old = TAGS.render(Context(context)).split("\n")
            texts = list_texts(period, page)
            new = [texts["title"], texts["count"], texts["page"], texts["download"]]

        assert new == old


def test_every_period_has_no_title_or_download_note_of_its_own():
    texts = list_texts(None, Paginator(range(120), 50).page(3))

    assert set(texts) == {"count", "page"}
    assert (texts["count"], texts["page"]) == ("120 laporan", "halaman 3 dari 3")


def test_the_count_says_report_or_reports_in_english():
    with translation.override("en"):
        one = list_texts(None, Paginator(range(1), 50).page(1))["count"]
        many = list_texts(None, Paginator(range(7), 50).page(1))["count"]

    assert (one, many) == ("1 report", "7 reports")
