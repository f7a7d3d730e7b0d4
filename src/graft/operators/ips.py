"""``(( ips IP_OR_CIDR INDEX [COUNT] ))``: addresses counted from an IP or a
network, IPv4 or IPv6 (docs/operators.md#ips).

For a network the count starts at its first address and a negative index
counts back from its end; a plain IP has no bounds (IPv4 wraps around).
Where graft crashes (an index or count that is not an integer) we report an
error instead (D13); a network's size is its true size (graft caps it at
2^31-1, which makes ``-1`` of a large IPv6 network a wrong address).
"""

from __future__ import annotations

import ipaddress

from graft.expr.ast import Call
from graft.gofmt import go_str
from graft.operators import register
from graft.operators.base import Operator, OpError, Path
from graft.operators.dependencies import subtree_dependencies
from graft.operators.limits import check_items
from graft.values import go_type

TYPE_CHECKING = False  # typing stays out of start-up; checkers see the imports
if TYPE_CHECKING:
    from typing import Any

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_MAPPED = ipaddress.ip_network("::ffff:0:0/96")


def parse_ip(text: str) -> IPAddress | None:
    """An address as Go's net.ParseIP reads it (no zone), IPv4-mapped IPv6 as IPv4."""
    if "%" in text:
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def parse_cidr(text: str) -> tuple[IPAddress, int] | None:
    """(network address, size) of ``ADDRESS/BITS``, as Go's net.ParseCIDR reads it."""
    address_text, slash, bits = text.partition("/")
    if not slash or not (bits.isascii() and bits.isdigit()) or "%" in address_text:
        return None
    try:
        address = ipaddress.ip_address(address_text)
        network = ipaddress.ip_network(f"{address}/{int(bits)}", strict=False)
    except ValueError:
        return None
    base = network.network_address
    if base.version == 6 and base.ipv4_mapped is not None:
        base = base.ipv4_mapped
    return base, network.num_addresses


def address_text(version: int, value: int) -> str:
    """Go's text of an address: IPv4 wraps at 32 bits, IPv6 at 128; an IPv6
    address in ::ffff:0:0/96 prints as IPv4."""
    if version == 4:
        return str(ipaddress.IPv4Address(value % (1 << 32)))
    address = ipaddress.IPv6Address(value % (1 << 128))
    if address in _MAPPED:
        return str(address.ipv4_mapped)
    return str(address)


def integer(value: Any, what: str) -> int:
    """An index or count; graft crashes on anything but an integer (D13)."""
    if type(value) is not int:
        shown = f'"{value}"' if type(value) is str else go_str(value)
        raise OpError(f"ips {what} must be an integer, got {go_type(value)} {shown}")
    return value


class Ips(Operator):
    name = "ips"

    def dependencies(self, ctx: Any, call: Call, auto: list[Path]) -> list[Path]:
        return subtree_dependencies(ctx, call, auto)

    def run(self, ctx: Any, call: Call) -> Any:
        if len(call.args) < 2:
            raise OpError("ips requires at least two arguments: 1) An IP or a CIDR and 2) an index")
        values = [self.argument(ctx, arg) for arg in call.args]
        written = go_str(values[0])
        network = parse_cidr(written)
        if network is not None:
            base, size = network
        else:
            base, size = parse_ip(written), None
            if base is None:
                raise OpError(f"first argument must be a valid IP or CIDR: {written}")
        start = integer(values[1], "index")
        if size is not None:
            if abs(start) > size:
                raise OpError(f"Start index {start} exceeds size of subnet {written}")
            if start < 0:
                start += size
        first = int(base) + start
        if len(values) == 2:
            return address_text(base.version, first)
        count = integer(values[2], "count")
        if size is not None and start + count > size:
            raise OpError(
                f"Start index {start} and count {count} would exceed size of subnet {written}"
            )
        check_items(count, "ips")
        return [address_text(base.version, first + i) for i in range(max(count, 0))]

    @staticmethod
    def argument(ctx: Any, arg: Any) -> Any:
        value = ctx.value(arg)
        if value is None:
            raise OpError("ips operator argument cannot be nil")
        return value


register(Ips())
