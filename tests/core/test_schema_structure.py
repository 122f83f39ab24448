"""The schema's relations, attributes and link types, and errors that name the line."""

from __future__ import annotations

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import load_schema, parse_schema, validate_attrs
from annotator.resources import default_schema_path

SCHEMA = load_schema(default_schema_path())

HEAD = '[schema]\nname = "x"\n\n'
LABELS = ('[[labels]]\nname = "CLAIM"\nkey = "1"\ncolor = "#000000"\n\n'
          '[[labels]]\nname = "ACTOR"\nkey = "2"\ncolor = "#000001"\n\n')


def test_default_schema_relations_have_keys_colours_and_ends() -> None:
    rels = {r.name: r for r in SCHEMA.relations}
    assert set(rels) == {"SOURCE", "TIME", "SAID_AT", "TARGET"}
    assert rels["SOURCE"].head == ("CLAIM",) and rels["SOURCE"].tail == ("ACTOR",)
    assert rels["TIME"].tail == ("DATE",) and rels["TARGET"].tail == ("ACTOR",)
    assert all(r.color.startswith("#") and len(r.key) == 1 for r in rels.values())
    keys = [lab.key for lab in SCHEMA.labels] + [r.key for r in SCHEMA.relations]
    assert len(set(keys)) == len(keys)
    assert SCHEMA.relation_by_key("t").name == "TIME"  # type: ignore[union-attr]
    assert [r.name for r in SCHEMA.relations_from("CLAIM")] == ["SOURCE", "TIME", "SAID_AT", "TARGET"]
    assert SCHEMA.relations_from("ACTOR") == []


def test_default_schema_link_types() -> None:
    assert [lt.name for lt in SCHEMA.links_for("CLAIM")] == ["SAME_CLAIM", "CONTRADICTS", "SUPPORTS"]
    assert [lt.name for lt in SCHEMA.links_for("DATE")] == ["SAME_DATE"]
    assert SCHEMA.links_for("ACTOR") == []  # actors are linked through their entity
    assert SCHEMA.link_type("SUPPORTS").directed and not SCHEMA.link_type("SAME_CLAIM").directed


def test_default_schema_attributes() -> None:
    assert SCHEMA.attribute("ACTOR", "type").values == (
        "person", "organisation", "government", "armed_group", "country", "other")
    assert SCHEMA.attribute("ACTOR", "entity").kind == "entity"
    assert SCHEMA.attribute("CLAIM", "factuality").values == ("asserted", "denied", "hedged", "predicted")
    assert SCHEMA.attribute("CLAIM", "check_worthy").kind == "boolean"
    assert SCHEMA.attribute("DATE", "value").kind == "pattern"
    assert SCHEMA.attribute("CLAIM", "note").kind == "text"
    assert [a.name for a in SCHEMA.attributes_of("DATE")] == ["value", "mod"]


@pytest.mark.parametrize(
    ("label", "attrs", "problems"),
    [
        ("CLAIM", {"note": "راجع المصدر"}, []),
        ("CLAIM", {"note": "  "}, ["CLAIM note must be a non-empty text, not '  '"]),
        ("CLAIM", {"note": "ن" * 2001}, ["CLAIM note is 2001 characters long; the limit is 2000"]),
        ("ACTOR", {"type": "person", "entity": "e1"}, []),
        ("CLAIM", {"factuality": "hedged", "check_worthy": False}, []),
        ("DATE", {"value": "2026-Q4", "mod": "END"}, []),
        ("DATE", {"value": "P6M"}, []),
        ("ACTOR", {"type": "army"}, [("ACTOR type 'army' is not allowed (allowed: person, organisation, "
                                     "government, armed_group, country, other)")]),
        ("ACTOR", {"colour": "blue"}, ["ACTOR has no attribute 'colour' (known: type, entity)"]),
        ("CLAIM", {"check_worthy": "yes"}, ["CLAIM check_worthy must be true or false, not 'yes'"]),
        ("ACTOR", {"entity": ""}, ["ACTOR entity must be an entity id, not ''"]),
        ("PLACE", {}, ["label 'PLACE' is not in the schema (CLAIM, ACTOR, DATE)"]),
    ],
)
def test_validate_attrs_names_each_problem(label: str, attrs: dict, problems: list[str]) -> None:
    assert SCHEMA.validate_attrs(label, attrs) == problems
    assert validate_attrs(SCHEMA, label, attrs) == problems


@pytest.mark.parametrize("value", ["2026-13", "26 Sept", "P", "next week", "2026-W60"])
def test_bad_date_values_are_refused(value: str) -> None:
    [problem] = SCHEMA.validate_attrs("DATE", {"value": value})
    assert problem.startswith(f"DATE value {value!r} is not a valid value")


def test_attribute_parses_typed_booleans() -> None:
    cw = SCHEMA.attribute("CLAIM", "check_worthy")
    assert cw.parse("yes") is True and cw.parse("لا") is False and cw.parse(" True ") is True
    assert SCHEMA.attribute("ACTOR", "type").parse(" person ") == "person"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        # unknown keys, at every level
        (HEAD + LABELS + "[[relations]]\nname = \"SOURCE\"\nkey = \"s\"\ncolor = \"#111111\"\nhead = [\"CLAIM\"]\n"
         "tail = [\"ACTOR\"]\ncolour = \"#000000\"\n", "line 14: relation 1 (SOURCE): unknown key 'colour'"),
        (HEAD + '[[labels]]\nname = "CLAIM"\nkey = "1"\ncolor = "#000000"\nhotkey = "x"\n',
         "line 4: label 1 (CLAIM): unknown key 'hotkey'"),
        ('[schema]\nname = "x"\nauthor = "me"\n' + LABELS, "[schema]: unknown key 'author'"),
        (HEAD + LABELS + '[[relation]]\nname = "SOURCE"\n', "unknown key 'relation'"),
        # relations between labels that do not exist
        (HEAD + LABELS + '[[relations]]\nname = "TIME"\nkey = "t"\ncolor = "#111111"\nhead = ["CLAIM"]\n'
         'tail = ["DATE"]\n', "line 14: relation 1 (TIME): tail label 'DATE' is not a label of this schema"),
        (HEAD + LABELS + '[[relations]]\nname = "TIME"\nkey = "t"\ncolor = "#111111"\nhead = []\ntail = ["ACTOR"]\n',
         "head must be a non-empty list"),
        # duplicate keys across labels and relations, case-insensitive
        (HEAD + LABELS + '[[relations]]\nname = "SOURCE"\nkey = "2"\ncolor = "#111111"\nhead = ["CLAIM"]\n'
         'tail = ["ACTOR"]\n', "not used twice (already used by label ACTOR)"),
        (HEAD + LABELS + '[[relations]]\nname = "A"\nkey = "s"\ncolor = "#111111"\nhead = ["CLAIM"]\ntail = ["ACTOR"]\n'
         '\n[[relations]]\nname = "B"\nkey = "S"\ncolor = "#111111"\nhead = ["CLAIM"]\ntail = ["ACTOR"]\n',
         "line 21: relation 2 (B): key must be one character, not used twice (already used by relation A)"),
        (HEAD + LABELS + '[[relations]]\nname = "A"\nkey = "s"\ncolor = "#111111"\nhead = ["CLAIM"]\ntail = ["ACTOR"]\n'
         '\n[[relations]]\nname = "A"\nkey = "q"\ncolor = "#111111"\nhead = ["CLAIM"]\ntail = ["ACTOR"]\n',
         "relation A is defined twice"),
        # attributes
        (HEAD + '[[labels]]\nname = "ACTOR"\nkey = "2"\ncolor = "#000000"\n\n  [[labels.attributes]]\n'
         '  name = "type"\n  kind = "choice"\n', "line 9: label 1 (ACTOR): attribute 1 (type): values must be"),
        (HEAD + '[[labels]]\nname = "ACTOR"\nkey = "2"\ncolor = "#000000"\n\n  [[labels.attributes]]\n'
         '  name = "type"\n  kind = "colour"\n', "kind 'colour' is not one of choice, boolean, entity, pattern, text"),
        (HEAD + '[[labels]]\nname = "DATE"\nkey = "3"\ncolor = "#000000"\n\n  [[labels.attributes]]\n'
         '  name = "value"\n  kind = "pattern"\n  pattern = "([0-9"\n', "pattern is not a valid regular expression"),
        (HEAD + '[[labels]]\nname = "ACTOR"\nkey = "2"\ncolor = "#000000"\n\n  [[labels.attributes]]\n'
         '  name = "type"\n  kind = "boolean"\n\n  [[labels.attributes]]\n  name = "type"\n  kind = "text"\n',
         "line 13: label 1 (ACTOR): attribute 2 (type): attribute type is defined twice"),
        (HEAD + '[[labels]]\nname = "ACTOR"\nkey = "2"\ncolor = "#000000"\n\n  [[labels.attributes]]\n'
         '  name = "Type"\n', "attribute name must be lower-case"),
        # links
        (HEAD + LABELS + '[[links]]\nname = "SAME_DATE"\nlabels = ["DATE"]\ncolor = "#111111"\n',
         "line 14: link 1 (SAME_DATE): label 'DATE' is not a label of this schema"),
        (HEAD + LABELS + '[[links]]\nname = "SAME"\nlabels = ["CLAIM"]\ncolor = "#111111"\ndirected = "yes"\n',
         "directed must be true or false"),
    ],
)
def test_bad_schema_files_name_the_line_and_entry(toml: str, message: str) -> None:
    with pytest.raises(SchemaError) as info:
        parse_schema(toml, "my.toml")
    assert str(info.value).startswith("my.toml")
    assert message in str(info.value)


def test_a_schema_without_relations_or_links_still_reads() -> None:
    schema = parse_schema(HEAD + LABELS, "old.toml")
    assert schema.relations == () and schema.links == () and schema.attributes == ()
    assert schema.validate_attrs("ACTOR", {"x": 1}) == ["ACTOR has no attribute 'x' (known: none)"]
