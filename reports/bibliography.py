"""The one bibliography (docs/methods/bibliography.toml): what the Methods page and the PDF cite.

Methods name their sources by key (``MethodInfo.references``); code comments cite the
same keys as ``bib:KEY`` beside the table, equation or page. This module reads the
file once and turns a key into the citation a reader sees.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "docs" / "methods" / "bibliography.toml"


@dataclass(frozen=True)
class Reference:
    """One bibliography entry: the citation as printed, its link, where a value was checked."""

    key: str
    text: str
    url: str = ""
    checked_at: str = ""  # a secondary copy a value was checked against; never printed

    def citation(self) -> str:
        """Return the citation as printed: the text, then the link when there is one."""
        return f"{self.text} {self.url}".strip()


@functools.cache
def entries() -> dict[str, Reference]:
    """Return every bibliography entry by key."""
    with PATH.open("rb") as fh:
        raw = tomllib.load(fh)
    return {
        key: Reference(
            key=key,
            text=e["text"],
            url=e.get("url", ""),
            checked_at=e.get("checked_at", ""),
        )
        for key, e in raw.items()
    }


def get(key: str) -> Reference:
    """Return one entry; an unknown key raises KeyError naming the file to add it to."""
    try:
        return entries()[key]
    except KeyError:
        raise KeyError(f"bibliography key {key!r} is not in {PATH.name}.") from None


def citations(keys) -> list[str]:
    """Return the printed citations of some keys, in the order given."""
    return [get(k).citation() for k in keys]
