"""The evaluation model: phases, dependencies, order, aliasing, cycles (SPEC §7)."""

from __future__ import annotations

from conftest import multi_error


def test_independent_operators_run_in_path_order_and_references_wait(graft):
    files = {
        "a.yml": (
            "meta:\n  base: 10\n  inner:\n    x: (( grab meta.base ))\n"
            "a_str: (( stringify meta.inner ))\n"
            "z_str: (( stringify meta.inner ))\n"
            'a_cat: (( concat meta.inner.x "!" ))\n'
        )
    }
    expected = (
        "a_cat: 10!\n"
        "a_str: |\n  x: (( grab meta.base ))\n"
        "meta:\n  base: 10\n  inner:\n    x: 10\n"
        "z_str: |\n  x: 10\n\n"
    )
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_insertion_order_changes_the_tie_break(graft):
    # The map sits at index 2: alphabetically "l.10" runs before "l.2.x"; in scan order
    # it runs after.
    items = ["- i0", "- i1", "- {x: (( grab base ))}"] + [f"- i{n}" for n in range(3, 10)]
    items.append("- (( stringify l.2 ))")
    files = {"a.yml": "base: 1\nl:\n" + "\n".join(items) + "\n"}
    rest = "".join(f"- i{n}\n" for n in range(3, 10))
    head = "base: 1\nl:\n- i0\n- i1\n- x: 1\n" + rest
    alphabetical = head + "- |\n  x: (( grab base ))\n\n"
    assert graft("merge", "a.yml", files=files) == (0, alphabetical, "")
    insertion = head + "- |\n  x: 1\n\n"
    args = ["merge", "--dataflow-order", "insertion", "a.yml"]
    assert graft(*args, files=files) == (0, insertion, "")


def test_grab_shares_the_object(graft):
    files = {
        "a.yml": (
            "meta:\n  base: 10\n  inner:\n    x: (( grab meta.base ))\n"
            "copy: (( grab meta.inner ))\n"
        )
    }
    expected = "copy:\n  x: 10\nmeta:\n  base: 10\n  inner:\n    x: 10\n\n"
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_a_tree_that_contains_itself_cannot_be_written(graft):
    files = {"a.yml": "a:\n  x: (( grab b ))\nb: (( grab a ))\n"}
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        "Hit max recursion depth. You seem to have a self-referencing dataset\n",
    )


def test_cycles_are_reported_with_their_paths(graft):
    files = {"a.yml": "a: (( grab b ))\nb: (( grab c ))\nc: (( grab a ))\nd: (( grab d ))\n"}
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        "Merge failed: cycle detected in operator data-flow graph: $.a -> $.b -> $.c -> $.a\n",
    )


def test_list_elements_are_named_and_duplicate_names_are_each_evaluated(graft):
    files = {
        "a.yml": (
            "a: 1\nb: 2\n"
            "jobs:\n- {name: x, port: (( grab a ))}\n- {name: x, port: (( grab b ))}\n"
            "- {name: y, port: (( grab nope ))}\n"
        )
    }
    rc, out, err = graft("merge", "a.yml", files=files)
    assert (rc, out) == (2, "")
    assert err == multi_error(
        "$.jobs.y.port: Unable to resolve `nope`: `$.nope` could not be found in the datastructure"
    )
    files["a.yml"] = files["a.yml"].replace("(( grab nope ))", "3")
    # D19: graft writes b into the first x and leaves the second as text
    expected = (
        'a: 1\nb: 2\njobs:\n- name: x\n  port: 1\n- name: x\n  port: 2\n- name: "y"\n  port: 3\n\n'
    )
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_errors_of_a_phase_are_sorted_and_later_phases_do_not_run(graft):
    files = {"a.yml": 'z: (( param "set z" ))\na: (( param "set a" ))\nb: (( grab nope ))\n'}
    assert graft("merge", "a.yml", files=files) == (2, "", multi_error("$.a: set a", "$.z: set z"))


def test_cherry_pick_evaluates_only_what_it_keeps(graft):
    files = {
        "a.yml": (
            "meta:\n  a: 1\n"
            "keep: (( grab meta.a ))\n"
            "broken: (( grab nope ))\n"
            "jobs:\n- name: web\n  port: (( grab meta.a ))\n"
        )
    }
    assert graft("merge", "--cherry-pick", "keep", "a.yml", files=files) == (0, "keep: 1\n\n", "")
    rc, out, _ = graft("merge", "--cherry-pick", "jobs.0", "a.yml", files=files)
    assert (rc, out) == (0, "jobs:\n- name: web\n  port: 1\n\n")


def test_an_environment_variable_in_a_path_is_a_dependency(graft):
    files = {
        "a.yml": (
            "host: db\n"
            'envs:\n  prod:\n    url: (( concat "pg://" host ))\n'
            "dsn: (( grab envs.$TARGET_ENV.url ))\n"
        )
    }
    env = {"TARGET_ENV": "prod"}
    rc, out, _ = graft("merge", "--cherry-pick", "dsn", "a.yml", files=files, env=env)
    assert (rc, out) == (0, "dsn: pg://db\n\n")


def test_prune_operator_removes_after_evaluation(graft):
    files = {
        "a.yml": (
            "meta:\n  secret: s\n  gone: (( prune ))\n"
            "use: (( grab meta.secret ))\nl: [keep, (( prune )), also]\n"
        )
    }
    expected = "l:\n- keep\n- also\nmeta:\n  secret: s\nuse: s\n\n"
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_a_syntax_error_outranks_the_errors_of_earlier_phases(graft):
    files = {"a.yml": 'p: (( param "set p" ))\nbad: (( a + ))\n'}
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        multi_error("$.bad: unexpected end of expression"),
    )


def test_paths_through_bool_and_float_keys_read_as_go_writes_them(graft):
    files = {
        "a.yml": 'true: (( concat (grab) "x" ))\n',
        "b.yml": "1.5: [(( insert after 0 ))]\n",
        "v.yml": 'true: (( vault "secret/x:y" ))\n',
    }
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        multi_error(
            "$.true: nested operator grab failed: $.true: no arguments specified to (( grab ... ))"
        ),
    )
    assert graft("merge", "b.yml", files=files) == (
        2,
        "",
        multi_error("$.1.5: unable to modify the list, because specified index 1 is out of bounds"),
    )
    assert graft("vaultinfo", "v.yml", files=files) == (
        0,
        'secrets:\n- key: secret/x:y\n  references:\n  - "true"\n\n',
        "",
    )


def test_paths_through_a_null_key_read_as_go_writes_them(graft):
    files = {
        "a.yml": '~: (( concat (grab) "x" ))\n',
        "b.yml": "~: [(( insert after 0 ))]\n",
        "v.yml": '~: (( vault "secret/x:y" ))\n',
    }
    assert graft("merge", "a.yml", files=files) == (
        2,
        "",
        multi_error(
            "$.<nil>: nested operator grab failed: $.<nil>: no arguments specified to "
            "(( grab ... ))"
        ),
    )
    assert graft("merge", "b.yml", files=files) == (
        2,
        "",
        multi_error(
            "$.<nil>: unable to modify the list, because specified index 1 is out of bounds"
        ),
    )
    assert graft("vaultinfo", "v.yml", files=files) == (
        0,
        "secrets:\n- key: secret/x:y\n  references:\n  - <nil>\n\n",
        "",
    )
