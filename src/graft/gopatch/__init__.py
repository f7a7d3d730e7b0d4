"""go-patch operation files (``merge --go-patch``; docs/merging.md#go-patch-files).

Behaves like the ``cppforlife/go-patch`` library at v0.2.0, the version graft
uses: ``replace``, ``remove`` and ``test`` operations addressed by pointers
such as ``/jobs/name=web?/instances`` or ``/list/0:after``. Error texts are
the library's, so that ``Merge failed: ...`` lines match graft byte for byte.

Two Go details shape the code:

* a list that grows or shrinks is a new list stored back into its parent (Go
  slices), while setting an element or a map key changes it in place;
* a replaced value goes through a YAML round trip first (the library clones it
  with ``yaml.Marshal``/``Unmarshal``), which turns whole floats below 1e6
  into ints.
"""

from graft.gopatch.definitions import parse_operations
from graft.gopatch.errors import PatchError
from graft.gopatch.operations import Operation, RemoveOp, ReplaceOp, TestOp, apply_operations
from graft.gopatch.pointer import AfterLastIndexToken as AfterLastIndexToken
from graft.gopatch.pointer import IndexToken as IndexToken
from graft.gopatch.pointer import KeyToken as KeyToken
from graft.gopatch.pointer import MatchingIndexToken as MatchingIndexToken
from graft.gopatch.pointer import Modifier as Modifier
from graft.gopatch.pointer import Pointer, parse_pointer
from graft.gopatch.pointer import PointerError as PointerError

# The ``X as X`` imports keep the token classes, Modifier and PointerError
# importable from here, as they were before the split (the tests use them).
__all__ = [
    "Operation",
    "PatchError",
    "Pointer",
    "RemoveOp",
    "ReplaceOp",
    "TestOp",
    "apply_operations",
    "parse_operations",
    "parse_pointer",
]
