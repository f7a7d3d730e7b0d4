"""Address operators: ``(( ips ... ))`` and the BOSH ``(( static_ips ... ))``
(SPEC §6.12, §6.24, D13)."""

from __future__ import annotations

import pytest

from conftest import multi_error

# --- ips ---------------------------------------------------------------------------------


def test_ips_counts_from_a_network_or_an_address(graft):
    files = {
        "a.yml": """\
second: (( ips "10.0.0.0/24" 2 ))
last: (( ips "10.0.0.5/24" -1 ))
three: (( ips "10.0.0.0/24" 1 3 ))
tail: (( ips "10.0.0.0/30" -4 2 ))
none: (( ips "10.0.0.0/24" 0 0 ))
negative_count: (( ips "10.0.0.0/24" 0 -2 ))
carry: (( ips "10.10.0.0/16" 256 2 ))
plain: (( ips "10.0.0.1" 300 ))
back: (( ips "192.168.1.5" -10 ))
wrap: (( ips "255.255.255.255" 1 ))
mapped: (( ips "::ffff:10.0.0.1" 1 ))
""",
    }
    expected = """\
back: 192.168.0.251
carry:
- 10.10.1.0
- 10.10.1.1
last: 10.0.0.255
mapped: 10.0.0.2
negative_count: []
none: []
plain: 10.0.1.45
second: 10.0.0.2
tail:
- 10.0.0.0
- 10.0.0.1
three:
- 10.0.0.1
- 10.0.0.2
- 10.0.0.3
wrap: 0.0.0.0

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_ips_ipv6(graft):
    files = {
        "a.yml": """\
pair: (( ips "2001:db8::/64" 1 2 ))
last: (( ips "2001:db8::/64" -1 ))
small_last: (( ips "2001:db8::/120" -1 ))
plain: (( ips "2001:db8::ffff" 1 ))
""",
    }
    expected = """\
last: 2001:db8::ffff:ffff:ffff:ffff
pair:
- 2001:db8::1
- 2001:db8::2
plain: 2001:db8::1:0
small_last: 2001:db8::ff

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_ips_reads_references_and_waits_for_operators_under_them(graft):
    # `a_*` sort before `meta`, so only the dependencies make them wait.
    files = {
        "a.yml": """\
a_from_refs: (( ips meta.net.cidr meta.net.index ))
a_nested: (( ips (concat "10.1.0." "0/24") 5 ))
meta:
  net:
    cidr: (( concat "10.0." "0.0/16" ))
    index: (( grab base.index ))
base: {index: 258}
""",
    }
    expected = """\
a_from_refs: 10.0.1.2
a_nested: 10.1.0.5
base:
  index: 258
meta:
  net:
    cidr: 10.0.0.0/16
    index: 258

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_ips_errors(graft):
    files = {
        "a.yml": """\
meta: {nothing: ~}
e1: (( ips "10.0.0.0/24" ))
e2: (( ips "bad" 1 ))
e3: (( ips "300.1.1.1" 1 ))
e4: (( ips "10.0.0.0/30" 10 ))
e5: (( ips "10.0.0.0/30" -5 ))
e6: (( ips "10.0.0.0/30" 1 10 ))
e7: (( ips meta.nothing 1 ))
e8: (( ips "10.0.0.0/24" nope ))
e9: (( ips "10.0.0.0/24.5" 1 ))
""",
    }
    expected_err = multi_error(
        "$.e1: ips requires at least two arguments: 1) An IP or a CIDR and 2) an index",
        "$.e2: first argument must be a valid IP or CIDR: bad",
        "$.e3: first argument must be a valid IP or CIDR: 300.1.1.1",
        "$.e4: Start index 10 exceeds size of subnet 10.0.0.0/30",
        "$.e5: Start index -5 exceeds size of subnet 10.0.0.0/30",
        "$.e6: Start index 1 and count 10 would exceed size of subnet 10.0.0.0/30",
        "$.e7: ips operator argument cannot be nil",
        "$.e8: Unable to resolve `nope`: `$.nope` could not be found in the datastructure",
        "$.e9: first argument must be a valid IP or CIDR: 10.0.0.0/24.5",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected_err)


def test_ips_index_or_count_that_is_not_an_integer_is_an_error(graft):
    # graft crashes here; we report it (D13).
    files = {
        "a.yml": """\
text_index: (( ips "10.0.0.0/24" "2" ))
float_index: (( ips "10.0.0.0/24" 1.5 ))
bool_count: (( ips "10.0.0.0/24" 1 true ))
""",
    }
    expected_err = multi_error(
        "$.bool_count: ips count must be an integer, got bool true",
        "$.float_index: ips index must be an integer, got float64 1.5",
        '$.text_index: ips index must be an integer, got string "2"',
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected_err)


# --- static_ips --------------------------------------------------------------------------

NETWORKS = """\
networks:
- name: net1
  subnets:
  - {static: [10.0.0.5 - 10.0.0.10, 10.0.0.20], az: z1}
  - {static: [10.1.0.5 - 10.1.0.6], azs: [z2]}
"""


def test_static_ips_from_the_pools_of_the_job_azs(graft):
    files = {
        "a.yml": NETWORKS
        + """\
instance_groups:
- name: web
  instances: 3
  azs: [z1, z2]
  networks: [{name: net1, static_ips: '(( static_ips 0 1 "z2:1" ))'}]
- name: db
  instances: 2
  networks: [{name: net1, static_ips: "(( static_ips(2, 3) ))"}]
- name: tail
  instances: "2"
  azs: [z1]
  networks: [{name: net1, static_ips: '(( static_ips 6 "4" 99 ))'}]
- name: idle
  instances: 0
  networks: [{name: net1, static_ips: "(( static_ips ))"}]
""",
    }
    expected = """\
instance_groups:
- azs:
  - z1
  - z2
  instances: 3
  name: web
  networks:
  - name: net1
    static_ips:
    - 10.0.0.5
    - 10.0.0.6
    - 10.1.0.6
- instances: 2
  name: db
  networks:
  - name: net1
    static_ips:
    - 10.0.0.7
    - 10.0.0.8
- azs:
  - z1
  instances: "2"
  name: tail
  networks:
  - name: net1
    static_ips:
    - 10.0.0.20
    - 10.0.0.9
- instances: 0
  name: idle
  networks:
  - name: net1
    static_ips: []
networks:
- name: net1
  subnets:
  - az: z1
    static:
    - 10.0.0.5 - 10.0.0.10
    - 10.0.0.20
  - azs:
    - z2
    static:
    - 10.1.0.5 - 10.1.0.6

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_static_ips_in_legacy_jobs_and_ipv6_ranges(graft):
    files = {
        "a.yml": """\
networks:
- name: v6
  subnets:
  - static: ["2001:db8::fffe - 2001:db8::1:1"]
jobs:
- name: api
  instances: 2
  networks: [{name: v6, static_ips: (( static_ips 1 3 ))}]
""",
    }
    expected = """\
jobs:
- instances: 2
  name: api
  networks:
  - name: v6
    static_ips:
    - 2001:db8::ffff
    - 2001:db8::1:1
networks:
- name: v6
  subnets:
  - static:
    - 2001:db8::fffe - 2001:db8::1:1

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


def test_static_ips_hands_out_an_address_once_in_path_order(graft):
    files = {
        "a.yml": NETWORKS
        + """\
instance_groups:
- name: first
  instances: 1
  networks: [{name: net1, static_ips: (( static_ips 2 ))}]
- name: second
  instances: 2
  networks: [{name: net1, static_ips: (( static_ips 1 2 ))}]
""",
    }
    expected_err = multi_error(
        "$.instance_groups.second.networks.net1.static_ips: tried to use IP '10.0.0.7', "
        "but that address is already allocated to first/0"
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected_err)


def test_static_ips_allocations_start_afresh_for_every_evaluation(graft):
    files = {
        "source.yml": NETWORKS
        + """\
instance_groups:
- name: web
  instances: 1
  networks: [{name: net1, static_ips: (( static_ips 0 ))}]
""",
        "targets.yml": "env: one\n---\nenv: two\n",
    }
    rc, out, err = graft("fan", "source.yml", "targets.yml", files=files)
    assert (rc, err) == (0, "")
    assert out.count("    - 10.0.0.5\n") == 2


def test_static_ips_waits_for_operators_in_the_network_and_jobs(graft):
    files = {
        "a.yml": """\
meta:
  range: 10.0.0.5 - 10.0.0.9
  count: 2
instance_groups:
- name: web
  instances: (( grab meta.count ))
  networks: [{name: net1, static_ips: (( static_ips 3 4 ))}]
networks:
- name: net1
  subnets:
  - static: [(( grab meta.range ))]
""",
    }
    expected = """\
instance_groups:
- instances: 2
  name: web
  networks:
  - name: net1
    static_ips:
    - 10.0.0.8
    - 10.0.0.9
meta:
  count: 2
  range: 10.0.0.5 - 10.0.0.9
networks:
- name: net1
  subnets:
  - static:
    - 10.0.0.5 - 10.0.0.9

"""
    assert graft("merge", "a.yml", files=files) == (0, expected, "")


@pytest.mark.parametrize("parallel", ["false", "true"])
def test_static_ips_waits_for_a_grabbed_static_list_beside_a_network_without_subnets(
    graft, parallel
):
    # graft issue #194 (errata 23): the network `other` has no subnets, and the
    # `static` list of `net` comes from a grab that must run first
    source = """\
meta:
  static: [10.0.0.5 - 10.0.0.10]
networks:
- {name: other, type: vip}
- name: net
  subnets:
  - {range: 10.0.0.0/24, static: (( grab meta.static ))}
instance_groups:
- name: web
  instances: 2
  networks: [{name: net, static_ips: (( static_ips 0 1 ))}]
"""
    expected = """\
instance_groups:
- instances: 2
  name: web
  networks:
  - name: net
    static_ips:
    - 10.0.0.5
    - 10.0.0.6
meta:
  static:
  - 10.0.0.5 - 10.0.0.10
networks:
- name: other
  type: vip
- name: net
  subnets:
  - range: 10.0.0.0/24
    static:
    - 10.0.0.5 - 10.0.0.10

"""
    env = {"GRAFT_PARALLEL": parallel, "GRAFT_PARALLEL_MIN_OPS": "1"}
    assert graft("merge", "a.yml", files={"a.yml": source}, env=env) == (0, expected, "")


def test_static_ips_errors(graft):
    files = {
        "a.yml": """\
networks:
- name: net1
  subnets:
  - {static: [10.0.0.5 - 10.0.0.7], az: z1}
- name: reversed
  subnets:
  - {static: [10.0.0.9 - 10.0.0.5]}
- name: nostatic
  subnets:
  - {range: 10.9.0.0/24}
- name: notip
  subnets:
  - {static: [10.0.0.1 - nope]}
- name: number
  subnets:
  - {static: [5]}
instance_groups:
- name: a
  instances: 3
  networks: [{name: net1, static_ips: (( static_ips 0 1 ))}]
- name: b
  instances: x
  networks: [{name: net1, static_ips: (( static_ips 0 ))}]
- name: c
  instances: -1
  networks: [{name: net1, static_ips: (( static_ips 0 ))}]
- name: d
  instances: 1
  azs: [z9]
  networks: [{name: net1, static_ips: (( static_ips 0 ))}]
- name: e
  instances: 1
  networks: [{name: net1, static_ips: (( static_ips 9 ))}]
- name: f
  instances: 1
  networks: [{name: net1, static_ips: (( static_ips -1 ))}]
- name: g
  instances: 1
  networks: [{name: net1, static_ips: (( static_ips true ))}]
- name: h
  instances: 1
  azs: [z1]
  networks: [{name: net1, static_ips: '(( static_ips "z2:0" ))'}]
- name: i
  instances: 1
  networks: [{name: reversed, static_ips: (( static_ips 0 ))}]
- name: j
  instances: 1
  networks: [{name: nostatic, static_ips: (( static_ips 0 ))}]
- name: k
  instances: 1
  networks: [{name: ghost, static_ips: (( static_ips 0 ))}]
- name: l
  instances: 1
  azs: [z1, 3]
  networks: [{name: net1, static_ips: (( static_ips 0 ))}]
- name: m
  instances: 1
  networks: [{name: notip, static_ips: (( static_ips 0 ))}]
- name: "n"
  instances: 1
  networks: [{name: number, static_ips: (( static_ips 0 ))}]
- name: o
  instances: 1
  networks: [{name: net1, static_ips: '(( static_ips "z1:x" ))'}]
- name: p
  instances: true
  networks: [{name: net1, static_ips: (( static_ips 0 ))}]
top: (( static_ips 0 ))
""",
    }
    where = "$.instance_groups.{}.networks.{}.static_ips: "
    expected_err = multi_error(
        where.format("a", "net1")
        + "not enough static IPs requested for job of 3 instances (only asked for 2)",
        where.format("b", "net1") + "the `instances:` for the current job is not numeric",
        where.format("c", "net1") + "negative number found in `instances:` for the current job",
        where.format("d", "net1") + "could not find AZ z9 (in network AZS [z9])",
        where.format("e", "net1")
        + "request for static_ip(9) in a pool of only 3 (zero-indexed) static addresses",
        where.format("f", "net1")
        + "static_ips operator only accepts literal non-negative numbers for arguments",
        where.format("g", "net1")
        + "static_ips operator arguments must have format <az>:<number> or <number>",
        where.format("h", "net1") + "could not find AZ z2 in instance_groups AZS [z1]",
        where.format("i", "reversed")
        + "Static IP pool [10.0.0.9 - 10.0.0.5] ends before it starts",
        where.format("j", "nostatic")
        + "`$.networks.2.subnets.0.static` could not be found in the datastructure",
        where.format("k", "ghost") + "`$.networks.ghost` could not be found in the datastructure",
        where.format("l", "net1") + 'azs []interface {}{"z1", 3} must be a list of strings',
        where.format("m", "notip") + "nope: not a valid IP address",
        where.format("n", "number") + "number is not a well-formed BOSH network",
        where.format("o", "net1")
        + "static_ips operator arguments must have format <az>:<number> or <number>",
        where.format("p", "net1") + "instance_groups.p.instances is not a string",
        "$.top: not currently inside of a job definition block",
    )
    assert graft("merge", "a.yml", files=files) == (2, "", expected_err)
