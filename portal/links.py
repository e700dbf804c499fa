"""URLs of objects listed many times on a page, without a `reverse()` per row.

`reverse()` walks the resolver's candidates, checks each argument against its converter and
quotes it: 10–60 µs a call depending on the CPU, and a list page makes a hundred of them. A
`Link` reverses its URL name once per script prefix and URLconf with placeholder arguments,
keeps the result as a template and fills it in for each row, through the same converters and
quoting as `reverse()`. An argument its converter would refuse (the URL would not resolve) goes
through `reverse()` itself, which raises NoReverseMatch as usual.
"""

import functools
import re
from collections.abc import Callable, Iterable
from urllib.parse import quote, urlencode

from django.core.exceptions import ImproperlyConfigured
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter
from django.utils.encoding import iri_to_uri

SAFE = "!$&'()*+,;=/~:@"  # what reverse() leaves unquoted: RFC 3986 sub-delims and /~:@
PLAIN = re.compile(r"[A-Za-z0-9_.\-~]*")  # characters neither quote() nor iri_to_uri() change
# For the usual converters, the plain values the converter's own pattern accepts, which to_url()
# writes as they are: such a value goes into the URL without a converter call or a quote().
FAST = {
    StringConverter: re.compile(r"[A-Za-z0-9_.\-~]+"),
    PathConverter: re.compile(r"[A-Za-z0-9_.\-~]+"),
    SlugConverter: re.compile(r"[-a-zA-Z0-9_]+"),
}


class Link:
    """`Link("reports:report-detail", "public_id", "period", "version")(pid, code, 1)`."""

    def __init__(self, name: str, *params: str):
        self.name = name
        self.params = params
        self._built: dict[tuple, tuple[list, list, str]] = {}

    def converters(self, urlconf) -> list:
        """The converter of each parameter, found the way reverse() finds them."""
        resolver = get_resolver(urlconf)
        *namespaces, view = self.name.split(":")
        converters = {}
        for namespace in namespaces:
            _prefix, resolver = resolver.namespace_dict[namespace]
            converters.update(resolver.pattern.converters)
        possibilities = resolver.reverse_dict.getlist(view)
        if len(possibilities) != 1:
            raise ImproperlyConfigured(f"A Link needs exactly one URL named {self.name!r}.")
        converters.update(possibilities[0][3])
        return [converters[param] for param in self.params]

    def build(self, urlconf) -> tuple[list, list, str]:
        """(the URL's parts: text and argument indexes; each argument's converter, pattern and
        fast pattern; the URL as a str.format() template)."""
        converters = self.converters(urlconf)
        placeholders = [
            97_531_000 + n if isinstance(converter, IntConverter) else f"zq{n}xq"
            for n, converter in enumerate(converters)
        ]
        url = reverse(self.name, urlconf, kwargs=dict(zip(self.params, placeholders, strict=True)))
        texts = [str(p) for p in placeholders]
        parts: list[str | int] = []
        position = 0
        if texts:  # an URL without parameters is its one part
            for match in re.finditer("|".join(map(re.escape, texts)), url):
                parts += [url[position : match.start()], texts.index(match.group(0))]
                position = match.end()
        parts.append(url[position:])
        checks = [
            (
                converter,
                re.compile(f"(?:{converter.regex})"),
                int if type(converter) is IntConverter else FAST.get(type(converter)),
            )
            for converter in converters
        ]
        # reverse() quotes braces, so the text has none; doubled all the same, were it not to.
        template = "".join(
            part.replace("{", "{{").replace("}", "}}") if isinstance(part, str) else f"{{{part}}}"
            for part in parts
        )
        return parts, checks, template

    def __call__(self, *args) -> str:
        return self.fill(*self.current(), *args)

    def bound(self) -> Callable[..., str]:
        """This link for the current script prefix and URLconf (two context-local lookups), to
        be called for many rows in a row."""
        return functools.partial(self.fill, *self.current())

    def current(self) -> tuple[list, list, str]:
        """The parts, checks and template of the URL under the current script prefix and
        URLconf."""
        key = (get_script_prefix(), get_urlconf())
        if key not in self._built:
            self._built[key] = self.build(key[1])
        return self._built[key]

    def fill(self, parts: list, checks: list, template: str, *args) -> str:
        values = []
        for (_converter, _pattern, fast), arg in zip(checks, args, strict=True):
            if fast is int:
                if type(arg) is int and arg >= 0:
                    values.append(str(arg))
                    continue
            elif fast is not None and type(arg) is str and fast.fullmatch(arg):
                values.append(arg)
                continue
            return self.converted(parts, checks, args)
        # Plain values only: what reverse() would write, character for character.
        return template.format(*values)

    def converted(self, parts: list, checks: list, args) -> str:
        """The URL for any arguments, through each converter and quoted as reverse() does."""
        values = []
        plain = True
        for (converter, pattern, _fast), arg in zip(checks, args, strict=True):
            try:
                value = str(converter.to_url(arg))
            except ValueError:
                value = None
            if value is None or not pattern.fullmatch(value):
                return reverse(self.name, kwargs=dict(zip(self.params, args, strict=True)))
            plain = plain and PLAIN.fullmatch(value) is not None
            values.append(value)
        url = "".join(part if isinstance(part, str) else values[part] for part in parts)
        if plain:  # nothing to quote: what reverse() would write, character for character
            return url
        quoted = [quote(value, safe=SAFE) for value in values]
        return iri_to_uri(
            "".join(part if isinstance(part, str) else quoted[part] for part in parts)
        )


def querystring(query_dict, **changes) -> str:
    """What Django's `{% querystring %}` writes for `query_dict` with `changes` (None removes a
    key, a list sets several values), without copying the QueryDict: the list writes five
    of these (its sorts and pages), and each copy deep-copied the request's parameters."""
    lists = dict(query_dict.lists())
    for key, value in changes.items():
        if value is None:
            lists.pop(key, None)
        elif isinstance(value, Iterable) and not isinstance(value, str):
            lists[key] = list(value)
        else:
            lists[key] = [value]
    if not lists and not query_dict:
        return ""
    return "?" + urlencode([(key, str(value)) for key, values in lists.items() for value in values])
