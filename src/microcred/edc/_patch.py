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

from dataclasses import dataclass
from typing import Any

__all__ = ["EdcPatch", "PatchOp", "apply_patch", "denormalise", "diff", "normalise"]

Path = tuple[str | int, ...]

#: Operation kinds, as stored in JSON.
ADD, REMOVE, REPLACE = "add", "remove", "replace"


@dataclass(frozen=True, slots=True)
class PatchOp:
    """One difference: at ``path``, the writer gave ``expected``; keep ``value``."""

    kind: str
    path: Path
    expected: Any = None
    value: Any = None

    def to_json(self) -> list[Any]:
        """A compact JSON form: ``[kind, path, expected, value]``."""
        return [self.kind, list(self.path), self.expected, self.value]

    @classmethod
    def from_json(cls, data: Any) -> PatchOp:
        """The inverse of :meth:`to_json`."""
        kind, path, expected, value = data
        return cls(kind, tuple(path), expected, value)


@dataclass(frozen=True, slots=True)
class EdcPatch:
    """The operations that turn the writer's output into the source document."""

    ops: tuple[PatchOp, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.ops)

    def to_json(self) -> list[Any]:
        """JSON-ready list of operations (stored on ``Award.extra``)."""
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
    """The patch that turns ``base`` into ``target`` (both in normal form)."""
    ops: list[PatchOp] = []
    _diff_value(base, target, (), ops)
    return EdcPatch(tuple(ops))


def _diff_value(base: Any, target: Any, path: Path, ops: list[PatchOp]) -> None:
    if isinstance(base, dict) and isinstance(target, dict):
        for key, items in target.items():
            if key not in base:
                ops.append(PatchOp(ADD, (*path, key), None, items))
            else:
                _diff_items(base[key], items, (*path, key), ops)
        for key, items in base.items():
            if key not in target:
                ops.append(PatchOp(REMOVE, (*path, key), items, None))
    elif base != target or type(base) is not type(target):
        ops.append(PatchOp(REPLACE, path, base, target))


def _diff_items(
    base: list[Any], target: list[Any], path: Path, ops: list[PatchOp]
) -> None:
    # Items are aligned by position: the reader keeps the source order, so an
    # untouched document aligns exactly.
    shared = min(len(base), len(target))
    for index in range(shared):
        _diff_value(base[index], target[index], (*path, index), ops)
    ops.extend(
        PatchOp(ADD, (*path, index), None, target[index])
        for index in range(shared, len(target))
    )
    ops.extend(
        PatchOp(REMOVE, (*path, index), base[index], None)
        for index in reversed(range(shared, len(base)))
    )


_MISSING = object()


def apply_patch(document: Any, patch: EdcPatch) -> tuple[Any, list[PatchOp]]:
    """Apply ``patch`` to ``document`` (normal form, changed in place).

    Returns the document and the operations that no longer fit because the
    domain data changed there (the domain value wins; the caller may report them).
    """
    skipped = [op for op in patch.ops if not _apply_op(document, op)]
    return document, skipped


def _apply_op(document: Any, op: PatchOp) -> bool:
    if not op.path:
        return False
    parent = _locate(document, op.path[:-1])
    last = op.path[-1]
    current = _child(parent, last)
    if op.kind == ADD:
        return _add(parent, last, current, op.value)
    if current is _MISSING or current != op.expected:
        return False
    if op.kind == REPLACE:
        parent[last] = op.value
    else:
        del parent[last]
    return True


def _add(parent: Any, last: str | int, current: Any, value: Any) -> bool:
    if current is not _MISSING:
        return False
    if isinstance(parent, dict) and isinstance(last, str):
        parent[last] = value
        return True
    if isinstance(parent, list) and last == len(parent):
        parent.append(value)
        return True
    return False


def _locate(document: Any, path: Path) -> Any:
    node = document
    for step in path:
        node = _child(node, step)
        if node is _MISSING:
            return _MISSING
    return node


def _child(node: Any, step: str | int) -> Any:
    if isinstance(step, int):
        if isinstance(node, list) and 0 <= step < len(node):
            return node[step]
        return _MISSING
    if isinstance(node, dict):
        return node.get(step, _MISSING)
    return _MISSING
