"""Open Badges 3.0: export an award as an ``OpenBadgeCredential``, check and read one.

- :func:`to_ob3` writes an unsigned OB 3.0 credential (VC 2.0 form) with EQF and
  ESCO alignments, ECTS as ``creditsAvailable`` and per-outcome results.
- :func:`check_ob3` / :func:`ob3_schema_issues` validate against 1EdTech's
  AchievementCredential JSON Schema that the caller passes as ``schema=`` (not
  bundled; needs ``microcred[ob3]``), or, without it, run microcred's own check of
  the OB 3.0 required fields.
- :func:`from_ob3` reads an OB 3.0 credential back into the fields microcred
  models, keeping every other value in ``Ob3Reading.extra``.
"""

from microcred.ob3._export import (
    EQF_TARGET_TYPE,
    ESCO_OCCUPATION_TARGET_TYPE,
    ESCO_SKILL_TARGET_TYPE,
    OB3_CONTEXT,
    VC2_CONTEXT,
    to_ob3,
)
from microcred.ob3._read import Ob3Outcome, Ob3Reading, from_ob3
from microcred.ob3._schema import (
    SCHEMA_ID,
    SCHEMA_URL,
    Schema,
    SchemaIssue,
    check_ob3,
    ob3_schema_issues,
)

__all__ = [
    "EQF_TARGET_TYPE",
    "ESCO_OCCUPATION_TARGET_TYPE",
    "ESCO_SKILL_TARGET_TYPE",
    "OB3_CONTEXT",
    "SCHEMA_ID",
    "SCHEMA_URL",
    "VC2_CONTEXT",
    "Ob3Outcome",
    "Ob3Reading",
    "Schema",
    "SchemaIssue",
    "check_ob3",
    "from_ob3",
    "ob3_schema_issues",
    "to_ob3",
]
