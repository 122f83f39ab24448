"""A JSONL file is read a line at a time, with the same lines and the same errors (file,
line, byte, message) as reading it whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import InputError
from annotator.formats import jsonl
from annotator.formats.decoding import read_utf8, utf8_lines

PIECES = [b"a", b"\n", b"\r\n", b" ", "\u0642\u0627\u0644".encode(), "\U0001f642".encode(), b"\xd9", b"\x80",
          b"\xf0\x9f", b"\x00", b"{}", b'"x"']


def outcome(read: object) -> object:
    try:
        return read()  # type: ignore[operator]
    except InputError as exc:
        return [(p.message, p.line, p.byte) for p in exc.problems]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), max_size=30).map(b"".join))
def test_lines_and_errors_are_those_of_the_whole_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    nul = data.find(b"\x00")
    try:
        data[: nul if nul >= 0 else len(data)].decode("utf-8")
    except UnicodeDecodeError:
        return  # an invalid sequence before a NUL byte: now the first of the two is named
    whole = outcome(lambda: read_utf8(path).split("\n"))
    by_line = outcome(lambda: [line for _, line in utf8_lines(path)])
    assert by_line == whole


def test_a_bad_byte_far_down_is_named_alone_with_its_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    good = '{"id": "d%d", "text": "نص قصير"}\n'
    lines = [good % i for i in range(50)]
    lines.insert(3, "not json\n")
    data = "".join(lines).encode() + b'{"id": "x", "text": "\xd9"}\n'
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        jsonl.read(path)
    (problem,) = err.value.problems  # the undecodable line alone, as when the file was decoded whole
    assert (problem.line, problem.byte) == (52, data.rindex(b"\xd9"))
    assert "not valid UTF-8" in problem.message
