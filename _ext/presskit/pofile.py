"""The one reading of a ``.po`` catalogue that the build, the checks and the
progress report share: which messages it has and which are translated."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import read_po


def messages(po: Path) -> list[Message]:
    """Every message of ``po`` (not the header)."""
    with po.open("rb") as f:
        return [m for m in read_po(f) if m.id]


def is_translated(message: Message) -> bool:
    """Translated (every plural form) and not fuzzy: what gettext will show."""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(forms) and not message.fuzzy


def translations(po: Path) -> dict[str, str]:
    """The translated messages of ``po`` (singular ones), msgid → msgstr; none
    when it does not exist."""
    if not po.exists():
        return {}
    return {m.id: m.string for m in messages(po) if isinstance(m.id, str) and is_translated(m)}
