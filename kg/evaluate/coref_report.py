"""The coreference scores as a plain-text report."""

from __future__ import annotations

from kg.evaluate.coref import SCOPES, TARGET_TYPES, TYPES, ClusterError, CorefReport

__all__ = ["format_coref_report"]


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _error_lines(title: str, errors: list[ClusterError], limit: int) -> list[str]:
    lines = [f"  {title}: {len(errors)}"]
    for error in errors[:limit]:
        lines.append(f"    -{error.loss:.1f}  {error.label}, {error.mentions} mentions")
        for part in error.parts:
            texts = " / ".join(part.texts)
            lines.append(f"          {part.mentions:>3} × {part.label}  [{texts}]")
    return lines


def format_coref_report(report: CorefReport, details: bool = False, limit: int = 12) -> str:
    """A plain-text table of B-cubed scores and coverage, optionally with the worst errors."""
    header = (
        f"{'type':<14}{'scope':<8}{'P':>8}{'R':>8}{'F1':>8}"
        f"{'aligned':>9}{'gold':>7}{'pred':>7}{'gold-cl':>9}{'pred-cl':>9}"
    )
    lines = [
        f"factRuEval-2016 coreference, B-cubed over aligned mentions: {report.documents} documents",
        header,
        "-" * len(header),
    ]
    for kind in TYPES:
        for scope in SCOPES:
            s = report.scores[kind, scope]
            lines.append(
                f"{kind:<14}{scope:<8}{s.precision:>8.4f}{s.recall:>8.4f}{s.f1:>8.4f}"
                f"{s.aligned:>9}{s.gold:>7}{s.predicted:>7}"
                f"{s.gold_clusters:>9}{s.predicted_clusters:>9}"
            )
    lines += ["", "coverage (not in B-cubed):"]
    for kind in TYPES:
        s = report.scores[kind, "within"]
        note = "" if kind in TARGET_TYPES else "  (reported, no target)"
        lines.append(
            f"  {kind:<14}gold aligned {s.aligned}/{s.gold} ({_share(s.aligned, s.gold)}), "
            f"predicted aligned {s.aligned}/{s.predicted} ({_share(s.aligned, s.predicted)})"
            f"{note}"
        )
    if report.unknown_documents:
        lines.append(
            f"predictions for documents outside the gold set: {len(report.unknown_documents)}"
        )
    if not details:
        return "\n".join(lines)
    for kind in TYPES:
        for scope in SCOPES:
            s = report.scores[kind, scope]
            lines += ["", f"{kind}, {scope}: P {s.precision:.4f} R {s.recall:.4f}"]
            lines += _error_lines(
                "predicted clusters joining several gold entities (loss in mentions)",
                s.merges,
                limit,
            )
            lines += _error_lines(
                "gold entities split over several predicted keys (loss in mentions)",
                s.splits,
                limit,
            )
        for title, counts in (
            ("gold mentions not recognised", report.missed.get(kind, [])),
            ("predicted mentions with no gold mention", report.spurious.get(kind, [])),
        ):
            shown = ", ".join(f"{text} ×{n}" if n > 1 else text for text, n in counts[: limit * 2])
            lines += ["", f"{kind}: {title}: {shown or '-'}"]
    return "\n".join(lines)
