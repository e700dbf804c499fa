"""The English catalogue is complete, compiled, and keeps every placeholder of its source."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}|%[sd]")


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(CATALOGUE / "django.po"))


def test_every_source_string_has_an_english_translation(po):
    assert [entry.msgid for entry in po.untranslated_entries()] == []


def test_no_translation_is_left_fuzzy(po):
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


def test_every_translation_keeps_the_placeholders_of_its_source(po):
    wrong = []
    for entry in po.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        wrong += [
            entry.msgid for text in translations if sorted(PLACEHOLDER.findall(text)) != expected
        ]
    assert wrong == []


def test_the_compiled_catalogue_matches_the_source(po):
    compiled = polib.mofile(str(CATALOGUE / "django.mo"))
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in po.translated_entries()}
    built = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in compiled if e.msgid}
    assert {key: value[0] for key, value in built.items()} == {
        key: value[0] for key, value in source.items()
    }
