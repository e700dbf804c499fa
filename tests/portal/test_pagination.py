"""{% pagination %} writes what the include of reports/_pagination.html wrote."""

import pytest
from django.core.paginator import Paginator
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

# templates/reports/_pagination.html as it was, before the tag replaced it, and its include
INCLUDED = Template(
    """{% load i18n layout %}{% if page_obj.has_other_pages %}
<nav class="pagination" aria-label="{% translate 'Halaman' %}">
  <ul>
    {% if page_obj.has_previous %}<li><a href="{% query page=page_obj.previous_page_number %}" """
    """rel="prev">{% translate "‹ Sebelumnya" %}</a></li>{% endif %}
    <li aria-current="page">{% blocktranslate with number=page_obj.number """
    """total=page_obj.paginator.num_pages %}Halaman {{ number }} dari {{ total }}"""
    """{% endblocktranslate %}</li>
    {% if page_obj.has_next %}<li><a href="{% query page=page_obj.next_page_number %}" """
    """rel="next">{% translate "Berikutnya ›" %}</a></li>{% endif %}
  </ul>
</nav>
{% endif %}
"""
)
TAG = Template("{% load layout %}{% pagination page_obj %}")

parameters = st.lists(
    st.tuples(
        st.sampled_from(["page", "q", "urut", "unit", "a b", "<&>"]),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8),
    ),
    max_size=4,
)


def both(page, params=(), language="id"):
    request = RequestFactory().get("/laporan/", list(params))
    with translation.override(language):
        old = INCLUDED.render(RequestContext(request, {"page_obj": page}))
        return old, TAG.render(RequestContext(request, {"page_obj": page}))


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    ("rows", "number"),
    [
        (0, 1),
        (10, 1),
        (50, 1),
        (51, 1),
        (51, 2),
        (2_000, 1),
        (2_000, 20),
        (2_000, 40),
        (99_377, 1_500),
    ],
)
def test_the_tag_writes_what_the_include_wrote(rows, number, language):
    page = Paginator(range(rows), 50).page(number)

    old, new = both(page, [("q", 'siti "a" <b>'), ("page", str(number))], language)

    assert new == old


def test_a_list_that_is_not_paged_gets_what_the_include_wrote():
    old, new = both(None)

    assert new == old == "\n"


def test_the_middle_page_links_both_ways_and_keeps_the_other_parameters():
    page = Paginator(range(500), 50).page(4)

    _old, new = both(page, [("unit", "disdik"), ("page", "4")], "en")

    assert 'href="?unit=disdik&amp;page=3" rel="prev">‹ Previous</a>' in new
    assert 'href="?unit=disdik&amp;page=5" rel="next">Next ›</a>' in new
    assert '<li aria-current="page">Page 4 of 10</li>' in new


@settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(0, 400),
    per_page=st.integers(1, 60),
    choice=st.floats(0, 1),
    params=parameters,
    language=st.sampled_from(["id", "en"]),
)
def test_for_any_page_and_parameters_the_tag_writes_what_the_include_wrote(
    rows, per_page, choice, params, language
):
    paginator = Paginator(range(rows), per_page)
    page = paginator.page(1 + int(choice * (paginator.num_pages - 1)))

    old, new = both(page, params, language)

    assert new == old
