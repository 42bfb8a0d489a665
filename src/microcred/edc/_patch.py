"""Keeping what the domain model does not hold: a three-way patch over EDC JSON.

Reading an EDC gives a domain :class:`~microcred.model.Award`; most of an EU
credential maps onto it, but not all (logos, contact points, node ids chosen by
the issuing tool, labels in forty languages, ...). The reader writes the Award
straight back, compares that with the source, and keeps the difference as a
patch of JSON operations, each with the value the writer produced at read time.
Writing applies an operation only where the writer still produces that value,
so data nobody touched comes back verbatim while an edited field wins.

Both documents are compared in a *normal form* where every property value is a
list: JSON-LD treats ``x`` and ``[x]`` alike, and the EU writes both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

__all__ = ["EdcPatch", "PatchOp", "apply_patch", "denormalise", "diff", "normalise"]

Path = tuple[str | int, ...]

#: Operation kinds, as stored in JSON.
ADD, REMOVE, REPLACE = "add", "remove", "replace"


@dataclass(frozen=True, slots=True)
class PatchOp:
    """One difference: at ``path``, the writer gave ``expected``; keep ``value``.

    ``path`` is stated on the normal form (every property value a list);
    ``expected`` and ``value`` are stored as they appear in the documents.
    ``holder`` is the id of the node the operation changes, as the writer and
    the source had it: after an edit that shifts a list (an outcome inserted),
    an operation applies only to the node it was made for.
    """

    kind: str
    path: Path
    expected: Any = None
    value: Any = None
    holder: tuple[str, str | None] | None = None

    def to_json(self) -> list[Any]:
        """A compact JSON form: ``[kind, path, expected, value, holder]``."""
        holder = list(self.holder) if self.holder is not None else None
        return [self.kind, list(self.path), self.expected, self.value, holder]

    @classmethod
    def from_json(cls, data: Any) -> PatchOp:
        """The inverse of :meth:`to_json`."""
        kind, path, expected, value, holder = data
        guard = (holder[0], holder[1]) if holder is not None else None
        return cls(kind, tuple(path), expected, value, guard)


@dataclass(frozen=True, slots=True)
class EdcPatch:
    """The operations that turn the writer's output into the source document.

    A patch made by the reader also remembers, in memory only, the writer's
    output at read time and the source (as JSON bytes, so later edits to
    either dict cannot leak in): an Award written back unchanged then gives
    the source directly, with no operation to replay.
    """

    ops: tuple[PatchOp, ...] = ()
    base: Any = field(default=None, compare=False, repr=False)
    source: bytes | None = field(default=None, compare=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.ops)

    def shortcut(self, fresh: Any) -> Any:
        """A copy of the source if ``fresh`` equals the writer's output at read
        time (the Award is unchanged), else None."""
        if self.source is None or self.base is None or fresh != self.base:
            return None
        return orjson.loads(self.source)

    @property
    def has_proofs(self) -> bool:
        """Whether the patch puts back a Data Integrity ``proof``."""
        return any(op.path[:1] == ("proof",) for op in self.ops)

    def without_proofs(self) -> EdcPatch:
        """The same patch without the credential's proofs, for an Award that was
        edited after reading a signed credential (sign the result again)."""
        ops = tuple(op for op in self.ops if op.path[:1] != ("proof",))
        return EdcPatch(ops, self.base, None)

    def to_json(self) -> list[Any]:
        """JSON-ready list of operations (see :meth:`from_json`)."""
        return [op.to_json() for op in self.ops]

    @classmethod
    def from_json(cls, data: Any) -> EdcPatch:
        """Rebuild a patch stored with :meth:`to_json`."""
        return cls(tuple(PatchOp.from_json(item) for item in data or ()))


def normalise(value: Any) -> Any:
    """Every object property as a list, so ``x`` and ``[x]`` compare equal."""
    if isinstance(value, dict):
        return {
            key: [normalise(item) for item in item_list(child)]
            for key, child in value.items()
        }
    return value


def item_list(value: Any) -> list[Any]:
    """``value`` as a JSON-LD set: a list stays, anything else becomes ``[value]``."""
    return value if isinstance(value, list) else [value]


def denormalise(value: Any) -> Any:
    """Back from the normal form, EU style: a single value is written bare."""
    if isinstance(value, dict):
        return {
            key: denormalise(items[0])
            if len(items) == 1
            else [denormalise(item) for item in items]
            for key, items in value.items()
        }
    return value


def diff(base: Any, target: Any) -> EdcPatch:
    """The patch that turns ``base`` into ``target``.

    Both are plain EDC JSON (either form); the operations are stated on the
    normal form. Equal subtrees are skipped by one C-level comparison, and only
    the values an operation stores are normalised, so a nearly equal pair
    costs little.
    """
    ops: list[PatchOp] = []
    if base != target:
        _diff_value(base, target, (), ops)
    return EdcPatch(tuple(ops))


def _diff_value(base: Any, target: Any, path: Path, ops: list[PatchOp]) -> None:
    if isinstance(base, dict) and isinstance(target, dict):
        node_id = base.get("id")
        holder = (node_id, target.get("id")) if isinstance(node_id, str) else None
        for key, value in target.items():
            if key not in base:
                ops.append(PatchOp(ADD, (*path, key), None, value, holder))
            elif base[key] != value:
                _diff_items(
                    item_list(base[key]), item_list(value), (*path, key), ops, holder
                )
        for key, value in base.items():
            if key not in target:
                ops.append(PatchOp(REMOVE, (*path, key), value, None, holder))
    elif base != target or type(base) is not type(target):
        ops.append(PatchOp(REPLACE, path, base, target))


def _items(value: Any) -> list[Any]:
    return [normalise(item) for item in item_list(value)]


def _diff_items(
    base: list[Any],
    target: list[Any],
    path: Path,
    ops: list[PatchOp],
    holder: tuple[str, str | None] | None,
) -> None:
    # Items are aligned by position: the reader keeps the source order, so an
    # untouched document aligns exactly.
    shared = min(len(base), len(target))
    for index in range(shared):
        if base[index] != target[index]:
            _diff_value(base[index], target[index], (*path, index), ops)
    ops.extend(
        PatchOp(ADD, (*path, index), None, target[index], holder)
        for index in range(shared, len(target))
    )
    ops.extend(
        PatchOp(REMOVE, (*path, index), base[index], None, holder)
        for index in reversed(range(shared, len(base)))
    )


_MISSING = object()


def apply_patch(document: Any, patch: EdcPatch) -> tuple[Any, list[PatchOp]]:
    """Apply ``patch`` to ``document`` in place; the document stays in EU form.

    Paths are read in the normal form (index 0 of a bare value is the value);
    values the patch inserts are written back bare when single. ``document``
    must not share sub-objects (the writer's output does: pass a copy).

    Returns the document and the operations that no longer fit because the
    domain data changed there (the domain value wins; the caller may report them).
    """
    skipped: list[PatchOp] = []
    # Many operations share a holder (five properties added to one issuer):
    # holders found are remembered until an operation reshapes the tree.
    holders: dict[Path, Any] = {}
    for op in patch.ops:
        if not _apply_op(document, op, holders):
            skipped.append(op)
        elif op.kind == REMOVE or (
            op.kind == REPLACE and isinstance(op.value, dict | list)
        ):
            holders.clear()
    return document, skipped


def _apply_op(document: Any, op: PatchOp, holders: dict[Path, Any]) -> bool:
    if not op.path:
        return False
    last = op.path[-1]
    prefix = op.path[:-1] if isinstance(last, str) else op.path[:-2]
    holder = holders.get(prefix, _MISSING)
    if holder is _MISSING:
        holder = holders[prefix] = _locate(document, prefix)
    if op.holder is not None and (
        not isinstance(holder, dict) or holder.get("id") not in op.holder
    ):
        return False
    if isinstance(last, str):
        return _apply_to_key(holder, last, op)
    key = op.path[-2]
    if not isinstance(holder, dict) or not isinstance(key, str):
        return False
    return _apply_to_item(holder, key, last, op)


def _apply_to_key(holder: Any, key: str, op: PatchOp) -> bool:
    if not isinstance(holder, dict):
        return False
    if op.kind == ADD:
        if key in holder:
            return False
        holder[key] = _copy(op.value)
        return True
    if key not in holder or _items(holder[key]) != _items(op.expected):
        return False
    if op.kind == REMOVE:
        del holder[key]
    else:
        holder[key] = _copy(op.value)
    return True


def _apply_to_item(holder: dict[str, Any], key: str, index: int, op: PatchOp) -> bool:
    raw = holder.get(key, _MISSING)
    items = raw if isinstance(raw, list) else ([] if raw is _MISSING else [raw])
    if op.kind == ADD:
        if index != len(items):
            return False
        items = [*items, _copy(op.value)]
    else:
        if index >= len(items) or normalise(items[index]) != normalise(op.expected):
            return False
        items = list(items)
        if op.kind == REMOVE:
            del items[index]
        else:
            items[index] = _copy(op.value)
    if not items:
        holder.pop(key, None)
    elif isinstance(raw, list) or len(items) > 1:
        holder[key] = items
    else:
        holder[key] = items[0]
    return True


def _copy(value: Any) -> Any:
    # The output must not share objects with the patch (callers may edit it).
    if isinstance(value, dict | list):
        return orjson.loads(orjson.dumps(value))
    return value


def _locate(document: Any, path: Path) -> Any:
    # ``path`` alternates keys and indexes (the normal form); a bare value
    # stands for a one-item list.
    node = document
    for step in path:
        if isinstance(step, str):
            node = node.get(step, _MISSING) if isinstance(node, dict) else _MISSING
        elif isinstance(node, list):
            node = node[step] if 0 <= step < len(node) else _MISSING
        elif step != 0:
            node = _MISSING
        if node is _MISSING:
            return _MISSING
    return node
