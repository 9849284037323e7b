"""Pure parts of the hook: reading `-U0` patches, allow markers."""

from __future__ import annotations

import pytest

from scanner.hook.diff import PatchSection, in_ranges, parse_patch
from scanner.hook.markers import allowed_by_marker

PATCH = b"""diff --git a/b.bin b/b.bin
new file mode 100644
index 0000000..87ae6b6
Binary files /dev/null and b/b.bin differ
diff --git a/y.txt b/z.txt
similarity index 50%
rename from y.txt
rename to z.txt
index de98044..a5fe5ca 100644
--- a/y.txt
+++ b/z.txt
@@ -1 +1 @@
-a
+A
@@ -3,0 +4,3 @@ c
+d
+Binary files here are text
+@@ not a hunk
@@ -9,2 +11,0 @@
-gone
-gone
diff --git a/mode.sh b/mode.sh
old mode 100644
new mode 100755
"""


def test_parse_patch_sections_in_order():
    assert parse_patch(PATCH) == [
        PatchSection(binary=True, added=()),
        PatchSection(binary=False, added=((1, 1), (4, 6))),
        PatchSection(binary=False, added=()),
    ]


def test_parse_empty_patch():
    assert parse_patch(b"") == []


def test_unreadable_hunk_header():
    with pytest.raises(ValueError, match="unreadable hunk header"):
        parse_patch(b"diff --git a/x b/x\n@@ nonsense @@\n")


def test_in_ranges():
    ranges = ((1, 1), (4, 6))
    assert [n for n in range(8) if in_ranges(n, ranges)] == [1, 4, 5, 6]


TEXT = "a = 1  # mamoru:allow\nb = 2  # mamoru:allow-next-line EMAIL_ADDRESS\nc = 3\nd = 4"


@pytest.mark.parametrize(
    ("line", "entity", "expected"),
    [
        (0, "JP_MY_NUMBER", True),  # same-line marker, any type
        (1, "JP_MY_NUMBER", False),  # a next-line marker does not cover its own line
        (2, "EMAIL_ADDRESS", True),  # next-line marker with the type
        (2, "PHONE_NUMBER", False),  # ... and another type
        (3, "EMAIL_ADDRESS", False),  # two lines below
    ],
)
def test_allowed_by_marker(line, entity, expected):
    offset = sum(len(s) + 1 for s in TEXT.split("\n")[:line]) + 2
    assert allowed_by_marker(TEXT, offset, entity) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("x  # mamoru:allowed", False),
        ("x  # mamoru:allow-next", False),
        ("x  # mamoru:allow because it is the test card", True),
        ("x  # mamoru:allow PHONE_NUMBER,JP_MY_NUMBER", True),
        ("x  # mamoru:allow PHONE_NUMBER", False),
    ],
)
def test_marker_spelling(line, expected):
    assert allowed_by_marker(line, 0, "JP_MY_NUMBER") is expected


def test_line_windows_cover_whole_lines_around_changes_and_merge():
    from scanner.hook.content import line_windows

    text = "".join(f"line{n:02d}\n" for n in range(1, 21))  # 7 chars a line
    units = line_windows(text, ((5, 5), (7, 8), (18, 18)), margin=8)
    assert [u.text.splitlines()[0] for u in units] == ["line03", "line16"]
    assert [u.text.splitlines()[-1] for u in units] == ["line10", "line20"]
    assert {u.group for u in units} == {"changed lines"}
    second = units[1]
    assert second.locate(second.text.index("line18") + 2) == {"line": 18, "column": 3}


def test_line_windows_at_the_edges():
    from scanner.hook.content import line_windows

    text = "a\nb\nc"
    assert [u.text for u in line_windows(text, ((1, 1),), margin=0)] == ["a\nb"]
    assert [u.text for u in line_windows(text, ((3, 3),), margin=0)] == ["c"]
    assert line_windows(text, (), margin=10) == []


def test_line_windows_of_a_table_are_read_after_its_header_line():
    from scanner.hook.content import line_windows

    text = "id,氏名\n" + "".join(f"{n},x{n:03d}\n" for n in range(1, 101))
    (unit,) = line_windows(text, ((80, 80),), margin=0, header=True)
    assert unit.text == "id,氏名\n79,x079\n80,x080"
    assert unit.locate(3) == {"line": 1, "column": 4}  # 氏名, in the header
    assert unit.locate(unit.text.index("x079")) == {"line": 80, "column": 4}
    (top,) = line_windows(text, ((1, 1),), margin=0, header=True)
    assert top.text == "id,氏名\n1,x001"  # a window at the top holds the header once
    assert line_windows(text, ((80, 80),), margin=0)[0].text == "79,x079\n80,x080"


def test_a_group_is_pooled_per_archive_member_as_the_scan_pools_it(engine) -> None:
    """Two CSV files in one staged zip, each with a `tel` column: each column is one batch
    (the scan pools per member), not one batch of both."""
    from scanner.hook.check import detect
    from scanner.sources.base import TextUnit, fixed_location, pooled_batches

    units = [TextUnit(f"090-1234-{i:04d}", fixed_location(row=i), ("tel",), "col:tel", member)
             for member in ("a.csv", "b.csv") for i in range(1, 4)]
    assert pooled_batches([(u.member, u) for u in units]) == [[0, 1, 2], [3, 4, 5]]
    batches: list[int] = []
    real = engine.analyze_batch

    def counted(texts, **kwargs):
        batches.append(len(texts))
        return real(texts, **kwargs)

    engine.analyze_batch = counted
    try:
        found = list(detect(engine, units))
    finally:
        del engine.analyze_batch
    assert batches == [3, 3]
    assert [(u.member, f.entity_type) for u, f in found] == [
        (m, "PHONE_NUMBER") for m in ("a.csv", "b.csv") for _ in range(3)]
