"""Work that could not finish is refused at once with a ``$.path`` error:
huge address lists, unending or huge files, products and strings that explode,
documents that operators make astronomically large or deep; running out of
memory is the site's error, not an internal one."""

from __future__ import annotations

import os
import resource
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graft.operators.static_ips import Pools

# Every refusal here comes long before this (the subprocess is killed after it).
TIMEOUT = 20


def refused(result: tuple[int, str, str], *lines: str) -> None:
    rc, out, err = result
    assert (rc, out) == (2, ""), err
    assert "Traceback" not in err and "internal error" not in err, err
    for line in lines:
        assert f" - {line}\n" in err, err


def test_ips_of_four_billion_addresses_is_refused(graft):
    files = {"a.yml": 'a: (( ips "::1/64" 1 4294967296 ))\nb: (( ips "10.0.0.1" 0 20000000 ))\n'}
    refused(
        graft("merge", "a.yml", files=files, timeout=TIMEOUT),
        "$.a: ips would make 4294967296 values, more than GRAFT_MAX_ITEMS (10000000)",
        "$.b: ips would make 20000000 values, more than GRAFT_MAX_ITEMS (10000000)",
    )


def test_ips_within_the_limit_still_counts(graft):
    files = {"a.yml": 'a: (( ips "10.0.0.0/8" -1 ))\nb: (( ips "::1/64" 1 2 ))\n'}
    assert graft("merge", "a.yml", files=files) == (
        0,
        "a: 10.255.255.255\nb:\n- ::1\n- ::2\n\n",
        "",
    )


def test_graft_max_items_sets_the_limit(graft):
    files = {"a.yml": 'a: (( ips "10.0.0.0/8" 0 200001 ))\n'}
    refused(
        graft("merge", "a.yml", files=files, env={"GRAFT_MAX_ITEMS": "200000"}),
        "$.a: ips would make 200001 values, more than GRAFT_MAX_ITEMS (200000)",
    )
    rc, out, err = graft("merge", "a.yml", files=files, env={"GRAFT_MAX_ITEMS": "nope"})
    assert (rc, out) == (2, "")
    assert err == "GRAFT_MAX_ITEMS must be a whole number, not 'nope'\n"


BIG_NETWORK = """\
networks:
- name: big
  subnets:
  - static: [10.0.0.0 - 10.255.255.255]
    az: z1
  - static: ["2001:db8:: - 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", 10.0.0.5 - 10.0.0.9]
    azs: [z1, z2]
instance_groups:
- name: web
  instances: 4
  azs: [z1, z2]
  networks:
  - name: big
    static_ips: (( static_ips 16777215 16777216 16777221 4611686018427387904 ))
"""


def test_static_ips_on_a_slash_8_and_an_ipv6_slash_32_are_arithmetic(graft):
    started = time.perf_counter()
    rc, out, err = graft(
        "merge", "--cherry-pick", "instance_groups", "a.yml", files={"a.yml": BIG_NETWORK}
    )
    assert time.perf_counter() - started < TIMEOUT
    assert (rc, err) == (0, "")
    assert "    - 10.255.255.255\n    - '2001:db8::'\n    - 2001:db8::5\n" in out
    # 16M IPv4 addresses (the 10.0.0.5-9 range again is counted once), then IPv6
    assert f"    - {_v6(4611686018427387904 - (1 << 24))}\n" in out


def _v6(offset: int) -> str:
    import ipaddress

    return str(ipaddress.IPv6Address(int(ipaddress.IPv6Address("2001:db8::")) + offset))


def test_static_ips_past_an_ipv6_pool_is_the_usual_error(graft):
    text = BIG_NETWORK.replace(
        '"2001:db8:: - 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"',
        '"2001:db8:: - 2001:db8::ffff:ffff"',
    ).replace("4611686018427387904", str(1 << 40))
    refused(
        graft("merge", "a.yml", files={"a.yml": text}),
        f"$.instance_groups.web.networks.big.static_ips: request for static_ip({1 << 40}) "
        f"in a pool of only {(1 << 24) + (1 << 32)} (zero-indexed) static addresses",
    )


def _naive(ranges: list[tuple[list[str], int, int]], azs: list[str]) -> list[int]:
    """What the pools held before: every address listed, each AZ's pool in order,
    the AZs combined with each address once."""
    by_az: dict[str, list[int]] = {}
    for zones, first, last in ranges:
        for zone in zones:
            by_az.setdefault(zone, []).extend(range(first, last + 1))
    seen: dict[int, None] = {}
    for az in azs:
        for address in by_az.get(az, ()):
            seen.setdefault(address, None)
    return list(seen)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(["z1", "z2", "z3"]), min_size=1, max_size=2),
            st.integers(0, 40),
            st.integers(0, 10),
        ),
        max_size=6,
    ),
    st.lists(st.sampled_from(["z1", "z2", "z3"]), min_size=1, max_size=3, unique=True),
)
def test_pools_of_ranges_pick_what_a_list_of_every_address_picks(ranges, azs):
    spans = [(zones, first, first + length) for zones, first, length in ranges]
    pools = Pools()
    for zones, first, last in spans:
        pools.add(zones, 4, first, last)
    expected = _naive(spans, azs)
    pool = pools.combined(azs)
    assert pool.size() == len(expected)
    import ipaddress

    assert [pool[i] for i in range(pool.size())] == [
        str(ipaddress.IPv4Address(n)) for n in expected
    ]


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/dev/zero", "a character device"), ("/dev/null", "a character device")],
)
def test_file_and_load_read_only_regular_files(graft, path, kind):
    files = {"a.yml": f'a: (( file "{path}" ))\nb: (( load "{path}" ))\n'}
    refused(
        graft("merge", "a.yml", files=files, timeout=TIMEOUT),
        f"$.a: read {path}: not a regular file ({kind}): only files are read",
        f"$.b: read {path}: not a regular file ({kind}): only files are read",
    )


def test_a_named_pipe_nobody_writes_to_is_refused_without_waiting(graft, tmp_path):
    os.mkfifo(tmp_path / "pipe")
    files = {"a.yml": 'a: (( file "pipe" ))\n'}
    refused(
        graft("merge", "a.yml", files=files, timeout=TIMEOUT),
        "$.a: read pipe: not a regular file (a named pipe): only files are read",
    )


def test_a_directory_keeps_gos_message(graft, tmp_path):
    (tmp_path / "d").mkdir()
    refused(
        graft("merge", "a.yml", files={"a.yml": 'a: (( file "d" ))\n'}),
        "$.a: read d: is a directory",
    )


def test_a_file_over_graft_max_bytes_is_refused_before_it_is_read(graft, tmp_path):
    with open(tmp_path / "big.txt", "wb") as f:
        f.truncate(5 << 30)  # 5 GiB, sparse: nothing is written to disk
    files = {"a.yml": 'a: (( file "big.txt" ))\nb: (( load "big.txt" ))\n'}
    refused(
        graft("merge", "a.yml", files=files, timeout=TIMEOUT),
        f"$.a: read big.txt: the file has {5 << 30} bytes, more than GRAFT_MAX_BYTES ({256 << 20})",
        f"$.b: read big.txt: the file has {5 << 30} bytes, more than GRAFT_MAX_BYTES ({256 << 20})",
    )


def test_graft_max_bytes_takes_units(graft):
    files = {"a.yml": 'a: (( file "b.txt" ))\n', "b.txt": "x" * 2000}
    refused(
        graft("merge", "a.yml", files=files, env={"GRAFT_MAX_BYTES": "1KiB"}),
        "$.a: read b.txt: the file has 2000 bytes, more than GRAFT_MAX_BYTES (1024)",
    )
    rc, out, _ = graft("merge", "a.yml", files=files, env={"GRAFT_MAX_BYTES": "2k"})
    assert (rc, out) == (0, "a: " + "x" * 2000 + "\n\n")
    rc, out, err = graft("merge", "a.yml", files=files, env={"GRAFT_MAX_BYTES": "lots"})
    assert (rc, out) == (2, "")
    assert err.startswith("GRAFT_MAX_BYTES must be a size in bytes")


def test_a_cartesian_product_of_a_billion_is_refused(graft):
    items = ", ".join(str(i) for i in range(1000))
    files = {
        "a.yml": f"l: [{items}]\na: (( cartesian-product l l l ))\nb: (( cartesian-product l l ))\n"
    }
    rc, out, err = graft("merge", "--cherry-pick", "a", "a.yml", files=files, timeout=TIMEOUT)
    refused(
        (rc, out, err),
        "$.a: cartesian-product would make 1000000000 values, more than GRAFT_MAX_ITEMS (10000000)",
    )
    assert "$.b" not in err  # a million is fine


def _doubling(operator: str, levels: int = 40) -> str:
    lines = ["s0: ab", "l0: [1, 2]"]
    for i in range(1, levels):
        lines.append(operator.format(prev=i - 1, i=i))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("s{i}: (( concat s{prev} s{prev} ))", "concat would make a string of"),
        ('s{i}: (( join "" s{prev} s{prev} ))', "join would make a string of"),
        ("s{i}: (( s{prev} + s{prev} ))", "+ would make a string of"),
        ("l{i}: (( l{prev} + l{prev} ))", "+ would make"),
        ("l{i}: (( grab l{prev} l{prev} ))", "grab would make"),
    ],
)
def test_doubling_strings_and_lists_stop_at_the_limit(graft, template, message):
    rc, out, err = graft("merge", "a.yml", files={"a.yml": _doubling(template)}, timeout=TIMEOUT)
    assert (rc, out) == (2, "")
    assert message in err, err
    assert "Traceback" not in err and "internal error" not in err


@pytest.mark.parametrize(
    "template",
    [
        "l{i}: [(( grab l{prev} )), (( grab l{prev} ))]",
        "l{i}: {{a: (( grab l{prev} )), b: (( grab l{prev} ))}}",
    ],
)
def test_shared_values_that_would_expand_astronomically_are_refused(graft, template):
    rc, out, err = graft("merge", "a.yml", files={"a.yml": _doubling(template)}, timeout=TIMEOUT)
    assert (rc, out) == (2, "")
    assert err.startswith(
        "1 error(s) detected:\n - $.l22: operators made this value expand to more than "
        "10000000 values when written (GRAFT_MAX_ITEMS)\n"
    ), err


def test_stringify_of_an_astronomical_value_is_refused(graft):
    text = _doubling("l{i}: [(( grab l{prev} )), (( grab l{prev} ))]", 30)
    text += "s: (( stringify l29 ))\n"
    rc, out, err = graft("merge", "a.yml", files={"a.yml": text}, timeout=TIMEOUT)
    assert (rc, out) == (2, "")
    assert " - $.s: stringify would make " in err


def test_values_nested_deeper_than_the_writer_can_go_are_refused(graft):
    lines = ["l0: [x]"] + [f"l{i}: [(( grab l{i - 1} ))]" for i in range(1, 2500)]
    files = {"a.yml": "\n".join(lines) + "\n"}
    rc, out, err = graft("merge", "a.yml", files=files, timeout=TIMEOUT)
    assert (rc, out) == (2, "")
    assert err.startswith(
        "1 error(s) detected:\n - $.l2000: operators nested values more than 2000 levels deep\n"
    ), err
    assert "self-referencing" not in err


def test_shared_values_within_the_limits_are_written_out(graft):
    text = _doubling("l{i}: [(( grab l{prev} )), (( grab l{prev} ))]", 4)
    assert graft("merge", "--prune", "l1", "--prune", "l3", "a.yml", files={"a.yml": text}) == (
        0,
        "l0:\n- 1\n- 2\nl2:\n"
        "- - - 1\n    - 2\n  - - 1\n    - 2\n- - - 1\n    - 2\n  - - 1\n    - 2\n"
        "s0: ab\n\n",
        "",
    )


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (400 << 20, 400 << 20))


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is how the test runs out of memory")
def test_running_out_of_memory_is_the_sites_error(graft, tmp_path):
    # The limits are raised out of the way: the machine (400 MB here) runs out first.
    import subprocess

    (tmp_path / "a.yml").write_text(_doubling("s{i}: (( concat s{prev} s{prev} ))", 34))
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAFT_")}
    env["GRAFT_MAX_BYTES"] = "64GiB"
    done = subprocess.run(
        [sys.executable, "-m", "graft", "merge", "a.yml"],
        cwd=tmp_path,
        capture_output=True,
        env=env,
        preexec_fn=_limit_memory,
        timeout=TIMEOUT * 3,
        check=False,
    )
    err = done.stderr.decode()
    assert (done.returncode, done.stdout) == (2, b""), err
    assert "out of memory while evaluating this operator" in err, err
    assert err.startswith("1 error(s) detected:\n - $.s"), err
    assert "internal error" not in err and "Traceback" not in err
