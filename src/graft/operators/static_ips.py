"""``(( static_ips OFFSET... ))``: static addresses for the instances of a BOSH
job or instance group, from the static ranges of its network (docs/operators.md#static_ips).

The operator sits at ``jobs[i].networks[j].static_ips`` (or under
``instance_groups``). Its network's subnets give a pool of addresses per AZ;
an offset ``N`` picks from the job's AZs' pools together, ``"AZ:N"`` from
one AZ's pool. An address is handed out once per evaluation: the record of
what is taken lives in the evaluation's session, tied to the tree, so it
starts empty for every run. Sites run in alphabetical order of their paths
(the evaluator's tie-break), which decides who gets an address first.
"""

from __future__ import annotations

import math
import re
from ipaddress import IPv4Address, IPv6Address

from graft.expr.ast import Call
from graft.expr.refs import RefSyntaxError, parse_reference
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError, Path
from graft.operators.ips import parse_ip
from graft.tree import ResolveError, dotted, resolve
from graft.tree import glob as tree_glob
from graft.values import go_type, key_value

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

# The paths whose operators must run first (graft's list; globbed against the tree).
_TRACKED = (
    "networks",
    "networks.*",
    "jobs",
    "jobs.*",
    "instance_groups",
    "instance_groups.*",
    "networks.*.name",
    "networks.*.subnets",
    "networks.*.subnets.*.static",
    "networks.*.subnets.*.az",
    "networks.*.subnets.*.azs",
    "networks.*.subnets.*.static.*",
    "jobs.*.instances",
    "instance_groups.*.instances",
    "jobs.*.networks.*.name",
    "instance_groups.*.networks.*.name",
    "instance_groups.*.azs",
    "instance_groups.*.azs.*",
)
_GO_INT = re.compile(r"[+-]?[0-9]+\Z")
_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1


# --- walking the tree the way graft's cursor library does ------------------------------------


def glob(tree: Any, pattern: Path, *, partial: bool = False) -> list[Path]:
    try:
        return tree_glob(tree, pattern, partial=partial)
    except ResolveError as error:
        raise OpError(error.message) from None


def lookup(tree: Any, segments: Path) -> Any:
    try:
        return resolve(tree, segments)
    except ResolveError as error:
        raise OpError(error.message) from None


def lookup_text(tree: Any, segments: Path) -> str:
    """A string, or an integer as text (graft's ResolveString)."""
    value = lookup(tree, segments)
    if type(value) is str:
        return value
    if type(value) is int:
        return str(value)
    raise OpError(f"{dotted(segments)} is not a string")


# --- Go's texts ------------------------------------------------------------------------------


def go_list(items: list[str]) -> str:
    """``%v`` of a []string."""
    return "[" + " ".join(items) + "]"


def go_syntax(value: Any, nested: bool = False) -> str:
    """``%#v`` of a value read from YAML."""
    if value is None:
        return "interface {}(nil)" if nested else "<nil>"
    if type(value) is str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if type(value) is list:
        return "[]interface {}{" + ", ".join(go_syntax(v, True) for v in value) + "}"
    if type(value) is dict:
        keys = sorted(value, key=lambda k: go_str(key_value(k)))
        pairs = (f"{go_syntax(key_value(k), True)}:{go_syntax(value[k], True)}" for k in keys)
        return "map[interface {}]interface {}{" + ", ".join(pairs) + "}"
    return go_str(value)


def go_s(value: Any) -> str:
    """``%s`` of a value: strings as they are, anything else as Go complains."""
    if type(value) is str:
        return value
    if value is None:
        return "%!s(<nil>)"
    return f"%!s({go_type(value)}={go_str(value)})"


def _parse_int(text: str) -> int | None:
    """Go's strconv.ParseInt(text, 10, 64), or None."""
    if not _GO_INT.match(text):
        return None
    number = int(text)
    return number if _INT64_MIN <= number <= _INT64_MAX else None


# --- the job, its network and the pools ------------------------------------------------------


def current_job(location: Path) -> Path:
    """The path of the job or instance group the operator sits in."""
    path = tuple(location)
    while path and (len(path) < 2 or dotted(path[-2:-1]) not in ("jobs", "instance_groups")):
        path = path[:-1]
    if not path:
        raise OpError("not currently inside of a job definition block")
    return path


def job_azs(tree: Any, job: Path) -> list[str]:
    try:
        azs = resolve(tree, (*job, "azs"))
    except ResolveError:
        return []
    if type(azs) is not list or any(type(z) is not str for z in azs):
        raise OpError(f"azs {go_syntax(azs)} must be a list of strings")
    return list(azs)


def instances(tree: Any, job: Path) -> int:
    number = _parse_int(lookup_text(tree, (*job, "instances")))
    if number is None:
        raise OpError("the `instances:` for the current job is not numeric")
    if number < 0:
        raise OpError("negative number found in `instances:` for the current job")
    return number


class Pool:
    """Addresses in order, kept as inclusive ranges ``(version, first, last)`` of
    their numbers: a static range of a /8 or of an IPv6 /32 costs no more than one
    address, and the address at an offset is found by arithmetic."""

    def __init__(self) -> None:
        self.ranges: list[tuple[int, int, int]] = []

    def add(self, version: int, first: int, last: int) -> None:
        self.ranges.append((version, first, last))

    def size(self) -> int:  # not __len__: an IPv6 pool may hold more than sys.maxsize
        return sum(last - first + 1 for _, first, last in self.ranges)

    def __getitem__(self, offset: int) -> str:
        for version, first, last in self.ranges:
            if offset <= last - first:
                number = first + offset
                return str(IPv4Address(number) if version == 4 else IPv6Address(number))
            offset -= last - first + 1
        raise IndexError(offset)


def _uncovered(covered: list[tuple[int, int]], first: int, last: int) -> list[tuple[int, int]]:
    """The parts of ``first..last`` outside the sorted, disjoint ``covered`` ranges."""
    parts = []
    for start, end in covered:
        if end < first or start > last:
            continue
        if start > first:
            parts.append((first, start - 1))
        first = max(first, end + 1)
        if first > last:
            return parts
    parts.append((first, last))
    return parts


def _cover(covered: list[tuple[int, int]], first: int, last: int) -> list[tuple[int, int]]:
    """``covered`` with ``first..last`` added (sorted, disjoint, touching ranges joined)."""
    merged = []
    for start, end in sorted([*covered, (first, last)]):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class Pools:
    """The static addresses of a network: a pool per AZ, and the AZs in subnet order."""

    def __init__(self) -> None:
        self.by_az: dict[str, Pool] = {}
        self.azs: list[str] = []

    def add(self, zones: list[str], version: int, first: int, last: int) -> None:
        for zone in zones:
            self.by_az.setdefault(zone, Pool()).add(version, first, last)

    def combined(self, azs: list[str]) -> Pool:
        """The pools of ``azs`` one after the other, each address once (where it
        first appears)."""
        pool = Pool()
        covered: dict[int, list[tuple[int, int]]] = {4: [], 6: []}
        for az in azs:
            for version, first, last in self.by_az[az].ranges if az in self.by_az else ():
                for start, end in _uncovered(covered[version], first, last):
                    pool.add(version, start, end)
                covered[version] = _cover(covered[version], first, last)
        return pool


def network_pools(tree: Any, location: Path) -> Pools:
    name = lookup_text(tree, (*location[:-1], "name"))
    try:
        network = parse_reference(f"networks.{name}.subnets")
    except RefSyntaxError:
        raise OpError(f"syntax error: networks.{name}.subnets.* is not a valid path") from None
    pools = Pools()
    for subnet in glob(tree, (*network, "*")):
        zones = subnet_zones(tree, subnet)
        pools.azs.extend(zones)
        for static in glob(tree, (*subnet, "static", "*")):
            pools.add(zones, *static_range(lookup(tree, static), name))
    return pools


def subnet_zones(tree: Any, subnet: Path) -> list[str]:
    zones = []
    try:
        az = resolve(tree, (*subnet, "az"))
    except ResolveError:
        az = None
    if type(az) is int:
        az = str(az)
    if type(az) is str and az:
        zones.append(az)
    try:
        azs = resolve(tree, (*subnet, "azs"))
    except ResolveError:
        azs = None
    if type(azs) is list:
        zones.extend(z for z in azs if type(z) is str and z)
    return zones or ["z1"]


def static_range(entry: Any, network: str) -> tuple[int, int, int]:
    """The addresses of one ``static`` entry, ``IP`` or ``IP - IP`` (inclusive), as
    ``(version, first, last)``."""
    if type(entry) is not str:
        raise OpError(f"{network} is not a well-formed BOSH network")
    parts = [part.strip() for part in entry.split("-")]
    start = parse_ip(parts[0])
    if start is None:
        raise OpError(f"{parts[0]}: not a valid IP address")
    if len(parts) != 2:
        return start.version, int(start), int(start)
    end = parse_ip(parts[1])
    if end is None:
        raise OpError(f"{parts[1]}: not a valid IP address")
    if start.version != end.version:
        raise OpError(f"Static IP pool [{start} - {end}] mixes IPv4 and IPv6 addresses")
    if int(start) > int(end):
        raise OpError(f"Static IP pool [{start} - {end}] ends before it starts")
    return start.version, int(start), int(end)


# --- the operator ----------------------------------------------------------------------------


def allocations(ctx: Any) -> dict[str, str]:
    """Address -> ``JOB/INDEX`` of this evaluation (fresh for every tree)."""
    state = ctx.state
    if state.static_ips is None or state.static_ips[0] is not ctx.tree:
        state.static_ips = (ctx.tree, {})
    return state.static_ips[1]


def offset_of(value: Any) -> tuple[str | None, int]:
    """(AZ or None, offset) of an argument: ``N``, ``"N"`` or ``"AZ:N"``."""
    bad = OpError("static_ips operator arguments must have format <az>:<number> or <number>")
    if type(value) is str:
        az, colon, number = value.partition(":")
        offset = _parse_int(number if colon else value)
        if offset is None:
            raise bad
        return (az if colon else None), offset
    if type(value) is int:
        return None, value
    if type(value) is float:
        if not math.isfinite(value) or not -(2.0**63) <= value < 2.0**63:
            return None, _INT64_MIN
        return None, int(value)
    raise bad


class StaticIps(Operator):
    name = "static_ips"
    shapes_tree = True
    parallel_safe = False  # allocations depend on the order the sites run in

    def dependencies(self, ctx: Any, call: Call, auto: list[Path]) -> list[Path]:
        """The BOSH paths graft tracks, wherever they exist, and auto.

        A branch that does not go on (a network without ``subnets``, a ``static``
        that is still an operator's text) leaves out that branch only: the
        ``static`` filled by a ``grab`` in another network is still waited for
        (graft issue #194)."""
        deps: list[Path] = []
        for pattern in _TRACKED:
            deps.extend(glob(ctx.tree, tuple(pattern.split(".")), partial=True))
        return deps + list(auto)

    def run(self, ctx: Any, call: Call) -> list[str]:
        job = current_job(ctx.location)
        job_name = lookup(ctx.tree, (*job, "name"))
        azs = job_azs(ctx.tree, job)
        count = instances(ctx.tree, job)
        if count == 0:
            return []
        if len(call.args) < count:
            raise OpError(
                f"not enough static IPs requested for job of {count} instances "
                f"(only asked for {len(call.args)})"
            )
        pools = network_pools(ctx.tree, ctx.location)
        for az in azs:
            if az not in pools.by_az:
                raise OpError(f"could not find AZ {az} (in network AZS {go_list(azs)})")
        azs = azs or list(pools.azs)
        taken = allocations(ctx)
        addresses = []
        for i, arg in enumerate(call.args[:count]):
            address = self.pick(pools, azs, ctx.value(arg))
            if address in taken:
                raise OpError(
                    f"tried to use IP '{address}', but that address is already allocated "
                    f"to {taken[address]}"
                )
            taken[address] = f"{go_s(job_name)}/{i}"
            addresses.append(address)
        return addresses

    @staticmethod
    def pick(pools: Pools, azs: list[str], value: Any) -> str:
        az, offset = offset_of(value)
        pool = pools.combined(azs)
        if az is not None:
            if az not in azs:
                raise OpError(f"could not find AZ {az} in instance_groups AZS {go_list(azs)}")
            if az not in pools.by_az:
                raise OpError(f"could not find AZ {az} in IP pool")
            pool = pools.by_az[az]
        if offset < 0:
            raise OpError(
                "static_ips operator only accepts literal non-negative numbers for arguments"
            )
        size = pool.size()
        if offset >= size:
            raise OpError(
                f"request for static_ip({offset}) in a pool of only {size} "
                "(zero-indexed) static addresses"
            )
        return pool[offset]


register(StaticIps())
