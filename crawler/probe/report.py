"""The probe's findings for people (a short plain-text report) and for machines (one JSON object)."""

from __future__ import annotations

from typing import Any

from crawler.probe.entry import Entry
from crawler.probe.findings import Column, Probe, Sample
from crawler.probe.pages import BLOCKED, ERROR, NOT_HTML

MAX_TITLE = 40
# Flags that say how extraction went, not that anything is doubtful: left out of the report's sample lines.
QUIET_FLAGS = ("body_by_", "date_only")


def _short(text: str | None, limit: int = MAX_TITLE) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _sample_line(sample: Sample) -> str:
    if not sample.ok:
        return f"      ✗ {_short(sample.list_title or sample.url)}  — {sample.problem}"
    # A date without a time of day (the page gave none) is shown as a date, not as midnight.
    when = (sample.published_at or "")[:16].replace("T", " ") or sample.published_date or "no date"
    shown = [f for f in sample.flags if not f.startswith(QUIET_FLAGS)]
    flags = f"; {', '.join(shown)}" if shown else ""
    return f"      {when}  {_short(sample.title)}  (score {sample.score:.2f}, {sample.body_chars} chars{flags})"


def _pager(column: Column) -> str:
    if column.next_page is None:
        return "no next page found (one page, or a pager the reader does not know)"
    if column.next_problem:
        return f"next page {column.next_page} — {column.next_problem}"
    if column.next_entries is None:
        return f"next page {column.next_page} (not read)"
    verdict = "ok" if column.pager_ok else "shows no new entries"
    return f"next page {column.next_page}: {column.next_entries} new entries, {verdict}"


def _column_lines(column: Column) -> list[str]:
    mark = "✓" if column.usable else "✗"
    lines = [f"  {mark} {column.label or '(untitled)'}  {column.url}"]
    if column.problem:
        return [*lines, f"      {column.problem}"]
    dates = [e.date for e in column.entries if e.date]
    newest = f", newest {max(dates).isoformat()}" if dates else ""
    lines.append(
        f"      {column.family or 'unknown CMS'}, {len(column.entries)} entries "
        f"({column.dated} dated{newest}); {_pager(column)}"
    )
    if column.selector:
        lines.append(f"      list rows: {column.selector}")
    if column.api:
        lines.append(f"      rows from the list API: {column.api['method']} {column.api['url']}")
    lines += [_sample_line(s) for s in column.samples]
    if not column.usable:
        lines.append("      no sample article came through the pipeline")
    return lines


def render(probe: Probe, entry: Entry | None = None, written: str | None = None) -> str:
    """The report a person reads: what the page is, the columns, samples, and the registry entry."""
    verdict = probe.verdict
    head = [f"probe {probe.url}"]
    if probe.final_url and probe.final_url != probe.url:
        head.append(f"  redirected to {probe.final_url}")
    if verdict is None:
        return "\n".join([*head, "  no answer"])
    head.append(f"  {verdict.kind.upper()}: {verdict.reason}")
    if probe.site_name and verdict.kind not in (ERROR, BLOCKED, NOT_HTML):
        head.append(f"  site: {probe.site_name}; CMS family: {probe.site_family() or 'unknown'}")
    blocked = ", ".join(f"{k} ×{n}" for k, n in sorted(probe.blocked.items())) or "none"
    head.append(f"  pages fetched: {probe.fetched}; blocked answers: {blocked}")
    if not verdict.is_portal:
        if probe.crumb:
            head.append(f"  its breadcrumb names the column {probe.crumb[0]}: probe {probe.crumb[1]}")
        for column in probe.columns:  # a JS-rendered page's list API request that gave no rows
            head += _column_lines(column)
        head.append("  not a portal page: nothing to write")
        return "\n".join(head)
    found = [c for c in probe.columns if c.is_column]
    lines = [
        *head,
        f"  columns: {len(probe.usable)} usable of {len(found)} lists among {len(probe.columns)} candidates",
    ]
    for column in sorted(probe.columns, key=lambda c: (not c.usable, not c.is_column, -c.score)):
        lines += _column_lines(column)
    if entry is not None:
        saved = f"written to {written}" if written else "(--write NAME saves it)"
        lines.append(f"  registry entry {saved}:")
        lines += [f"    {k}: {v}" for k, v in entry.data.items()]
        lines += [f"    note: {n}" for n in entry.notes]
    if not probe.usable:
        lines.append("  no usable news column found: nothing to write")
    return "\n".join(lines)


def as_json(probe: Probe, entry: Entry | None = None, written: str | None = None) -> dict[str, Any]:
    """The same findings as one JSON object (for scripts and tests)."""
    verdict = probe.verdict
    return {
        "url": probe.url,
        "final_url": probe.final_url,
        "kind": verdict.kind if verdict else None,
        "reason": verdict.reason if verdict else None,
        "ok": probe.ok,
        "site_name": probe.site_name,
        "family": probe.site_family(),
        "fetched": probe.fetched,
        "blocked": dict(probe.blocked),
        "breadcrumb": list(probe.crumb) if probe.crumb else None,
        "columns": [
            {
                "url": c.url,
                "label": c.label,
                "found_by": c.how,
                "family": c.family,
                "is_column": c.is_column,
                "usable": c.usable,
                "problem": c.problem,
                "entries": len(c.entries),
                "dated": c.dated,
                "next_page": c.next_page,
                "next_entries": c.next_entries,
                "pager_ok": c.pager_ok,
                "api": c.api,
                "selector": c.selector,
                "samples": [
                    {
                        "url": s.url,
                        "list_title": s.list_title,
                        "list_date": s.list_date,
                        "title": s.title,
                        "published_date": s.published_date,
                        "published_at": s.published_at,
                        "score": s.score,
                        "body_chars": s.body_chars,
                        "problem": s.problem,
                    }
                    for s in c.samples
                ],
            }
            for c in probe.columns
        ],
        "entry": entry.data if entry else None,
        "notes": entry.notes if entry else [],
        "written": written,
    }
