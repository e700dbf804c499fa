"""interpolated() writes what {% blocktranslate with … %} writes (portal/texts.py)."""

from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from hypothesis import given
from hypothesis import strategies as st

from portal.texts import interpolated

MESSAGE = "Lihat laporan perorangan unit ini, %(period)s"
TEMPLATE = engines["django"].from_string(
    "{% load i18n %}{% blocktranslate with period=value %}"
    "Lihat laporan perorangan unit ini, {{ period }}{% endblocktranslate %}"
)


@given(value=st.one_of(st.text(max_size=30), st.integers(min_value=0, max_value=9999)))
def test_a_sentence_is_what_blocktranslate_writes_in_each_language(value):
    for language in ("id", "en"):
        with translation.override(language):
            expected = TEMPLATE.render({"value": value})
            assert interpolated(gettext(MESSAGE), period=value) == expected


def test_values_are_escaped_and_safe_values_kept():
    written = interpolated("<em>%(name)s</em> %(safe)s", name="<b>&'\"", safe=mark_safe("<i>"))
    assert written == "<em>&lt;b&gt;&amp;&#x27;&quot;</em> <i>"
    assert hasattr(written, "__html__")
