"""Rules about healthlint's own markup in the article. The engine reports them; they have no
check() of their own because only the engine knows which suppressions were used."""
from __future__ import annotations

from ..finding import Severity
from .base import Rule, RuleDocs

UNUSED_SUPPRESSION = Rule(
    code="HL001",
    name="unused-suppression",
    # Categories are fixed; a stale healthlint comment is leftover markup, like other residue.
    category="boilerplate",
    severity=Severity.WARNING,
    summary="A healthlint-disable comment that suppresses nothing, or names an unknown rule.",
    scope="document",
    docs=RuleDocs(
        what=(
            "Reports `<!-- healthlint-disable ... -->` comments (and the `-next-line` and `-file` forms) "
            "that suppressed no finding in this run, or that name a rule code healthlint does not know."
        ),
        why=(
            "A suppression should document a deliberate exception. Once the text it excused is edited, a "
            "stale comment silently hides the next real problem in that place, the way ruff's RUF100 and "
            "ESLint's --report-unused-disable-directives warn. Editors auditing a page for HONcode or FTC "
            "compliance need to trust that every exception is still needed."
        ),
        example=(
            "<!-- healthlint-disable-next-line HL101 -->\n"
            "Talk to your doctor about which treatment suits you."
        ),
        instead="Delete the comment, or move it next to the finding it is meant to excuse.",
    ),
)

RULES = [UNUSED_SUPPRESSION]
