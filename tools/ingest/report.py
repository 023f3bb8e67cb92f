"""The ingest report: what a run made of the sources, for a contributor reviewing a PR.

It answers the questions a reviewer asks of a pull request that adds sources: which
documents exist now, which copies were merged into one (and how alike they were), who the
rules found that the registry does not know yet, which concepts no text discusses, which
sources gave no document of their own, and what the loader had to repair. The same
:class:`Report` is printed by the command line (:func:`render_text`) and written as a page
of the site (:func:`render_page`). Pure: records in, text out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .dedupe import Match
from .escape import escape_inline
from .pages import page_path, relative
from .records import CleanSource, Linked, Origin, Post

PAGE = "documents/report.md"


@dataclass(frozen=True)
class Merge:
    kept: Origin  # the canonical copy
    merged: Origin
    relation: str  # "exact", "near" or "excerpt"
    score: float


@dataclass(frozen=True)
class Newcomer:
    id: str
    name: str
    passages: tuple[str, ...]  # "path:line: passage"


@dataclass(frozen=True)
class Report:
    sources: int
    posts: int
    documents: tuple[tuple[str, str, str], ...]  # (id, kind, title)
    merges: tuple[Merge, ...]
    newcomers: tuple[Newcomer, ...]
    idle_concepts: tuple[str, ...]  # concept terms no document discusses
    sourceless: tuple[str, ...]  # sources whose every post was merged into another copy
    empty: tuple[str, ...]  # sources that produced no post at all
    warnings: tuple[str, ...]  # "path: warning", the path relative to the sources folder
    removed: tuple[tuple[str, int], ...]  # (why, how many lines) dropped by the rules
    masked: int = 0  # e-mail addresses and phone numbers not republished


def make_report(
    cleaned: Sequence[CleanSource],
    posts: Sequence[Post],
    matches: Sequence[Match],
    linked: Linked,
) -> Report:
    """Gather the report from what the stages made."""
    canonical = {d.origins[0] for d in linked.documents}
    merges = []
    for match in matches:
        kept, merged = (match.a, match.b) if match.b not in canonical else (match.b, match.a)
        merges.append(Merge(kept, merged, match.relation, match.score))
    posted = {p.source for p in posts}
    owning = {d.origins[0].source for d in linked.documents}
    removed = Counter(b.label or "other" for c in cleaned for b in c.removed)
    return Report(
        sources=len(cleaned),
        posts=len(posts),
        documents=tuple(
            (d.id, d.kind, d.title) for d in sorted(linked.documents, key=lambda d: d.id)
        ),
        merges=tuple(
            sorted(
                merges, key=lambda m: (m.kept.source, m.kept.lines, m.merged.source, m.merged.lines)
            )
        ),
        newcomers=tuple(
            Newcomer(
                p.id,
                p.name,
                tuple(dict.fromkeys(f"{e.source}:{e.line}: {e.text}" for e in p.passages)),
            )
            for p in sorted(linked.people, key=lambda p: p.id)
            if not p.reviewed
        ),
        idle_concepts=tuple(sorted(c.term for c in linked.concepts if not c.documents)),
        sourceless=tuple(sorted(posted - owning)),
        empty=tuple(sorted(c.source.path for c in cleaned if c.source.path not in posted)),
        warnings=tuple(w for c in cleaned for w in c.source.warnings),
        removed=tuple(sorted(removed.items())),
        masked=sum(c.masked for c in cleaned),
    )


def _where(origin: Origin) -> str:
    return f"{origin.source}:{origin.lines[0]}-{origin.lines[1]}"


def render_text(report: Report) -> str:
    """The report as plain text for a terminal."""
    out = [
        f"{report.sources} sources -> {report.posts} posts -> "
        f"{len(report.documents)} documents ({len(report.merges)} copies merged)",
    ]
    for merge in report.merges:
        out.append(
            f"  merged {_where(merge.merged)} into {_where(merge.kept)} "
            f"({merge.relation}, {merge.score:.2f})"
        )
    if report.newcomers:
        out.append(
            f"{len(report.newcomers)} people found by the rules wait for review "
            "(accept one with: nox -s check -- --accept NAME)"
        )
        for person in report.newcomers:
            out.append(f"  {person.name} ({person.id})")
            out.extend(f"    {passage}" for passage in person.passages[:3])
    for label, items in (
        ("concepts no document discusses", report.idle_concepts),
        ("sources whose posts are all copies of posts found elsewhere", report.sourceless),
        ("sources that produced no document", report.empty),
        ("warnings", report.warnings),
    ):
        if items:
            out.append(f"{len(items)} {label}:")
            out.extend(f"  {item}" for item in items)
    if report.removed:
        out.append(
            "lines dropped by the cleaning rules: "
            + ", ".join(f"{count} {why}" for why, count in report.removed)
        )
    if report.masked:
        out.append(f"contact details masked (e-mail addresses, phone numbers): {report.masked}")
    return "\n".join(out) + "\n"


def render_page(report: Report) -> str:
    """The report as a MyST page of the site; every piece of source text is escaped."""
    here = PAGE

    def doc_link(doc_id: str, title: str) -> str:
        target = relative(here, page_path("document", doc_id))
        return f"[{escape_inline(title)}]({target})"

    def person_link(person_id: str, name: str) -> str:
        return f"[{escape_inline(name)}]({relative(here, page_path('person', person_id))})"

    out = [
        "# Ingest report",
        "",
        "What the pipeline made of the sources on the last build: read it when you review a",
        "pull request that adds sources.",
        "",
        f"- Sources read: {report.sources}",
        f"- Posts found: {report.posts}",
        f"- Documents: {len(report.documents)}",
        f"- Copies merged: {len(report.merges)}",
        f"- People waiting for review: {len(report.newcomers)}",
        f"- Contact details masked (e-mail addresses, phone numbers): {report.masked}",
        "",
        "## Merged copies",
        "",
    ]
    if report.merges:
        for merge in report.merges:
            out.append(
                f"- {escape_inline(_where(merge.merged))} merged into "
                f"{escape_inline(_where(merge.kept))} "
                f"({merge.relation}, similarity {merge.score:.2f})"
            )
    else:
        out.append("No post was found twice.")
    out += ["", "## People waiting for review", ""]
    if report.newcomers:
        for person in report.newcomers:
            out.append(f"- {person_link(person.id, person.name)}")
            out.extend(f"  - {escape_inline(p)}" for p in person.passages[:3])
    else:
        out.append("Every person the rules found is in the registry.")
    for heading, items in (
        ("Concepts no document discusses", report.idle_concepts),
        ("Sources whose posts were all merged into copies found elsewhere", report.sourceless),
        ("Sources that produced no document", report.empty),
        ("Warnings", report.warnings),
    ):
        out += ["", f"## {heading}", ""]
        out += [f"- {escape_inline(item)}" for item in items] or ["None."]
    out += ["", "## Documents", ""]
    out += [f"- {doc_link(i, t)} ({kind})" for i, kind, t in report.documents]
    if report.removed:
        out += ["", "## Lines dropped by the cleaning rules", ""]
        out += [f"- {escape_inline(why)}: {count}" for why, count in report.removed]
    return "\n".join(out) + "\n"
