"""Node identifiers: stable, derived from the Award, never random.

Two kinds of node need an ``id`` (ELM gives every node one, and the shapes
merge nodes that share one, so one id must mean one object):

* nodes that stand for a model object with an id of its own (the learner, an
  organisation, the micro-credential, a learning outcome, evidence): the model
  id when it is already an absolute IRI, else ``urn:microcred:<kind>:<id>``
  (percent-encoded), which the reader turns back into the model id;
* nodes with no model id (addresses, notes, display parameters, ...):
  ``<credential id>#<kind>-<n>``, numbered in writing order. The reader uses
  ``<kind>`` to tell apart notes whose meaning ELM does not type.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

__all__ = ["NodeIds", "entity_id", "model_id", "node_kind"]

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_PREFIX = "urn:microcred:"


def entity_id(kind: str, identifier: str) -> str:
    """The node id for a model object whose id is ``identifier``."""
    if _ABSOLUTE_IRI.match(identifier):
        return identifier
    return f"{_PREFIX}{kind}:{quote(identifier, safe='')}"


def model_id(kind: str, node_id: str) -> str:
    """The inverse of :func:`entity_id`."""
    prefix = f"{_PREFIX}{kind}:"
    if node_id.startswith(prefix):
        return unquote(node_id.removeprefix(prefix))
    return node_id


def node_kind(node_id: object) -> str | None:
    """The ``<kind>`` of a derived id ``...#<kind>-<n>``, else None."""
    if not isinstance(node_id, str) or "#" not in node_id:
        return None
    fragment = node_id.rsplit("#", 1)[1]
    kind, _, number = fragment.rpartition("-")
    return kind if kind and number.isdigit() else None


class NodeIds:
    """Hands out ``<credential id>#<kind>-<n>`` in a fixed order."""

    __slots__ = ("_base", "_counts")

    def __init__(self, credential_id: str) -> None:
        self._base = credential_id
        self._counts: dict[str, int] = {}

    def new(self, kind: str) -> str:
        """The next id of this kind."""
        count = self._counts.get(kind, 0) + 1
        self._counts[kind] = count
        return f"{self._base}#{kind}-{count}"
