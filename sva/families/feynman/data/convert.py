"""Convert the AI Feynman database's three tables into ``equations.json``, the data the family loads.

Run once from the repository root after a table changes (the tables and their provenance:
``PROVENANCE.md`` beside this file)::

    .venv/bin/python sva/families/feynman/data/convert.py

It reads ``FeynmanEquations.csv`` (100 equations), ``BonusEquations.csv`` (20) and ``units.csv``
(one row per variable name: exponents over m, s, kg, T, V) and writes one record per equation:
its id (``Filename``), table, number, name (the bonus table's), output, formula text, variables
in the table's column order with their sampling range, and each quantity's unit as the units
table gives it (``null`` where the table has no row for the name). The checksums of the three
tables go in the header, so the family can tell which tables its data came from.

Two of the tables' quirks are resolved here, and checked rather than trusted:

* the ``# variables`` column is wrong on ten rows (I.18.12 says 2 for r, F, theta); the
  variables are the non-empty ``v<k>_name`` columns, and the parsed formula must use exactly
  those names (:func:`sva.families.feynman.formula.parse`, which never runs the text);
* blank rows (the bonus table ends in 271 of them) are skipped.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TABLES = ("FeynmanEquations.csv", "BonusEquations.csv")
UNITS = "units.csv"
OUT = HERE / "equations.json"
BASE = ("m", "s", "kg", "T", "V")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle) if (row.get("Filename") or "").strip()]


def _units(path: Path) -> dict[str, tuple[str, list[int]]]:
    return {row["Variable"].strip(): (row["Units"].strip(), [int(row[base]) for base in BASE])
            for row in _rows_units(path)}


def _rows_units(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle) if (row.get("Variable") or "").strip()]


def _number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


def _unit(units: dict[str, tuple[str, list[int]]], name: str) -> dict[str, Any]:
    found = units.get(name)
    return {"unit": found[0] if found else None, "units": found[1] if found else None}


def _record(row: dict[str, str], table: str, units: dict[str, tuple[str, list[int]]]) -> dict[str, Any]:
    from sva.families.feynman.formula import names_in, parse

    names = [row[f"v{k}_name"].strip() for k in range(1, 11) if (row.get(f"v{k}_name") or "").strip()]
    formula = row["Formula"].strip()
    used = names_in(parse(formula, names))
    if used != set(names):
        raise SystemExit(f"{table} {row['Filename']}: the formula uses {sorted(used)}, the columns name {names}")
    variables = [{"name": name, "low": _number(row[f"v{k}_low"]), "high": _number(row[f"v{k}_high"]),
                  **_unit(units, name)} for k, name in enumerate(names, start=1)]
    output = _unit(units, row["Output"].strip())
    return {"id": row["Filename"].strip(), "table": table, "number": int(row["Number"]),
            "name": (row.get("Name") or "").strip(), "output": row["Output"].strip(), "formula": formula,
            "variables": variables, "output_unit": output["unit"], "output_units": output["units"]}


def convert() -> dict[str, Any]:
    """The JSON document: the tables' checksums and every equation's record."""
    units = _units(HERE / UNITS)
    equations = [_record(row, table, units) for table in TABLES for row in _rows(HERE / table)]
    sha = {name: hashlib.sha256((HERE / name).read_bytes()).hexdigest() for name in (*TABLES, UNITS)}
    return {"source": "AI Feynman database (Udrescu and Tegmark 2020); see PROVENANCE.md", "sha256": sha,
            "equations": equations}


def main() -> int:
    sys.path.insert(0, str(HERE.parents[3]))
    document = convert()
    lines = [json.dumps(record, sort_keys=True, ensure_ascii=False) for record in document["equations"]]
    header = json.dumps({key: value for key, value in document.items() if key != "equations"}, sort_keys=True)
    # one equation a line, so a diff of the data shows which equations changed
    OUT.write_text(header[:-1] + ', "equations": [\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")
    print(f"{OUT}: {len(document['equations'])} equations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
