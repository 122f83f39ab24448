"""Import normalisation, direction detection and the label schema."""

from __future__ import annotations

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import load_schema, parse_schema
from annotator.core.text import detect_direction, first_line_title, normalise_text, text_sha256
from annotator.resources import default_schema_path


def test_normalisation_is_exactly_bom_and_line_ends() -> None:
    raw = "\ufeffقالَ\r\nسطر\rآخر\u200f  \u0640 \t\n"
    assert normalise_text(raw) == "قالَ\nسطر\nآخر\u200f  \u0640 \t\n"
    # nothing else: no NFC, no trimming, a BOM in the middle stays
    decomposed = "e\u0301 \ufeff"
    assert normalise_text(decomposed) == decomposed


def test_sha256_is_of_utf8_text() -> None:
    assert text_sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize(
    ("text", "direction"),
    [("قال الوزير إن NorthGate", "rtl"), ("NorthGate said قال", "ltr"), ("2027 قال", "rtl"), ("123 ...", "ltr"),
     ("\u200fNorth", "rtl"), ("שלום", "rtl")],
)
def test_direction_follows_the_first_strong_character(text: str, direction: str) -> None:
    assert detect_direction(text) == direction


def test_title_is_the_first_non_empty_line() -> None:
    assert first_line_title("\n\n  عنوان الخبر  \nنص") == "عنوان الخبر"


def test_default_schema_has_claim_actor_date_with_keys() -> None:
    schema = load_schema(default_schema_path())
    assert [(lab.name, lab.key) for lab in schema.labels] == [("CLAIM", "1"), ("ACTOR", "2"), ("DATE", "3")]
    assert all(lab.color.startswith("#") and lab.description for lab in schema.labels)
    assert schema.by_key("2").name == "ACTOR"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[schema\n", "not valid TOML"),
        ('[schema]\nname="x"\n', "defines no labels"),
        ('[schema]\nname="x"\n[[labels]]\nname="claim"\nkey="1"\ncolor="#000000"\n', "upper-case"),
        ('[schema]\nname="x"\n[[labels]]\nname="A"\nkey="1"\ncolor="red"\n', "#RRGGBB"),
        (('[schema]\nname="x"\n[[labels]]\nname="A"\nkey="1"\ncolor="#000000"\n'
         '[[labels]]\nname="B"\nkey="1"\ncolor="#000000"\n'), "not used twice"),
    ],
)
def test_bad_schema_names_the_problem(toml: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message):
        parse_schema(toml, "my.toml")


def test_direction_skips_leading_empty_and_neutral_paragraphs() -> None:
    assert detect_direction("\n\n2027\nقال الوزير") == "rtl"
    assert detect_direction("...\n", default="rtl") == "rtl"
