"""Lighter django-filter FilterSets for the public report list, with the same behaviour.

A FilterSet deep-copies its declared filters for each instance, and the form it builds
deep-copies each field again. For a choice filter both copies walk its choices, label by lazy
label: on the report list, with every unit of the city offered, that was ~900 copies a
request. The filters here (`ShallowCopy`: `ChoiceFilter`, `CharFilter`) share their settings,
which are never changed in place, with their copies; only `extra` is the copy's own.

django-filter's choice iterator also normalizes the choices (Django's normalize_choices())
each time they are walked: to validate the value, then to render the options. Here they are
normalized once, when they are given, and the copies share that list.

`TranslatedOnce` gives a FilterSet's filters their labels, fixed choices and empty labels as
text in the active language, translated once per language and process: a lazy label is
translated again at every use, and the report list's form shows about fifty of them.

`SharedForm` builds a FilterSet's form class once for each set of its filters' settings (the
choices from the database included) and language, and lets the forms of that class share its
fields instead of deep-copying them: django-filter builds a new form class, and each of its
fields, at every request, and Django's form copies every field again. With QuickSelect keeping
its options' markup, the ~140 unit options are written once per set of choices.
"""

import copy
import functools
import threading
from collections import OrderedDict

import django_filters
from django import forms
from django.utils import translation
from django.utils.choices import normalize_choices
from django.utils.functional import Promise
from django_filters.fields import ChoiceField, ChoiceIterator


class NormalizedChoices(list):
    """Choices already normalized (a list of pairs), shared by a field and its copies, and
    never changed in place."""

    def key(self) -> tuple:
        """The choices as a tuple (an optgroup's list as one too), made once."""
        key = self.__dict__.get("_key")
        if key is None:
            key = self._key = tuple(
                (value, frozen(label) if isinstance(label, list | tuple) else label)
                for value, label in self
            )
        return key


class NormalizedChoiceIterator(ChoiceIterator):
    def __init__(self, field, choices):
        if not isinstance(choices, NormalizedChoices):
            normalized = normalize_choices(choices)
            if isinstance(normalized, list):  # not lazy choices (a callable), kept lazy
                choices = NormalizedChoices(normalized)
        super().__init__(field, choices)

    def __iter__(self):
        if not isinstance(self.choices, NormalizedChoices):
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        yield from self.choices


class SharedChoiceField(ChoiceField):
    iterator = NormalizedChoiceIterator

    def __deepcopy__(self, memo):
        result = forms.Field.__deepcopy__(self, memo)
        result.choices = self._choices.choices  # the same choices, iterated for the copy
        return result

    def valid_value(self, value):
        """As ChoiceField.valid_value(), from a set of the values kept with the choices."""
        choices = self._choices
        if not isinstance(choices.choices, NormalizedChoices):
            return super().valid_value(value)
        known = self.__dict__.get("_known")
        if known is None or known[0] is not choices:
            values = set()
            for key, label in choices:
                if isinstance(label, list | tuple):  # an optgroup
                    values.update(str(inner) for inner, _label in label)
                else:
                    values.add(str(key))
            known = self._known = (choices, frozenset(values))
        return str(value) in known[1]


class ShallowCopy:
    """A filter mixin: a FilterSet's copy of the filter shares its settings (never changed in
    place) instead of deep-copying them; only its `extra` dict is its own."""

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        result.__dict__.pop("_field", None)  # a copy builds its own field
        result.extra = dict(self.extra)  # a copy may be given other choices
        if self.method is not None:
            result.method = self.method  # the filter method, bound to the copy
        return result


class ChoiceFilter(ShallowCopy, django_filters.ChoiceFilter):
    field_class = SharedChoiceField


class CharFilter(ShallowCopy, django_filters.CharFilter):
    pass


def text(value):
    return str(value) if isinstance(value, Promise) else value


@functools.cache
def translated_extras(filterset_class, language: str | None) -> dict[str, dict]:
    """{filter name: its label, fixed choices and empty label as text in `language`}."""
    found = {}
    with translation.override(language):
        for name, declared in filterset_class.base_filters.items():
            texts = {"label": text(declared.label)}
            choices = declared.extra.get("choices")
            if isinstance(choices, list | tuple):  # fixed choices; a callable stays lazy
                texts["choices"] = NormalizedChoices(
                    (value, text(label)) for value, label in normalize_choices(choices)
                )
            if declared.extra.get("empty_label") is not None:
                texts["empty_label"] = text(declared.extra["empty_label"])
            found[name] = texts
    return found


class TranslatedOnce:
    """A FilterSet mixin: see the module's docstring. Choices set after `__init__` (from the
    database) replace these as before."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extras = translated_extras(type(self), translation.get_language())
        for name, texts in extras.items():
            declared = self.filters[name]
            declared.label = texts["label"]
            declared.extra.update(
                (key, texts[key]) for key in ("choices", "empty_label") if key in texts
            )


class Unshareable(Exception):
    """A filter setting that is not plain data (a queryset, callable choices, a widget
    instance): the form of such a filterset is built for each instance, as django-filter
    builds it."""


PLAIN = (str, int, float, bool, type(None), type)


def frozen(value):
    """`value` as a hashable key, if it is plain data; lazy text as text in the active
    language (the language is part of the key)."""
    if isinstance(value, PLAIN):
        return value
    if isinstance(value, NormalizedChoices):
        key = value.key()
        try:
            hash(key)  # in C; lazy labels hash as their text in the active language
        except TypeError:
            raise Unshareable("choices") from None
        return key
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return tuple(frozen(item) for item in value)
    if isinstance(value, dict):
        return tuple((key, frozen(item)) for key, item in value.items())
    raise Unshareable(type(value).__name__)


class SharedFields(dict):
    """A form class's fields, which its forms share instead of deep-copying them: the shared
    fields are never changed in place (the widgets' attributes are copied to render them)."""

    def __deepcopy__(self, memo):
        return dict(self)


MISSING = object()
FORMS_KEPT = 8  # form classes kept per filterset class, the latest used
SHARED_LOCK = threading.Lock()


class Kept:
    """The values made for the latest `size` keys used, safe to share between threads; a value
    is made outside the lock (two threads may both make one, and the later is kept)."""

    def __init__(self, size: int):
        self.size = size
        self.values: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, make):
        with self.lock:
            value = self.values.get(key, MISSING)
            if value is not MISSING:
                self.values.move_to_end(key)
                return value
        value = make()
        with self.lock:
            self.values[key] = value
            while len(self.values) > self.size:
                self.values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self.values)

    def clear(self) -> None:
        with self.lock:
            self.values.clear()


@functools.cache
def declared_plain(filterset_class) -> bool:
    """Whether the filters declared on `filterset_class` are set up with plain data only."""
    try:
        for declared in filterset_class.base_filters.values():
            frozen(declared.label)
            frozen(declared.extra)
    except Unshareable:
        return False
    return True


class SharedForm:
    """A FilterSet mixin: see the module's docstring."""

    def form_key(self):
        """Everything the form's fields are built from that is not the declared filters' own
        settings, with the class and the language; None if that is not plain data.

        A setting still identical to the declared filter's (the same object) is part of the
        class; the others (the choices from the database, TranslatedOnce's texts) are keyed
        by value.
        """
        cls = type(self)
        if not declared_plain(cls):
            return None
        declared = cls.base_filters
        parts = []
        try:
            for name, used in self.filters.items():
                original = declared.get(name)
                if original is None or type(used) is not type(original):
                    parts.append((name, type(used), frozen(used.label), frozen(used.extra)))
                    continue
                changed = tuple(
                    (key, frozen(value))
                    for key, value in used.extra.items()
                    if value is not original.extra.get(key, MISSING)
                )
                removed = tuple(key for key in original.extra if key not in used.extra)
                label = used.label
                if changed or removed or label is not original.label:
                    parts.append((name, frozen(label), changed, removed))
        except Unshareable:
            return None
        return cls, translation.get_language(), tuple(self.filters), tuple(parts)

    def get_form_class(self):
        key = self.form_key()
        if key is None:
            return super().get_form_class()
        cls = type(self)
        with SHARED_LOCK:
            forms_kept = cls.__dict__.get("_shared_forms")
            if forms_kept is None:
                forms_kept = cls._shared_forms = Kept(FORMS_KEPT)  # on this class, not its bases
        return forms_kept.get(key, self.shared_form_class)

    def shared_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields = SharedFields(form_class.base_fields)
        return form_class
