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
    assert err == "graft diff needs exactly two files\nRun 'graft help diff' to see its options.\n"


# The expected reports below were checked byte for byte against the Go graft
# (dyff v1.9.0) with standard output piped.

ORDER_A = "version: 1\nowner: ops\nsettings:\n  hosts: [a, b]\n  port: 1\n"
ORDER_B = "version: 2\nsettings:\n  hosts: [a, c]\n  port: 1\n"
ORDER_REPORT = """
(root level)
- one map entry removed:
owner: ops

version
± value change
- 1
+ 2

settings.hosts
- one list entry removed:   + one list entry added:
- b                           - c


"""


def test_blocks_follow_dyffs_walk_not_sorted_paths(graft):
    files = {"a.yml": ORDER_A, "b.yml": ORDER_B}
    assert graft("diff", "a.yml", "b.yml", files=files) == (1, ORDER_REPORT, "")


def test_keys_added_and_removed_at_one_path_are_one_block(graft):
    files = {"a.yml": "a: 1\nb: 2\n", "b.yml": "a: 1\nc: 3\n"}
    expected = (
        "\n(root level)\n"
        "- one map entry removed:   + one map entry added:\n"
        "b: 2                         c: 3\n\n\n"
    )
    assert graft("diff", "a.yml", "b.yml", files=files) == (1, expected, "")


def test_entries_matched_by_a_guessed_identifier(graft):
    entries = "".join(f"- {{domain: {d}, x: 1}}\n" for d in "abcd")
    files = {"a.yml": "l:\n" + entries, "b.yml": "l:\n" + entries.replace("a, x: 1", "a, x: 2")}
    expected = "\nl.a.x\n± value change\n- 1\n+ 2\n\n\n"
    assert graft("diff", "a.yml", "b.yml", files=files) == (1, expected, "")


def test_values_print_as_written_with_comments_and_quotes(graft):
    files = {
        "a.yml": "port: 58 # AUTO-POPULATED\n",
        "b.yml": "port: 59 # AUTO-POPULATED\nv: (( grab x ))\nq: '*'\n",
    }
    expected = (
        '\n(root level)\n+ two map entries added:\n  v: "(( grab x ))"\n  q: "*"\n\n'
        "port\n± value change\n- 58 # AUTO-POPULATED\n+ 59 # AUTO-POPULATED\n\n\n"
    )
    assert graft("diff", "a.yml", "b.yml", files=files) == (1, expected, "")


def test_on_and_yes_keys_are_strings(graft):
    files = {"a.yml": "on: 1\nyes: 2\n", "b.yml": "on: 2\nyes: 2\n"}
    assert graft("diff", "a.yml", "b.yml", files=files) == (
        1,
        "\non\n± value change\n- 1\n+ 2\n\n\n",
        "",
    )


def test_order_changes_and_whitespace_changes(graft):
    files = {"a.yml": "l: [a, b, c]\ns: 'x '\n", "b.yml": "l: [c, b, a]\ns: 'x'\n"}
    expected = (
        "\nl\n⇆ order changed\n- a, b, c\n+ c, b, a\n\n"
        "s\n± whitespace only change\n- x·   + x\n\n\n"
    )
    assert graft("diff", "a.yml", "b.yml", files=files) == (1, expected, "")


def test_multi_line_strings_show_a_line_diff(graft):
    files = {
        "a.yml": "a: |\n  line1\n  line2\n  line3\n",
        "b.yml": "a: |\n  line1\n  changed\n  line3\n  line4\n",
    }
    expected = (
        "\na\n± value change in multiline text (two inserts, one deletion)\n"
        "- line2\n+ changed\n+ line4\n\n\n\n"
    )
    assert graft("diff", "a.yml", "b.yml", files=files) == (1, expected, "")


def test_documents_in_different_numbers_are_an_error(graft):
    files = {"a.yml": "a: 1\n---\nb: 2\n", "b.yml": "a: 2\n"}
    assert graft("diff", "a.yml", "b.yml", files=files) == (
        2,
        "",
        "comparing YAMLs with a different number of documents is currently not supported\n",
    )


def test_standard_input_and_color_on_with_stdout_piped(graft):
    files = {"b.yml": ORDER_B}
    assert graft("diff", "-", "b.yml", files=files, stdin=ORDER_A.encode()) == (
        1,
        ORDER_REPORT,
        "",
    )
    files = {"a.yml": ORDER_A, "b.yml": ORDER_B}
    assert graft("--color", "on", "diff", "a.yml", "b.yml", files=files) == (1, ORDER_REPORT, "")


def test_a_parse_error_is_exit_2_without_a_traceback(graft):
    rc, out, err = graft("diff", "a.yml", "b.yml", files={"a.yml": "a: [\n", "b.yml": "a: 1\n"})
    assert (rc, out) == (2, "")
    assert "Traceback" not in err and err


def test_directories_are_compared_file_by_file(graft):
    files = {
        "a/one.yml": "x: 1\n",
        "a/two.yml": "y: 1\n---\nz: 1\n",
        "b/one.yml": "x: 2\n",
        "b/two.yml": "y: 2\n---\nz: 2\n",
    }
    expected = (
        "\nx  (one.yml)\n± value change\n- 1\n+ 2\n\n"
        "y  (two.yml)\n± value change\n- 1\n+ 2\n\n"
        "z  (document #3)\n± value change\n- 1\n+ 2\n\n\n"
    )
    assert graft("diff", "a", "b", files=files) == (1, expected, "")


def test_a_map_holding_an_alias_of_itself_is_printed_not_walked_for_ever(graft):
    # found by the fuzz tests: the last value of the removed map is `*x`, the map
    # itself; the report (checked with the Go graft) prints the alias
    files = {"a.yml": "a: &x\n  b: 1\n  c: *x\n", "b.yml": "b: 1\n"}
    expected = (
        "\n(root level)\n"
        "- one map entry removed:   + one map entry added:\n"
        "a: &x                        b: 1\n"
        "  b: 1\n"
        "  c: *x\n\n\n"
    )
    assert graft("diff", "a.yml", "b.yml", files=files) == (1, expected, "")


def test_an_empty_key_at_the_end_of_a_file_without_newline(graft):
    # found by the fuzz tests: `?` (a null key, no newline) made the comment reader
    # look past the last line; the report is the Go graft's
    files = {"a.yml": "a: 1\n", "b.yml": "?"}
    expected = (
        "\n(root level)\n"
        "- one map entry removed:   + one map entry added:\n"
        "a: 1                         :\n\n\n"
    )
    assert graft("diff", "a.yml", "b.yml", files=files) == (1, expected, "")
