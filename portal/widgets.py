"""Widgets of the public pages, rendered in Python.

QuickSelect renders a <select> in Python. Django's Select builds a context dict per option and
renders one template per option (select_option.html with its attrs.html include): on the report
list, whose filter offers every unit of the city, that was the largest single cost of an
uncached page. QuickTextInput does the same for a text box (Django renders three templates
for one <input>). The markup is what Django's templates produce, less their indentation.
"""

import html

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe


def text(value) -> str:
    """`conditional_escape(value)`, without its lazy-text wrapping for a plain string."""
    return html.escape(value) if type(value) is str else conditional_escape(value)


def attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: in order, True bare, False left out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        parts = [f'<select name="{escape(name)}"{attributes(attrs)}>']
        found = False

        def option(option_value, label):
            nonlocal found
            key = "" if option_value is None else str(option_value)
            selected = key in chosen and (self.allow_multiple_selected or not found)
            found = found or selected
            mark = " selected" if selected else ""
            return f'<option value="{html.escape(key)}"{mark}>{text(label)}</option>'

        for group_value, group_label in self.choices:
            if isinstance(group_label, (list, tuple)):
                parts.append(f'<optgroup label="{conditional_escape(group_value)}">')
                parts.extend(option(v, label) for v, label in group_label)
                parts.append("</optgroup>")
            else:
                parts.append(option(group_value, group_label))
        parts.append("</select>")
        return mark_safe("".join(parts))


class QuickTextInput(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        attrs = self.build_attrs(self.attrs, attrs)
        shown = "" if value is None else f' value="{escape(value)}"'
        return mark_safe(
            f'<input type="{escape(self.input_type)}" name="{escape(name)}"{shown}'
            f"{attributes(attrs)}>"
        )
