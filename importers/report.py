"""What an import did, item by item: the report printed by the commands and shown to editors."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from importers.citations import CitationOutcome
from importers.footnotes import Reference


@dataclass
class ItemResult:
    """One item (a post, a file): what happened to it and why."""

    key: str
    label: str
    outcome: str  # "created", "updated", "skipped", "failed"
    reason: str = ""
    article_id: int | None = None
    parsed: list[Reference] = field(default_factory=list)
    left_as_text: list[Reference] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add_citations(self, outcome: CitationOutcome) -> None:
        self.parsed.extend(outcome.parsed)
        self.left_as_text.extend(outcome.left_as_text)


@dataclass
class ImportReport:
    items: list[ItemResult] = field(default_factory=list)

    def add(self, item: ItemResult) -> ItemResult:
        self.items.append(item)
        return item

    def count(self, outcome: str) -> int:
        return sum(1 for item in self.items if item.outcome == outcome)

    @property
    def citations_parsed(self) -> int:
        return sum(len(item.parsed) for item in self.items)

    @property
    def citations_left_as_text(self) -> int:
        return sum(len(item.left_as_text) for item in self.items)

    def summary(self) -> str:
        return _(
            "%(created)d created, %(updated)d updated, %(skipped)d skipped, %(failed)d failed; "
            "citations: %(parsed)d parsed, %(text)d left as text."
        ) % {
            "created": self.count("created"),
            "updated": self.count("updated"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "parsed": self.citations_parsed,
            "text": self.citations_left_as_text,
        }

    def lines(self) -> list[str]:
        """One line per item with its reason, then each reference left as text."""
        labels = {
            "created": _("created"),
            "updated": _("updated"),
            "skipped": _("skipped"),
            "failed": _("failed"),
        }
        out = []
        for item in self.items:
            line = f"{labels[item.outcome]}: {item.label}"
            out.append(f"{line} ({item.reason})" if item.reason else line)
            out.extend(f"  ! {warning}" for warning in item.warnings)
            for reference in item.left_as_text:
                out.append(
                    "  "
                    + _("[%(number)s] left as text: %(text)s — %(problem)s")
                    % {
                        "number": reference.number or "?",
                        "text": reference.text,
                        "problem": " ".join(reference.problems),
                    }
                )
        return out
