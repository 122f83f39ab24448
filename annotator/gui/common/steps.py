"""What a step is called in the window (the Edit menu's Undo/Redo, "Saved: …", the undo stack).

The services name their commands in English (``command.text``: the command line and the
change log use it); the window shows them through :func:`step_text`, which says the same in
the interface's language from the command's own fields. A command not listed here shows its
own text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from annotator.gui.common.i18n import integer, plural, translate


def _tag(c: Any) -> str:
    return translate("Steps", "Tag {label}").format(label=c.label)


def _tag_ranges(c: Any) -> str:
    return translate("Steps", "Tag {count} × {label}").format(count=integer(len(c.ranges)), label=c.label)


def _update(c: Any) -> str:
    if c.description.startswith("Relabel "):
        return translate("Steps", "Relabel {label}").format(label=c.label)
    if c.description == "Move edge":
        return translate("Steps", "Move edge")
    if c.description == "Edit span":
        return translate("Steps", "Edit span")
    return str(c.description)  # the window's own words (the inspector's, translated there)


def _attributes(c: Any) -> str:
    if c.description.startswith("Set date value "):
        return translate("Steps", "Set date value {value}").format(value=c.description.removeprefix("Set date value "))
    return str(c.description) or translate("Steps", "Set attributes")


def _delete_span(c: Any) -> str:
    inner = getattr(c, "_inner", None)
    return step_text(inner) if inner is not None else translate("Steps", "Delete span")


def _delete_with(c: Any) -> str:
    text = str(c.text)
    if text == "Delete span":
        return translate("Steps", "Delete span")
    extra = int(text.split(" with ")[1].split()[0])
    return plural(extra, translate("Steps", "Delete span with {n} relation or link|"
                                            "Delete span with {n} relations and links"))


def _mark(c: Any) -> str:
    from annotator.gui.docks.list_models import status_text

    return translate("Steps", "Mark {status}").format(status=status_text(c.status))


def _note(c: Any, gold: bool = False) -> str:
    if c.comment is None and c.unsure is not None:
        text = translate("Steps", "Flag span as unsure") if c.unsure else translate("Steps", "Clear the unsure flag")
    else:
        text = translate("Steps", "Comment on span") if c.comment else translate("Steps", "Remove comment")
    return translate("Steps", "{step} (gold)").format(step=text) if gold else text


def _accept_suggestions(c: Any) -> str:
    n = len(c._kept if c._kept is not None else c.choices)
    return translate("Steps", "Accept suggestion") if n == 1 else \
        plural(n, translate("Steps", "Accept {n} suggestion|Accept {n} suggestions"))


def _reject_suggestions(c: Any) -> str:
    n = len(c.suggestions)
    return translate("Steps", "Reject suggestion") if n == 1 else \
        plural(n, translate("Steps", "Reject {n} suggestion|Reject {n} suggestions"))


STEPS: dict[str, Callable[[Any], str]] = {
    "AddSpan": _tag,
    "TagRanges": _tag_ranges,
    "UpdateSpan": _update,
    "SetAttributes": _attributes,
    "DeleteSpan": _delete_span,
    "DeleteSpanWithDependents": _delete_with,
    "SetDocumentStatus": _mark,
    "SetSpanNote": _note,
    "SetGoldSpanNote": lambda c: _note(c, gold=True),
    "AddRelation": lambda c: translate("Steps", "Add {type} relation").format(type=c.type),
    "DeleteRelation": lambda c: translate("Steps", "Delete relation"),
    "AddLink": lambda c: translate("Steps", "Link {type}").format(type=c.type),
    "DeleteLink": lambda c: translate("Steps", "Delete link"),
    "CreateEntity": lambda c: translate("Steps", "Create entity"),
    "UpdateEntity": lambda c: translate("Steps", "Edit entity"),
    "AttachEntity": lambda c: (translate("Steps", "Attach to entity") if c.entity_id
                                 else translate("Steps", "Detach from entity")),
    "AddMentions": lambda c: plural(len(c.ranges), translate("Steps", "Tag {n} mention|Tag {n} mentions")),
    "MergeEntities": lambda c: translate("Steps", "Merge entities"),
    "AcceptSuggestions": _accept_suggestions,
    "RejectSuggestions": _reject_suggestions,
    "AcceptVersion": lambda c: translate("Steps", "Accept {name}'s version").format(name=c.annotator),
    "AddGoldSpan": lambda c: translate("Steps", "Add {label} to gold").format(label=c.label),
    "UpdateGoldSpan": lambda c: translate("Steps", "Edit gold span"),
    "DeleteGoldSpan": lambda c: translate("Steps", "Delete gold span"),
    "AddGoldRelation": lambda c: translate("Steps", "Add {type} to gold").format(type=c.type),
    "DeleteGoldRelation": lambda c: translate("Steps", "Delete gold relation"),
    "AddGoldLink": lambda c: translate("Steps", "Add {type} link to gold").format(type=c.type),
    "DeleteGoldLink": lambda c: translate("Steps", "Delete gold link"),
}


def step_text(command: Any) -> str:
    """*command*'s name in the interface's language (its own English text when not listed, or
    when its fields are not what this table expects)."""
    name = STEPS.get(type(command).__name__)
    if name is None:
        return str(command.text)
    try:
        return name(command)
    except (AttributeError, IndexError, ValueError, TypeError):
        return str(command.text)
