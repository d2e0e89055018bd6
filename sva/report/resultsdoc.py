"""``docs/results.md``: the committed run's results as Markdown, computed from its rows alone.

The README used to carry these tables copied by hand, so every new run left them stale. Here they
are a pure function of the result rows: :func:`render_results` takes the rows of one run (with
each row's ``program`` key, :func:`sva.results.programs.with_programs`) and returns the text;
``sva report`` writes it as ``results.md`` beside the report, and ``make results-doc`` copies the
committed run's (``runs/default``) to ``docs/results.md``. A test compares the two.

What it holds, each part with a sentence whose every number comes from the rows:

1. a header naming the run: preset, cells (done, failed), distinct programs, seeds,
   ``finished_at`` and the versions the rows recorded;
2. the claims: the tally (:func:`sva.report.notes.claims_summary`) and each claim's result in one
   line, the confirmatory ones marked, overall and (where the claim has data) per family
   (:func:`sva.results.headline.line`);
3. design against search per family, one row per spec: medians of decomposability D, explanation
   length E, localization, mutation score, held-out and shift pass rates, and counts of verified,
   trusted and solved cells (``k/n``: k of the n cells that have the value);
4. the run's other tables as the report has them (:func:`sva.report.tables.family_sections`, the
   specs' training share, comprehensibility within each generator), without their figures, each
   after a sentence counting what it holds: its rows and specs, the sums of its ``... artifacts``
   columns, and for the within-generator table how the tested relations were called.

Worked example of a row in part 3: a spec whose design artifact has D = 0.7333 and whose eleven
search cells all have D = 0 reads ``0.73 / 0``; eleven search cells of which nine solved training
read ``9/11`` under "search solved".

Deterministic: the rows are put in one order first (registry order of the specs, design before
search, then seed), so the same rows in any order give byte-identical text; nothing reads a clock.
"""

from __future__ import annotations

from pathlib import Path
from statistics import median
from typing import Any, Iterable, Mapping, Sequence

from sva.core.family import Section
from sva.report.notes import claims_summary, specs_section, within_section
from sva.report.tables import family_sections, fmt, spec_order, summarize_run
from sva.results.order import canonical_order
from sva.results.claims import evaluate_claims, tally
from sva.results.headline import claim_headlines, line
from sva.results.programs import with_programs
from sva.results.samples import distinct, done_rows, values
from sva.results.store import latest_run, load_rows

__all__ = ["MEDIAN_METRICS", "COUNT_METRICS", "render_results", "results_doc"]

#: Part 3's medians, design / search (field names of :mod:`sva.results.fields`).
MEDIAN_METRICS: tuple[str, ...] = ("decomposability", "explanation_length", "localization", "mutation_score",
                                   "held_out_pass_rate", "shift_pass_rate")
#: Part 3's yes/no fields, counted ``k/n`` for design / search.
COUNT_METRICS: tuple[str, ...] = ("verified", "trusted")
_HEAD = ("spec", "D design / search", "E design / search", "localization design / search",
         "mutation score design / search", "held-out design / search", "shift design / search",
         "verified design / search", "trusted design / search", "search solved")


def _cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(head: Sequence[str], body: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return lines + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in body] + [""]


def _header(rows: Sequence[Mapping[str, Any]], preset: str | None) -> list[str]:
    s = summarize_run(rows)
    seeds = f"{s.seeds[0]}-{s.seeds[-1]}" if len(s.seeds) > 1 else ", ".join(map(str, s.seeds)) or "-"
    programs = len(distinct(done_rows(rows)))
    return ["# Results of the committed run", "",
            "Written by `sva report` from the rows of one results database (`make results-doc` writes this file "
            "from `runs/default/results.sqlite`; never edit it by hand). "
            f"Preset {preset or '-'}: {s.cells} cells ({s.done} done, {s.failed} failed) holding {programs} distinct "
            f"programs, {len(s.specs)} specs, generators {', '.join(s.generators)}, seeds {seeds}; finished at "
            f"{s.finished_at or '-'}.", "",
            "Versions: " + ("; ".join(f"{name} {version}" for name, version in s.versions) or "-") + ".", ""]


def _claims(results: Sequence[Any]) -> list[str]:
    lines = ["## The claims, judged within specs", "", claims_summary(results, tally(results)), ""]
    for result in results:
        found = claim_headlines(result)
        mark = "**Confirmatory.** " if found[0].confirmatory else ""
        lines.append(f"- {mark}{line(found[0])}")
        if result.verdict != "no data":
            lines += [f"  - {line(scoped)}" for scoped in found[1:]]
    return lines + ["", "`sva claims --results runs/default --all` prints each claim's full sentence and rule.", ""]


def _median(rows: Sequence[Mapping[str, Any]], metric: str) -> str:
    found = values(rows, metric)
    return fmt(median(found), 2) if found else "-"


def _count(rows: Sequence[Mapping[str, Any]], metric: str) -> str:
    found = values(rows, metric)
    return f"{int(sum(found))}/{len(found)}" if found else "-"


def _sides(rows: Sequence[Mapping[str, Any]], spec: str) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
    mine = [row for row in rows if row["spec"] == spec]
    return ([row for row in mine if row["generator"] == "design"], [row for row in mine if row["generator"] == "search"])


def _spec_row(rows: Sequence[Mapping[str, Any]], spec: str) -> list[str]:
    design, search = _sides(rows, spec)
    return [spec, *(f"{_median(design, m)} / {_median(search, m)}" for m in MEDIAN_METRICS),
            *(f"{_count(design, m)} / {_count(search, m)}" for m in COUNT_METRICS), _count(search, "search_success")]


def _ahead(rows: Sequence[Mapping[str, Any]], specs: Sequence[str], metric: str, higher: bool) -> tuple[int, int, int]:
    """(specs where design's median is better, equal, measured on both sides) for ``metric``."""
    better = equal = measured = 0
    for spec in specs:
        design, search = (values(side, metric) for side in _sides(rows, spec))
        if not design or not search:
            continue
        measured += 1
        d, s = median(design), median(search)
        equal += d == s
        better += (d > s) if higher else (d < s)
    return better, equal, measured


def _family_sentence(rows: Sequence[Mapping[str, Any]], family: str, specs: Sequence[str]) -> str:
    d, _, n_d = _ahead(rows, specs, "decomposability", True)
    e, _, n_e = _ahead(rows, specs, "explanation_length", False)
    h, h_equal, n_h = _ahead(rows, specs, "held_out_pass_rate", True)
    solved = values([row for row in rows if row["spec"] in specs and row["generator"] == "search"], "search_success")
    held = (f"; where held-out inputs exist ({n_h} specs) design's median pass rate is the higher on {h} and equal "
            f"on {h_equal}" if n_h else "; no spec has held-out inputs")
    return (f"Over the {len(specs)} {family} specs, design's median D is the higher on {d} of {n_d}, its median E "
            f"the shorter on {e} of {n_e}{held}; search solved its training cases in {int(sum(solved))} of "
            f"{len(solved)} runs.")


def _comparison(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    lines = ["## Design against search, per spec", "",
             "Medians over each generator's cells (design runs once per spec: it is deterministic); D = "
             "decomposability (higher: more parts), E = explanation length in tokens (lower: shorter), held-out and "
             "shift = pass rates on inputs search never saw and beyond the training distribution (higher is "
             "better); verified, trusted and search solved count cells k/n; '-': not measured.", ""]
    families = list(dict.fromkeys(str(row.get("family") or "-") for row in rows))
    for family in families:
        specs = spec_order(row["spec"] for row in rows if str(row.get("family") or "-") == family)
        lines += [f"### {family}", "", _family_sentence(rows, family, specs), ""]
        lines += _table(_HEAD, [_spec_row(rows, spec) for spec in specs])
    return lines


def _column(section: Section, name: str) -> list[Any]:
    index = section.head.index(name)
    return [row[index] for row in section.rows if len(row) > index]


def _calls(section: Section) -> list[str]:
    """How the tested relations of a within-spec table were called (``call`` where a rho exists)."""
    if "call" not in section.head or "within-spec rho" not in section.head:
        return []
    tested = [str(call) for call, rho in zip(_column(section, "call"), _column(section, "within-spec rho"))
              if rho is not None]
    calls = ", ".join(f"{tested.count(c)} {c}" for c in dict.fromkeys(tested))
    return [f"calls of the {len(tested)} tested: {calls or 'none'}; {len(section.rows) - len(tested)} not tested"]


def _summary(section: Section, known: set[str]) -> str:
    """A sentence on what ``section``'s rows hold: how many, over how many of the ``known`` specs, the
    sums of its ``... artifacts`` columns and the tally of a ``call`` column (no family named)."""
    specs = {row[0] for row in section.rows if row and row[0] in known}
    parts = [f"{len(section.rows)} rows" + (f" over {len(specs)} specs" if specs else "")]
    parts += [f"{sum(int(v) for v in _column(section, name) if isinstance(v, (int, float)))} {name} summed over specs"
              for name in section.head if name.endswith(" artifacts")]
    return "; ".join(parts + _calls(section))


def _section(section: Section, specs: set[str]) -> list[str]:
    lines = [f"## {section.title}", "", section.intro, "",
             f"Here: {_summary(section, specs)}." + (" The report draws its figures." if section.figures else ""), ""]
    return lines + _table(section.head, [[fmt(value) for value in row] for row in section.rows])


def render_results(rows: Sequence[Mapping[str, Any]], *, preset: str | None = None, seed: int = 0,
                   results: Sequence[Any] | None = None) -> str:
    """The Markdown of ``docs/results.md`` from the rows of one run (see the module docstring).
    ``results``: the claims' results already evaluated on these rows with ``seed`` (the report
    passes its own; :func:`~sva.results.claims.evaluate_claims` puts rows in one order first, so
    they are what this function would compute)."""
    ordered = canonical_order(rows)
    done = done_rows(ordered)
    results = evaluate_claims(done, seed=seed) if results is None else results
    lines = _header(ordered, preset) + _claims(results) + _comparison(done)
    tables = (specs_section(ordered), within_section(results), *family_sections(ordered))
    specs = {str(row["spec"]) for row in ordered}
    for section in tables:
        if section is not None and section.head:
            lines += _section(section, specs)
    return "\n".join(lines).rstrip("\n") + "\n"


def results_doc(results_dir: str | Path) -> str:
    """:func:`render_results` of the run stored in ``results_dir`` (its database and modules)."""
    folder = Path(results_dir)
    run = latest_run(folder)
    preset = str(run["preset"]) if run and run.get("preset") else None
    return render_results(with_programs(load_rows(folder), folder), preset=preset)
