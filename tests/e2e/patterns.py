"""Patterns for Playwright's `expect()` assertions, which wait until the page matches.

Reading `page.url` or a text right after a click races the navigation; with these patterns the
assertion retries until the new page is there.
"""

import re


def ends_with(suffix):
    return re.compile(re.escape(suffix) + "$")


def containing(*parts):
    return re.compile("".join(f"(?=.*{re.escape(part)})" for part in parts))


def starting(prefix):
    return re.compile("^" + re.escape(prefix))
