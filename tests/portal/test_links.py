"""Links filled in from a URL reversed once give what reverse() gives (portal/links.py)."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import QueryDict
from django.template import Context, engines
from django.template.defaulttags import querystring as django_querystring
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse, set_script_prefix
from hypothesis import given
from hypothesis import strategies as st

from portal.links import Link, querystring

REPORT = Link("reports:report-detail", "public_id", "period", "version")
UNIT = Link("personnel:unit-detail", "code")


def reversed_or_error(name, **kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return NoReverseMatch


def linked_or_error(link, *args):
    try:
        return link(*args)
    except NoReverseMatch:
        return NoReverseMatch


@given(
    public_id=st.text(min_size=0, max_size=14),
    period=st.text(min_size=0, max_size=10),
    version=st.integers(min_value=-5, max_value=10**6),
)
def test_a_report_link_is_what_reverse_gives_or_the_same_error(public_id, period, version):
    expected = reversed_or_error(
        "reports:report-detail", public_id=public_id, period=period, version=version
    )
    assert linked_or_error(REPORT, public_id, period, version) == expected


@given(code=st.text(max_size=20))
def test_a_unit_link_is_what_reverse_gives_or_the_same_error(code):
    assert linked_or_error(UNIT, code) == reversed_or_error("personnel:unit-detail", code=code)


def test_links_follow_the_script_prefix_of_the_request():
    set_script_prefix("/portal/")
    try:
        assert (
            UNIT("dinkes")
            == "/portal/unit/dinkes/"
            == reverse("personnel:unit-detail", args=["dinkes"])
        )
    finally:
        set_script_prefix("/")
    assert UNIT("dinkes") == "/unit/dinkes/"


def test_a_bound_link_keeps_the_script_prefix_it_was_bound_under():
    set_script_prefix("/portal/")
    try:
        bound = UNIT.bound()
    finally:
        set_script_prefix("/")
    assert bound("dinkes") == "/portal/unit/dinkes/"
    assert UNIT.bound()("dinkes") == "/unit/dinkes/"
    with pytest.raises(NoReverseMatch):
        UNIT.bound()("bukan kode/")


def test_a_name_that_is_no_single_url_is_refused():
    with pytest.raises(ImproperlyConfigured, match="exactly one URL"):
        Link("reports:no-such-page", "code")("x")


def rendered_or_error(markup, **context):
    try:
        return engines["django"].from_string("{% load layout %}" + markup).render(context)
    except NoReverseMatch:
        return NoReverseMatch


@given(period=st.text(max_size=12), fmt=st.sampled_from(["csv", "json", "CSV", "", "a/b"]))
def test_the_link_tag_writes_what_the_url_tag_writes_or_the_same_error(period, fmt):
    link = "{% link 'reports:data-laporan' period=period fmt=fmt %}"
    url = "{% url 'reports:data-laporan' period=period fmt=fmt %}"
    assert rendered_or_error(link, period=period, fmt=fmt) == rendered_or_error(
        url, period=period, fmt=fmt
    )


def test_the_link_tag_takes_a_page_without_arguments():
    assert rendered_or_error("{% link 'reports:city-dashboard' %}") == "/kinerja/"


@pytest.mark.parametrize("prefix", ["/{0}/", "/a}{b/", "/pörtal {x}/"])
def test_under_a_script_prefix_with_braces_a_link_is_what_reverse_gives(prefix):
    set_script_prefix(prefix)
    try:
        assert UNIT("dinkes") == reverse("personnel:unit-detail", args=["dinkes"])
        assert REPORT("6jrmda68s84a", "2026-10", 2) == reverse(
            "reports:report-detail", args=["6jrmda68s84a", "2026-10", 2]
        )
    finally:
        set_script_prefix("/")


# ------------------------------------------------------------------ query strings, as Django's

keys = st.sampled_from(["page", "urut", "unit", "q", "ä b", "&=", ""])
texts = st.text(max_size=6)
changes = st.dictionaries(
    st.sampled_from(["page", "urut", "unit", "new"]),
    st.none() | texts | st.integers(-3, 3000) | st.lists(texts, max_size=2),
    max_size=3,
)


@given(st.lists(st.tuples(keys, texts), max_size=6), changes)
def test_a_query_string_is_what_djangos_querystring_tag_writes(pairs, changed):
    query_dict = QueryDict(mutable=True)
    for key, value in pairs:
        query_dict.appendlist(key, value)
    context = Context({"request": SimpleNamespace(GET=query_dict)})
    context.request = context["request"]
    expected = django_querystring(context, **changed)
    assert querystring(query_dict, **changed) == expected
    assert list(query_dict.lists()) == [  # the request's own parameters left as they were
        (key, [value for k, value in pairs if k == key])
        for key in dict.fromkeys(k for k, _ in pairs)
    ]


def test_the_query_tag_writes_the_request_s_parameters_changed_and_escaped():
    request = RequestFactory().get("/laporan/", {"unit": "a&b", "page": "3"})
    html = (
        engines["django"]
        .from_string("{% load layout %}{% query page=4 urut=None %}")
        .render({}, request)
    )
    assert html == "?unit=a%26b&amp;page=4"
