"""Widgets of the public pages, rendered in Python.

QuickSelect renders a <select> in Python. Django's Select builds a context dict per option and
renders one template per option (select_option.html with its attrs.html include): on the report
list, whose filter offers every unit of the city, that was the largest single cost of an
uncached page. QuickTextInput does the same for a text box (Django renders three templates
for one <input>). The markup is what Django's templates produce, less their indentation.
"""

import html

from django import forms
from django.utils import translation
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe


def text(value) -> str:
    """`conditional_escape(value)`, without its lazy-text wrapping for a plain string."""
    return html.escape(value) if type(value) is str else conditional_escape(value)


def attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them: in order, True bare, False left out."""
    return "".join(
        f" {text(name)}" if value is True else f' {text(name)}="{text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """A <select> written in Python, its options written once for a set of choices.

    The options' markup is kept on the widget with the choices it was written from and the
    language it was written in, and written again when either changes (a copied widget has
    copied choices). A form whose fields are shared by its instances (portal.filtering
    .SharedForm) so writes its ~140 unit options once, not at every request; per render only
    the chosen options are marked.
    """

    def options(self) -> tuple[list[tuple[str | None, str, str]], dict[str, int], list, str]:
        """([(value, markup before the mark, markup after it)], {value: its first index},
        each item's markup unmarked, all of it joined); the value is None for an optgroup's
        tags."""
        choices, language = self.choices, translation.get_language()
        written = self.__dict__.get("_written")
        if written is not None and written[0] is choices and written[1] == language:
            return written[2]
        items, first = [], {}

        def option(option_value, label):
            key = "" if option_value is None else str(option_value)
            first.setdefault(key, len(items))
            items.append((key, f'<option value="{html.escape(key)}"', f">{text(label)}</option>"))

        for group_value, group_label in choices:
            if isinstance(group_label, (list, tuple)):
                items.append((None, f'<optgroup label="{conditional_escape(group_value)}">', ""))
                for value, label in group_label:
                    option(value, label)
                items.append((None, "</optgroup>", ""))
            else:
                option(group_value, group_label)
        pieces = [before + after for _key, before, after in items]
        options = items, first, pieces, "".join(pieces)
        self._written = (choices, language, options)
        return options

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        items, first, pieces, options = self.options()
        if self.allow_multiple_selected:
            marked = [index for index, item in enumerate(items) if item[0] in chosen]
        else:  # the first option of a chosen value, as Django's Select marks it
            marked = sorted(first[key] for key in chosen if key in first)[:1]
        if marked:
            pieces = pieces.copy()
            for index in marked:
                _key, before, after = items[index]
                pieces[index] = f"{before} selected{after}"
            options = "".join(pieces)
        return mark_safe(f'<select name="{escape(name)}"{attributes(attrs)}>{options}</select>')


class QuickTextInput(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        attrs = self.build_attrs(self.attrs, attrs)
        shown = "" if value is None else f' value="{escape(value)}"'
        return mark_safe(
            f'<input type="{escape(self.input_type)}" name="{escape(name)}"{shown}'
            f"{attributes(attrs)}>"
        )
