"""Reading and editing catalogues in a test's copy of the project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from catalogs import wrap  # noqa: E402


def read(po: Path):
    with po.open("rb") as f:
        return read_po(f)


def translate(po: Path, msgid_start: str, msgstr: str) -> str:
    """Set the msgstr of the message starting with ``msgid_start`` (the
    catalogue stays canonical, as a PO editor plus `make wrap` leave it);
    return its msgid."""
    cat = read(po)
    message = next(m for m in cat if m.id and m.id.startswith(msgid_start))
    message.string = msgstr
    message.flags.discard("fuzzy")
    with po.open("wb") as f:
        write_po(f, cat, width=79)
    wrap(po)
    return message.id


def line_of(po: Path, msgid_start: str) -> int:
    """The line of the msgid that starts with ``msgid_start``."""
    return next(m for m in read(po) if m.id and m.id.startswith(msgid_start)).lineno


def catalogs(project: Path, command: str, *options: str) -> subprocess.CompletedProcess:
    """A translators' command as the Makefile runs it: ``check`` is
    tools/pocheck.py, the others tools/catalogs.py's subcommands."""
    tool = ["pocheck.py"] if command == "check" else ["catalogs.py", command]
    return subprocess.run(
        [sys.executable, str(project / "tools" / tool[0]), *tool[1:], *options, "--srcdir", str(project)],
        capture_output=True,
        text=True,
    )


def join_long_msgstr(po: Path) -> int:
    """Join the first msgstr that spans lines onto one line (not canonical
    any more); return its line."""
    lines = po.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line == 'msgstr ""' and i > 5)
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith('"'))
    joined = "".join(part[1:-1] for part in lines[start + 1 : end])
    po.write_text("\n".join([*lines[:start], f'msgstr "{joined}"', *lines[end:]]) + "\n", encoding="utf-8")
    return start + 1
