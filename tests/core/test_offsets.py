"""UTF-16 <-> code point conversion: the bug other annotation tools still carry."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import Utf16Map, code_points_to_utf16, utf16_to_code_points


def test_bmp_text_maps_to_itself() -> None:
    m = Utf16Map("قال الوزير")
    assert not m.has_astral
    assert m.to_utf16(4) == 4 and m.to_code_point(4) == 4


def test_emoji_flag_and_math_digit_shift_utf16_offsets() -> None:
    text = "🙂 🇮🇶 𝟚 قال"
    m = Utf16Map(text)
    # code points: 🙂=0, ' '=1, 🇮=2, 🇶=3, ' '=4, 𝟚=5, ' '=6, ق=7
    assert m.to_utf16(7) == 7 + 4  # four astral characters before ق
    assert m.to_code_point(11) == 7
    assert text.encode("utf-16-le")[22:24].decode("utf-16-le") == "ق"
    assert m.utf16_length == len(text.encode("utf-16-le")) // 2


def test_position_inside_a_surrogate_pair_never_splits_the_character() -> None:
    text = "a🙂b"
    m = Utf16Map(text)
    assert m.to_code_point(2) == 1  # between the halves -> start of the emoji
    assert m.range_to_code_points(2, 3) == (1, 2)  # start inside the pair widens back
    assert m.range_to_code_points(0, 2) == (0, 2)  # end inside the pair widens to include it


def test_out_of_range_is_an_error() -> None:
    m = Utf16Map("abc")
    for bad in (-1, 4):
        try:
            m.to_utf16(bad)
        except ValueError as exc:
            assert "outside" in str(exc)
        else:
            raise AssertionError("expected ValueError")


@given(st.text(), st.data())
def test_round_trip_any_text(text: str, data: st.DataObject) -> None:
    m = Utf16Map(text)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    u = code_points_to_utf16(text, a, b)
    # the UTF-16 range holds exactly the same characters
    assert text.encode("utf-16-le")[2 * u[0] : 2 * u[1]].decode("utf-16-le") == text[a:b]
    assert utf16_to_code_points(text, *u) == (a, b)
    assert m.to_code_point(m.to_utf16(a)) == a
