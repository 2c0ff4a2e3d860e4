"""Translations for domain code and the web alike, without Flask.

Danish is the source language: every msgid is the Danish text, so Danish needs no catalog and
English lives in `translations/en/LC_MESSAGES/messages.po` (compiled to `.mo`, shipped in the
package). The current language is a context variable: the web layer sets it per request and per
socket event (each greenlet/thread has its own), the CLI and the job runner use the default, and
`use_locale` switches it for one export. Flask-Babel reads the same variable and catalogs, so
templates and Python code always agree.

Mark strings that are translated later (dict labels defined at import time) with `N_` and
translate them where they are shown with `gettext(label)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from babel.support import LazyProxy, NullTranslations, Translations

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
DEFAULT_LOCALE = "da"
# The languages offered, each named in itself (a picker shows "Dansk" and "English").
LANGUAGES: dict[str, str] = {"da": "Dansk", "en": "English"}

_current: ContextVar[str] = ContextVar("facilitator_locale", default=DEFAULT_LOCALE)


def N_(message: str) -> str:  # noqa: N802  (the gettext convention for "mark, don't translate")
    """Mark `message` for extraction; translate it where it is shown."""
    return message


def supported(locale: str | None) -> str | None:
    """`locale` if it is one we offer ("en", "en-GB" and "en_US" all count as "en"), else None."""
    if not locale:
        return None
    code = locale.replace("-", "_").split("_", 1)[0].lower()
    return code if code in LANGUAGES else None


def current_locale() -> str:
    return _current.get()


def set_locale(locale: str | None) -> str:
    """Make `locale` (or the default, if it is not offered) current for this greenlet/thread."""
    chosen = supported(locale) or DEFAULT_LOCALE
    _current.set(chosen)
    return chosen


@contextmanager
def use_locale(locale: str | None) -> Iterator[str]:
    """Run a block (one export, one socket payload) in `locale`, then restore the previous one."""
    token = _current.set(supported(locale) or DEFAULT_LOCALE)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


@cache
def translations(locale: str) -> NullTranslations:
    if locale == DEFAULT_LOCALE:  # msgids are Danish
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [locale])


def gettext(message: str, **variables: Any) -> str:
    """`message` in the current language; `%(name)s` placeholders are filled from `variables`."""
    text = translations(_current.get()).gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    """Singular or plural by `n` (which is also available as `%(num)s`)."""
    text = translations(_current.get()).ngettext(singular, plural, n)
    return text % {"num": n, **variables}


def pgettext(context: str, message: str, **variables: Any) -> str:
    """`message` disambiguated by `context` (the same Danish word, two English ones)."""
    text = str(translations(_current.get()).pgettext(context, message))
    return text % variables if variables else text


def lazy_gettext(message: str, **variables: Any) -> LazyProxy:
    """Translated when used, not when defined (form labels declared at import time)."""
    return LazyProxy(gettext, message, enable_cache=False, **variables)


_ = gettext
