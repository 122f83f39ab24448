"""The schema language's additions: free-text attributes with a bounded length, relations
between two spans of one label, examples beside descriptions, the default's SAID_AT, and
every schema shipped in resources/schemas loading; errors name the file and the line."""

from __future__ import annotations

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import EXAMPLE_MAX_LENGTH, TEXT_MAX_LENGTH, load_schema, parse_schema
from annotator.core.schema_change import SchemaMapping, describe, differences, parse_mapping
from annotator.core.validation import relation_problem
from annotator.core.values import Relation
from annotator.resources import default_schema_path, resources_dir

HEAD = '[schema]\nname = "x"\n\n'
CLAIM = '[[labels]]\nname = "CLAIM"\nkey = "1"\ncolor = "#000000"\n'


def test_every_schema_in_the_resources_folder_loads() -> None:
    files = sorted((resources_dir() / "schemas").glob("*.toml"))
    assert {f.name for f in files} >= {"default.toml", "ner-minimal.toml", "fact-checking.toml"}
    for path in files:
        schema = load_schema(path)
        assert all(lab.description and lab.examples for lab in schema.labels), path.name
    ner = load_schema(resources_dir() / "schemas" / "ner-minimal.toml")
    assert ner.names == ["PER", "ORG", "LOC", "DATE"] and ner.relations == ()
    fact = load_schema(resources_dir() / "schemas" / "fact-checking.toml")
    assert fact.attribute("CLAIM", "stance").values == ("supports", "refutes", "neutral")
    assert fact.attribute("CLAIM", "check_worthiness").kind == "choice"
    assert {"SOURCE", "TIME", "SAID_AT", "SUPPORTED_BY"} <= {r.name for r in fact.relations}
    assert fact.relation("CONTRADICTS").allows("CLAIM", "CLAIM") and fact.links


def test_the_default_has_said_at_beside_time_a_note_and_examples() -> None:
    schema = load_schema(default_schema_path())
    assert schema.version == 3
    said, time = schema.relation("SAID_AT"), schema.relation("TIME")
    assert (said.head, said.tail) == (("CLAIM",), ("DATE",)) == (time.head, time.tail)
    assert "was made" in said.description and "not the time its content is about" in said.description
    assert "content happens" in time.description and "not when it was said" in time.description
    assert said.key not in {lab.key for lab in schema.labels} | {r.key for r in schema.relations if r is not said}
    note = schema.attribute("CLAIM", "note")
    assert note.kind == "text" and note.max_length == TEXT_MAX_LENGTH
    assert all(len(lab.examples) >= 2 for lab in schema.labels)


def test_a_text_attribute_takes_a_shorter_bound_and_checks_it() -> None:
    schema = parse_schema(HEAD + CLAIM + '\n  [[labels.attributes]]\n  name = "note"\n  kind = "text"\n'
                          '  max_length = 10\n', "s.toml")
    assert schema.validate_attrs("CLAIM", {"note": "قصير"}) == []
    assert schema.validate_attrs("CLAIM", {"note": "أطول من عشرة أحرف"}) == [
        "CLAIM note is 17 characters long; the limit is 10"]


def test_a_relation_may_join_two_spans_of_one_label() -> None:
    schema = parse_schema(HEAD + CLAIM + '\n[[relations]]\nname = "CONTRADICTS"\nkey = "c"\ncolor = "#111111"\n'
                          'head = ["CLAIM"]\ntail = ["CLAIM"]\n', "s.toml")
    rel = schema.relation("CONTRADICTS")
    assert rel.allows("CLAIM", "CLAIM") and schema.relations_from("CLAIM") == [rel]
    labels = {"c1": "CLAIM", "c2": "CLAIM"}
    assert relation_problem(schema, Relation("r1", "CONTRADICTS", "c1", "c2"), labels) is None
    assert "same span" in (relation_problem(schema, Relation("r1", "CONTRADICTS", "c1", "c1"), labels) or "")


def test_examples_beside_descriptions_for_labels_relations_and_links() -> None:
    schema = parse_schema(
        HEAD + CLAIM + 'examples = ["قال إن الجسر سيفتح"]\n\n[[relations]]\nname = "CONTRADICTS"\nkey = "c"\n'
        'color = "#111111"\nhead = ["CLAIM"]\ntail = ["CLAIM"]\nexamples = ["ادعاءان متناقضان"]\n\n'
        '[[links]]\nname = "SAME"\nlabels = ["CLAIM"]\ncolor = "#222222"\nexamples = "نفس الادعاء"\n', "s.toml")
    assert schema.label("CLAIM").examples == ("قال إن الجسر سيفتح",)
    assert schema.relation("CONTRADICTS").examples == ("ادعاءان متناقضان",)
    assert schema.link_type("SAME").examples == ("نفس الادعاء",)
    text = "\n".join(describe(schema))
    assert "e.g. قال إن الجسر سيفتح" in text and "CONTRADICTS  key c  CLAIM -> CLAIM" in text


@pytest.mark.parametrize(("toml", "message"), [
    (HEAD + CLAIM + 'examples = [1]\n', "line 4: label 1 (CLAIM): examples must be a list of non-empty strings"),
    (HEAD + CLAIM + 'examples = [""]\n', "examples must be a list of non-empty strings"),
    (HEAD + CLAIM + f'examples = ["{"ا" * (EXAMPLE_MAX_LENGTH + 1)}"]\n',
     f"example 1 is {EXAMPLE_MAX_LENGTH + 1} characters long"),
    (HEAD + CLAIM + '\n  [[labels.attributes]]\n  name = "note"\n  kind = "text"\n  max_length = 0\n',
     f"line 9: label 1 (CLAIM): attribute 1 (note): max_length must be a whole number from 1 to {TEXT_MAX_LENGTH}"),
    (HEAD + CLAIM + '\n  [[labels.attributes]]\n  name = "flag"\n  kind = "boolean"\n  max_length = 5\n',
     "line 9: label 1 (CLAIM): attribute 1 (flag): max_length is only for kind = \"text\""),
    (HEAD + CLAIM + '\n[[relations]]\nname = "X"\nkey = "x"\ncolor = "#111111"\nhead = ["CLAIM"]\n'
     'tail = ["CLAIM"]\nexamples = "ok"\nexample = "typo"\n', "line 9: relation 1 (X): unknown key 'example'"),
    (HEAD + CLAIM + '\n[[links]]\nname = "L"\nlabels = ["CLAIM"]\ncolor = "#111111"\nexamples = [[]]\n',
     "line 9: link 1 (L): examples must be a list"),
])
def test_bad_examples_and_lengths_name_the_file_and_line(toml: str, message: str) -> None:
    with pytest.raises(SchemaError) as info:
        parse_schema(toml, "my.toml")
    assert str(info.value).startswith("my.toml") and message in str(info.value)


def test_differences_and_a_mapping_read_against_both_schemas() -> None:
    old = load_schema(default_schema_path())
    new_text = old.source.replace('name = "ACTOR"', 'name = "AGENT"').replace('tail = ["ACTOR"]', 'tail = ["AGENT"]')
    new = parse_schema(new_text, "new.toml")
    mapping = parse_mapping(old, new, ["ACTOR=AGENT"], [])
    assert mapping == SchemaMapping(labels={"ACTOR": "AGENT"})
    assert differences(old, new, mapping)[:1] == ["> label ACTOR renamed AGENT"]
    assert "- label ACTOR" in differences(old, new) and "+ label AGENT (key 2)" in differences(old, new)
    assert mapping.inverse_renames().labels == {"AGENT": "ACTOR"}
    assert SchemaMapping.from_payload(mapping.to_payload()) == mapping


ENTITY = '  [[labels.attributes]]\n  name = "entity"\n  kind = "entity"\n\n'


def label(name: str, key: str, role: str | None = None, attrs: str = "") -> str:
    return (f'[[labels]]\nname = "{name}"\nkey = "{key}"\ncolor = "#000000"\n'
            + (f'role = "{role}"\n' if role else "") + "\n" + attrs)


def test_roles_name_the_labels_the_programs_features_use_whatever_they_are_called() -> None:
    default = load_schema(default_schema_path())
    assert [default.role_label(r) for r in ("claim", "actor", "date")] == ["CLAIM", "ACTOR", "DATE"]
    own = parse_schema(HEAD + label("STATEMENT", "1", "claim") + label("AGENT", "2", "actor", ENTITY)
                       + label("WHEN", "3", "date") + label("DATE", "4"), "own.toml")
    assert [own.role_label(r) for r in ("claim", "actor", "date")] == ["STATEMENT", "AGENT", "WHEN"]
    assert any(line.endswith("role actor") and "AGENT" in line for line in describe(own))
    # a schema written before roles: the usual names play them (an actor only with an entity)
    older = parse_schema(HEAD + CLAIM + label("ACTOR", "2") + label("DATE", "3"), "old.toml")
    assert (older.role_label("claim"), older.role_label("actor"), older.role_label("date")) == ("CLAIM", None, "DATE")
    ner = load_schema(resources_dir() / "schemas" / "ner-minimal.toml")
    assert (ner.role_label("claim"), ner.role_label("actor"), ner.role_label("date")) == (None, None, "DATE")
    moved = parse_schema(HEAD + CLAIM + label("DATE", "2") + label("WHEN", "3", "date"), "m.toml")
    assert moved.role_label("date") == "WHEN"
    renamed = parse_schema(HEAD + label("CLAIM", "1", "date"), "r.toml")
    assert (renamed.role_label("date"), renamed.role_label("claim")) == ("CLAIM", None)
    assert differences(older, parse_schema(older.source.replace('name = "DATE"\nkey = "3"\ncolor = "#000000"\n',
                                                                'name = "DATE"\nkey = "3"\ncolor = "#000000"\n'
                                                                'role = "date"\n'), "new.toml")) == [
        "~ label DATE: role none -> date"]


@pytest.mark.parametrize(("toml", "message"), [
    (label("A", "1", "speaker"), r"x\.toml, line 4: label 1 \(A\): role 'speaker' is not one of claim, actor, date"),
    (label("A", "1", "date") + label("B", "2", "date"), r"label 2 \(B\): role 'date' is already label A's"),
    (label("A", "1", "actor"), r"line 4: label 1 \(A\): role \"actor\" needs an attribute named entity of kind"),
])
def test_bad_roles_name_the_file_line_and_label(toml: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        parse_schema(HEAD + toml, "x.toml")
