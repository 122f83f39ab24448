"""The disagreement table: a thin Qt model over the diff's list, with lazy rows.

A long document has tens of thousands of disagreements; the table asks only for
the rows it shows, so each row's texts (kind, position, text, each annotator's
labels, the decision gold holds) are computed when first displayed and cached.
Everything is plain text (item views never interpret it as markup). Decided rows
are tinted and their Gold cell says how ("✓ accepted alice", "✓ kept nothing");
with *only undecided* on, the table lists the undecided rows (and the current
one), so a row is a disagreement's index only while the filter is off
(:meth:`DisagreementModel.disagreement_index`, :meth:`DisagreementModel.row_of`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from annotator.core.adjudication import Disagreement, Kind
from annotator.gui.common import plain
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, translate
from annotator.gui.common.tables import RowTableModel

_Index = QModelIndex | QPersistentModelIndex
TEXT_LIMIT = 60
CACHE_LIMIT = 4096
DECIDED_BRUSH = QBrush(QColor(222, 242, 222))  # a decided row's background: a pale green

#: an attribute value as shown: (label, attribute name, value) -> text (an entity's name for its id)
AttrText = Callable[[str, str, Any], str]


#: what a disagreement is about, as the Kind column says it
KIND_NAMES = {
    Kind.LABEL: QT_TRANSLATE_NOOP("DisagreementModel", "label"),
    Kind.BOUNDARY: QT_TRANSLATE_NOOP("DisagreementModel", "boundary"),
    Kind.MISSING: QT_TRANSLATE_NOOP("DisagreementModel", "missing"),
    Kind.ATTRIBUTE: QT_TRANSLATE_NOOP("DisagreementModel", "attribute"),
    Kind.RELATION: QT_TRANSLATE_NOOP("DisagreementModel", "relation"),
    Kind.LINK: QT_TRANSLATE_NOOP("DisagreementModel", "link"),
}


def kind_name(kind: Kind) -> str:
    """A kind of disagreement in the interface's language ("boundary")."""
    return translate("DisagreementModel", KIND_NAMES[kind])


def offset(n: int) -> str:
    """A position in the text with the locale's digits and no grouping (1234, ١٢٣٤): an offset, not a quantity,
    and inside "[start,end)" a group separator would read as the comma between the two."""
    loc = QLocale()
    loc.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return loc.toString(int(n))


def position(start: int, end: int) -> str:
    """The Position column: "12–20"."""
    return f"{offset(start)}–{offset(end)}"


def _range(start: int, end: int) -> str:
    return f"[{offset(start)},{offset(end)})"


def _attr_value(_label: str, _name: str, value: Any) -> str:
    return str(value)


def version_text(d: Disagreement, name: str, text: str = "", attr_text: AttrText = _attr_value) -> str:
    """One annotator's version of a disagreement, in a few words ("—": made nothing). A relation
    shows its other end's words when *text* is given (else its offsets); *attr_text* shows an
    attribute value (an entity id as the entity's name)."""
    # the arrows point to the reading direction's "next" side: the Arabic translation turns them
    if d.kind is Kind.RELATION:
        items = d.relations.get(name, ())
        if text:
            arrow = translate("DisagreementModel", "{type} → {end}")
            return ", ".join(arrow.format(type=r.type, end=plain.isolate(excerpt(text, *r.tail, limit=30)))
                             for r in items) or "—"
        ranges = translate("DisagreementModel", "{type} {head}→{tail}")
        return ", ".join(ranges.format(type=r.type, head=_range(*r.head), tail=_range(*r.tail))
                         for r in items) or "—"
    if d.kind is Kind.LINK:
        items_l = d.links.get(name, ())
        target = translate("DisagreementModel", "{type} → {end}")
        return ", ".join(target.format(type=lk.type, end=lk.target[0]) for lk in items_l) or "—"
    spans = d.spans.get(name, ())
    if not spans:
        return "—"
    show_range = Kind.BOUNDARY in d.kinds or len(spans) > 1
    parts = []
    for s in spans:
        part = s.label + (f" {_range(s.start, s.end)}" if show_range else "")
        if d.attributes:
            part += " " + ", ".join(f"{a}={attr_text(s.label, a, s.attrs[a]) if a in s.attrs else '—'}"
                                    for a in d.attributes)
        parts.append(part)
    return "; ".join(parts)


def notes_text(d: Disagreement, annotators: Sequence[str], notes: dict[tuple[str, str], tuple[str, bool]]) -> str:
    """The notes of every annotator's spans in a disagreement, one after another
    ("alice: unsure — «not sure the minister said it»"); empty when none has a note."""
    if not notes:
        return ""
    parts = []
    for name in annotators:
        for s in d.spans.get(name, ()):
            note = notes.get((name, s.id))
            if note is None:
                continue
            comment, unsure = note
            words = [w for w in (translate("DisagreementModel", "unsure") if unsure else "",
                                 f"«{plain.isolate(excerpt(comment, 0, len(comment)))}»" if comment else "") if w]
            parts.append(f"{name}: {' — '.join(words)}")
    return "; ".join(parts)


def excerpt(text: str, start: int, end: int, limit: int = TEXT_LIMIT) -> str:
    body = " ".join(text[start:min(end, start + limit * 2)].split())
    return body if len(body) <= limit else body[:limit] + "…"


class DisagreementModel(RowTableModel):
    """#, kind, position, text, one column per annotator, their notes (when the document's
    annotators' spans carry any), and what gold says now."""

    FIXED = ("#", QT_TRANSLATE_NOOP("DisagreementModel", "Kind"), QT_TRANSLATE_NOOP("DisagreementModel", "Position"),
             QT_TRANSLATE_NOOP("DisagreementModel", "Text"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.disagreements: Sequence[Disagreement] = ()
        self.annotators: tuple[str, ...] = ()
        self.text = ""
        self.gold_of: Callable[[Disagreement], str] = lambda _d: ""
        self.attr_text: AttrText = _attr_value
        self._rows: dict[int, list[str]] = {}
        self.gold_column = True  # False: the versions compared already include gold
        self.titles: dict[str, str] = {}  # a version's column title where it is not its owner's name (gold)
        #: one flag per disagreement: decided (the row is tinted)
        self.decided: list[bool] = []
        #: (annotator, span id) -> (comment, unsure) of the annotators' spans that carry a note
        self.notes: dict[tuple[str, str], tuple[str, bool]] = {}
        #: the disagreement indices listed, in order, while only undecided ones are shown (else None)
        self.visible: list[int] | None = None

    def set_diff(self, disagreements: Sequence[Disagreement], annotators: Sequence[str], text: str,
                 gold_of: Callable[[Disagreement], str], attr_text: AttrText = _attr_value,
                 notes: dict[tuple[str, str], tuple[str, bool]] | None = None) -> None:
        self.beginResetModel()
        self.notes = notes or {}
        self.disagreements = disagreements
        self.annotators = tuple(annotators)
        self.text = text
        self.gold_of = gold_of
        self.attr_text = attr_text
        self.decided = [False] * len(disagreements)
        self.visible = None
        self._rows.clear()
        self.endResetModel()

    # -- decided rows and the filter ------------------------------------------------------
    def set_decided(self, flags: list[bool]) -> None:
        """New decided flags (one per disagreement): the visible rows repaint their tint."""
        self.decided = flags
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  [Qt.ItemDataRole.BackgroundRole])

    def filter_undecided(self, on: bool, keep: int | None = None) -> None:
        """List only the undecided disagreements (and *keep*, the current one), or all of them."""
        self.beginResetModel()
        self._rows.clear()
        self.visible = ([i for i, done in enumerate(self.decided) if not done or i == keep] if on else None)
        self.endResetModel()

    def disagreement_index(self, row: int) -> int:
        """The index in the diff's list of the disagreement shown in *row*."""
        return row if self.visible is None else self.visible[row]

    def row_of(self, index: int) -> int | None:
        """The row showing disagreement *index* (None: filtered out)."""
        if self.visible is None:
            return index if 0 <= index < len(self.disagreements) else None
        i = bisect_left(self.visible, index)
        return i if i < len(self.visible) and self.visible[i] == index else None

    def row_after(self, index: int) -> int | None:
        """The first row showing a disagreement after *index* (None: none left)."""
        if self.visible is None:
            return index + 1 if index + 1 < len(self.disagreements) else None
        i = bisect_right(self.visible, index)
        return i if i < len(self.visible) else None

    def row_before(self, index: int) -> int | None:
        """The last row showing a disagreement before *index* (None: none)."""
        if self.visible is None:
            return index - 1 if index > 0 else None
        i = bisect_left(self.visible, index)
        return i - 1 if i > 0 else None

    @property
    def headers(self) -> tuple[str, ...]:
        """The column titles as shown (the annotators' names are data)."""
        return (*(translate("DisagreementModel", t) for t in self.FIXED),
                *(self.titles.get(n, n) for n in self.annotators),
                *((translate("DisagreementModel", "Notes"),) if self.notes else ()),
                *((translate("DisagreementModel", "Gold"),) if self.gold_column else ()))

    def row_texts(self, row: int) -> list[str]:
        """The texts of one row (computed when first asked, then kept)."""
        cached = self._rows.get(row)
        i = self.disagreement_index(row)
        if cached is None:
            if len(self._rows) >= CACHE_LIMIT:
                self._rows.clear()
            d = self.disagreements[i]
            kinds = [kind_name(k) for k in Kind if k in d.kinds]
            cached = [offset(i + 1), ", ".join(kinds), position(d.start, d.end), excerpt(self.text, d.start, d.end),
                      *(version_text(d, n, self.text, self.attr_text) for n in self.annotators),
                      *([notes_text(d, self.annotators, self.notes)] if self.notes else []),
                      *([""] if self.gold_column else [])]
            self._rows[row] = cached
        if self.gold_column:
            cached[-1] = self.gold_of(self.disagreements[i])
        return cached

    def gold_changed(self) -> None:
        """Gold changed: the Gold column of the visible rows is asked again."""
        if self.disagreements and self.gold_column:
            col = len(self.headers) - 1
            self.dataChanged.emit(self.index(0, col), self.index(len(self.disagreements) - 1, col))

    def table_rows(self) -> Sequence[Any]:
        return self.disagreements if self.visible is None else self.visible

    def column_titles(self) -> Sequence[str]:
        return self.headers

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.row_texts(index.row())[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                from annotator.gui.common.plain import tooltip

                return tooltip(value) if value else None
            return value
        if role == Qt.ItemDataRole.BackgroundRole:
            i = self.disagreement_index(index.row())
            return DECIDED_BRUSH if i < len(self.decided) and self.decided[i] else None
        return None
