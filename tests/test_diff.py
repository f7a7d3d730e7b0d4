"""``graft diff``: the semantic report of two files (SPEC §9.1)."""

from __future__ import annotations

GOLDEN_1 = """
(root level)
- one map entry removed:
name: x

a
± value change
- 1
+ 2

b
+ one map entry added:
  e: new

b.d
- one list entry removed:   + one list entry added:
- 2                           - 3

list
+ one list entry added:
  - name: b

list.a.v
± value change
- 1
+ 2


"""

GOLDEN_2 = """
(root level)
+ two map entries added:
  d:
    e: 1
  f: 2

b
- one list entry removed:   + two list entries added:
- y                           - q
                              - r

c
± type change from string to int
- str
+ 5


"""


def test_map_list_and_named_entry_changes(graft):
    files = {
        "df1.yml": "a: 1\nb: {c: 2, d: [1, 2]}\nname: x\nlist:\n- {name: a, v: 1}\n",
        "df2.yml": "a: 2\nb: {c: 2, d: [1, 3], e: new}\nlist:\n- {name: a, v: 2}\n- {name: b}\n",
    }
    assert graft("diff", "df1.yml", "df2.yml", files=files) == (1, GOLDEN_1, "")


def test_added_entries_side_by_side_lists_and_type_changes(graft):
    files = {
        "dd1.yml": 'a: 1\nb: [x, y, z]\nc: "str"\n',
        "dd2.yml": "a: 1\nb: [x, z, q, r]\nc: 5\nd: {e: 1}\nf: 2\n",
    }
    assert graft("diff", "dd1.yml", "dd2.yml", files=files) == (1, GOLDEN_2, "")


def test_identical_files_in_another_key_order(graft):
    files = {"a.yml": "a: 1\nb: [x, y]\n", "b.json": '{"b": ["x", "y"], "a": 1}\n'}
    assert graft("diff", "a.yml", "b.json", files=files) == (0, "\n\n", "")


def test_operators_are_compared_as_text(graft):
    files = {"a.yml": "v: (( grab x ))\n", "b.yml": "v: (( grab y ))\n"}
    expected = "\nv\n± value change\n- (( grab x ))\n+ (( grab y ))\n\n\n"
    assert graft("diff", "a.yml", "b.yml", files=files) == (1, expected, "")


def test_documents_are_compared_in_turn(graft):
    files = {"a.yml": "a: 1\n---\nb: 2\n", "b.yml": "a: 1\n---\nb: 3\n"}
    expected = "\nb  (document #2)\n± value change\n- 2\n+ 3\n\n\n"
    assert graft("diff", "a.yml", "b.yml", files=files) == (1, expected, "")


def test_a_missing_file_and_the_wrong_number_of_files(graft):
    rc, out, err = graft("diff", "a.yml", "nope.yml", files={"a.yml": "a: 1\n"})
    assert (rc, out) == (2, "")
    assert err == (
        "unable to load data from nope.yml: unable to get any content using location "
        "nope.yml: it is not a file or usable URI\n"
    )
    rc, out, err = graft("diff", "a.yml", files={"a.yml": "a: 1\n"})
    assert (rc, out) == (1, "")
    assert err.startswith("Usage: graft")
