"""The filters that write the markup of table cells, in both languages."""

import datetime
import zoneinfo
from types import SimpleNamespace

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context, Template
from django.template.defaultfilters import floatformat
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.templatetags.figures import count, count_and_share, whole_percent
from reports.templatetags.reports import predikat_badge

ZONES = [datetime.UTC, zoneinfo.ZoneInfo("Asia/Jakarta"), zoneinfo.ZoneInfo("America/Adak")]


def test_the_predikat_badge_names_the_predikat_in_the_language_of_the_page():
    report = SimpleNamespace(predikat="sangat_baik")
    assert predikat_badge(report) == (
        '<span class="predikat predikat-sangat_baik">Sangat Baik</span>'
    )
    with translation.override("en"):
        assert predikat_badge(report) == (
            '<span class="predikat predikat-sangat_baik">Very good</span>'
        )


def test_a_count_has_thousands_separators_and_a_hidden_one_says_why():
    with translation.override("id"):
        assert count(12345) == "12.345"
        assert 'class="suppressed"' in count(None) and "privasi" in count(None)
    with translation.override("en"):
        assert count(12345) == "12,345"
        assert "privacy" in count(None)


def test_a_cell_shows_its_share_only_beside_a_count():
    assert (
        count_and_share(SimpleNamespace(value=40, share=12.5))
        == '40 <small class="share">(13%)</small>'
    )
    assert count_and_share(SimpleNamespace(value=0, share=0.0)) == "0"
    assert "suppressed" in count_and_share(SimpleNamespace(value=None, share=None))


@settings(max_examples=300, deadline=None)
@given(
    value=st.integers(min_value=0, max_value=10**9),
    part_and_total=st.integers(min_value=1, max_value=10**6).flatmap(
        lambda total: st.tuples(st.integers(min_value=0, max_value=total), st.just(total))
    ),
    language=st.sampled_from(["id", "en"]),
)
def test_the_cell_filters_write_what_intcomma_and_floatformat_write(
    value, part_and_total, language
):
    part, total = part_and_total
    share = part * 100 / total  # as reports.performance.Row.columns computes it
    with translation.override(language):
        assert count(value) == intcomma(value)
        assert whole_percent(share) == floatformat(share, 0)


@settings(max_examples=200)
@given(
    moment=st.one_of(
        st.dates(),
        st.datetimes(timezones=st.sampled_from(ZONES)),
        st.datetimes(min_value=datetime.datetime(1900, 1, 2)),
        st.none(),
        st.text(max_size=5),
    ),
    language=st.sampled_from(["id", "en"]),
)
def test_a_long_date_is_what_the_date_filter_writes(moment, language):
    template = "{{ moment|date:'j F Y' }}|{{ moment|long_date }}"
    with translation.override(language):
        django, ours = (
            Template("{% load figures %}" + template).render(Context({"moment": moment})).split("|")
        )
    assert ours == django
