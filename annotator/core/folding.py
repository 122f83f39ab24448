"""Folding text for finding documents by part of a title, an id or a file name.

``fold`` makes the key a document list and the document chooser match against: case
folded, Arabic harakat (and the other marks of U+064B-U+065F, the superscript alef
U+0670) and tatweel removed, the alef forms (أ إ آ ٱ) written as bare alef, and
Arabic-Indic and Eastern Arabic-Indic digits written as Western ones. So «الإعلان»
finds «الاعلان», «مُؤْتَمَر» finds «مؤتمر», «ســلام» finds «سلام» and ٢٠٢٦ finds 2026.
The key is used for matching only: nothing shown to a user or stored as data is folded.
"""

from __future__ import annotations

_MARKS: dict[int, str | None] = dict.fromkeys((*range(0x064B, 0x0660), 0x0670, 0x0640))  # harakat, sup. alef, tatweel
_LETTERS: dict[int, str | None] = {ord(c): "ا" for c in "أإآٱ"}
_DIGITS: dict[int, str | None] = {cp: str((cp - 0x0660) % 0x90)  # Arabic-Indic, Eastern Arabic-Indic
                                  for cp in (*range(0x0660, 0x066A), *range(0x06F0, 0x06FA))}
_TABLE = _MARKS | _LETTERS | _DIGITS


def fold(text: str) -> str:
    """*text* as the list's search key: see the module's description."""
    return text.casefold().translate(_TABLE)


def source_name(path: str | None) -> str:
    """The file name of a document's source path (what lists show; the full path is in a tip)."""
    if not path:
        return ""
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or path


def list_key(doc_id: str, title: str, source_name: str) -> str:
    """The folded key of one document in the list: its title, id and source file name."""
    return fold(f"{title}\n{doc_id}\n{source_name}")
