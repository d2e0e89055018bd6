"""A family's probe of one artifact, on its own: run in the sandbox, judged in the caller.

Some families learn more by running an artifact than the spec checks say: the sorting family
traces it as a comparator network. During ``sva trust`` the probe runs inside the trust worker's
baseline run (:mod:`sva.trust.worker.baseline`); :func:`probe_artifact` runs it alone
(for ``sva generate``), as the sandbox job ``family_probe``
(:func:`sva.sandbox.jobs.family_probe`), and returns the family's
:class:`~sva.core.family.Judgement`, whose declared fields :func:`annotate` records in the
artifact's manifest under the family's ``manifest_key``; its counterexample is bounded like every
value kept from a job (:func:`sva.sandbox.records.bounded`). Everything here runs in the caller.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from sva.core.artifact import annotate_manifest
from sva.core.family import Judgement
from sva.core.spec import Spec
from sva.errors import InputError
from sva.families import family_of
from sva.sandbox.process import Crashed, run_job
from sva.sandbox.records import bounded

__all__ = ["annotate", "declared_fields", "probe_artifact"]


def _sandbox_name(path: Path) -> str:
    """A file name the sandbox folder can hold (its own files' names are reserved)."""
    return path.name if path.suffix == ".py" else "artifact.py"


def probe_artifact(module_path: str | os.PathLike[str], spec: Spec, limits: Any = None) -> Judgement | None:
    """The family's judgement of the artifact at ``module_path``; None when the family has no
    probe. :class:`InputError` with the reason when it cannot run or the probe measured nothing."""
    family = family_of(spec)
    if not family.has_probe(spec):
        return None
    path = Path(module_path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read it: {error}") from None
    name = _sandbox_name(path)
    outcome = run_job("family_probe", {"module": name, "entry": spec.entry, "spec": spec.name},
                      files={name: source}, limits=limits)
    if isinstance(outcome, Crashed):
        raise InputError(f"{path}: cannot probe it: {outcome.reason}")
    judgement = family.judge(spec, outcome.value)
    if judgement is None:
        return None
    if judgement.reason:
        raise InputError(f"{path}: {judgement.reason}")
    return replace(judgement, counterexample=bounded(judgement.counterexample))


def declared_fields(spec: Spec, judgement: Judgement | None) -> dict[str, Any] | None:
    """The judgement's values of the family's declared fields (what rows and manifests keep)."""
    if judgement is None or judgement.fields is None:
        return None
    return {field.name: judgement.fields.get(field.name) for field in family_of(spec).fields}


def annotate(module_path: str | os.PathLike[str], spec: Spec, judgement: Judgement | None) -> None:
    """Record the judgement's declared fields in the artifact's manifest (nothing for a family
    without a ``manifest_key`` or without a judgement)."""
    key = family_of(spec).manifest_key
    fields = declared_fields(spec, judgement)
    if key is not None and fields is not None:
        annotate_manifest(Path(module_path).with_suffix(".json"), key, fields)
