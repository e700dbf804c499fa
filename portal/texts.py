"""Sentences with values in them, written in Python as `{% blocktranslate with … %}` writes them.

A page that puts the same name or period in many sentences pays for a template tag each time:
the tag pushes a context, resolves and localizes each value, escapes it and translates the
message. `interpolated()` does the part that matters once per sentence: the translated message
(trusted text, as in the template) with its values escaped. The messages keep their msgids, so
the translations are the same ones the templates used.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def interpolated(message: str, **values) -> SafeString:
    """`message` % `values`, the values escaped (unless already safe), the result safe HTML."""
    return mark_safe(message % {key: conditional_escape(value) for key, value in values.items()})
