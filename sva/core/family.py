"""What a spec family provides: the one interface between the core and a family's folder.

A family is a package under ``sva/families/`` (or any importable module named in
``SVA_FAMILIES``) whose ``FAMILY`` attribute is an instance of a :class:`Family` subclass. The
core (generate, measure, trust, results, report, cli) never names a family: it looks the family
up by ``spec.family`` in :mod:`sva.families` and asks it for what differs. Everything has a
default that suits most families, so a family overrides only what is its own:

=======================  ==================================================================
what                     default
=======================  ==================================================================
``specs()``              required: the family's specs, in listing order
``spec_names``/``spec``  built from ``specs()``: a family with costly specs builds one on demand
``primitives``           required: how each primitive renders (:class:`~sva.core.emitter.Primitive`)
``generator_modules``    required: ``search``'s module (or ``search_defaults``/``search`` overridden);
                         optional: ``search-parsimony``'s (NSGA-II), ``search-modular``'s (evolved parts)
``factorize_plan``       none: ``factorize_module``, the checks and simplification of ``factorized``
``templates``            required: design templates by spec kind
``contract_strategy``    the Hypothesis strategy a design contract draws a parameter from
``formula_program``      refused: a formula given as text read (statically) into the family's IR
``probe``/``judge``      none: a family may trace an artifact in the sandbox and judge the trace
``fields``               none: extra result fields the family adds (declared, stored, exported)
``size_fields``          none beyond audit length: what "search artifacts are smaller" compares
``construction``         none: trust a generator has by construction (:class:`ConstructionFact`)
``fitness_curve``        "best training fitness", 0 perfect: what search's per-generation curve is
                         (:class:`FitnessCurve`), for the report's convergence figure
``report_section``       none: a table of the family's fields in the report (and figures under it);
                         ``report_sections`` when the family has more than one table
``diagrams``             none beyond the unit graph: pictures of one artifact for the report
``fitness_samples``      required: (fast fitness, reference fitness) pairs, for conformance
``training_share``       training cases / size of a finite domain; ``None`` for an infinite one
=======================  ==================================================================

Worked example (the smallest family, a complete one, lives in ``tests/plugin_family/tinyfam/``): a
family whose specs negate one bit renders ``NOT`` as ``not a``, searches by trying the two
one-node programs, designs ``return not a`` and adds no fields.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

if TYPE_CHECKING:
    from sva.core.artifact import Artifact
    from sva.core.emitter import Primitive
    from sva.core.program import Program
    from sva.core.spec import Case, Spec

__all__ = ["ConstructionFact", "Diagram", "Family", "FamilyField", "FitnessCurve", "Hooks", "Judgement", "Section"]


@dataclass(frozen=True)
class FamilyField:
    """A result field a family adds: its column name, a few words, which way is better for size
    or trust (``"higher"``, ``"lower"`` or ``None``), and whether it holds JSON data (a list)
    rather than a number."""

    name: str
    label: str
    better: str | None = None
    json: bool = False


@dataclass(frozen=True)
class ConstructionFact:
    """What a generator's artifacts of this family are by how the generator builds them, not by
    what happened in a run: ``generator``'s ``outcomes`` (trust fields) hold ``why``. Worked
    example: a family whose design templates write down the known answer declares
    ``ConstructionFact("design", ("held_out_pass_rate", "shift_pass_rate", "verified"), "the
    design templates write down the known answer")``; the claims then say that design's trust
    there is a reference, not a finding."""

    generator: str
    outcomes: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class FitnessCurve:
    """What the family's search records per generation (``SearchRecord.best_fitness_per_generation``),
    in words the report prints: ``measure`` names the value (lower is always better), ``zero`` says
    what 0 means and whether the run stops there, ``log`` draws it on a log axis (an error spanning
    decades) with values below ``floor`` drawn at ``floor``. Worked example: a family whose search
    minimises wrong training rows and stops at the first perfect tree declares
    ``FitnessCurve("wrong training rows", "0: right on every training row; the run stops there")``."""

    measure: str = "best training fitness"
    zero: str = "0: perfect on the training cases"
    log: bool = False
    floor: float = 0.0


@dataclass(frozen=True)
class Hooks:
    """How a family runs one generator: the configuration used when the caller gives none, and
    the artifact of (spec, seed, configuration)."""

    defaults: Callable[["Spec"], dict[str, Any]]
    generate: Callable[["Spec", int, Mapping[str, Any] | None], "Artifact"]

    @classmethod
    def of_module(cls, module: str) -> "Hooks":
        """The hooks of a module with ``default_config`` and ``generate``, imported on first use."""
        return cls(lambda spec: importlib.import_module(module).default_config(spec),
                   lambda spec, seed, config: importlib.import_module(module).generate(spec, seed, config))


@dataclass(frozen=True)
class Judgement:
    """The caller's verdict on a family's probe of one artifact (pure data, no execution).

    ``verified`` overrides the spec checks' verdict when not ``None`` (a sorting network is
    verified by the 0-1 principle on its traced comparators); ``fields`` fill the family's
    declared result fields (and may hold more, shown by ``sva trust``); the declared ones are
    what the artifact's manifest records under the family's ``manifest_key``; ``counterexample``
    is the first failure found; ``note`` is one sentence for the reader; ``reason`` says why the
    probe measured nothing; ``checked`` is (passed, cases) of the domain check the probe stands
    for (the 2^n binary inputs of a network), for ``sva generate-all``'s table.

    ``trusted`` is the trust outcome stored per cell for every family (0/1): whether the artifact
    can be relied on outside the cases search saw. ``None`` (the default) means "as verified":
    a family that checks exactly leaves it so. A family whose exact check is too strict a
    standard sets it (the Feynman family: agreement within tolerance on every held-out and
    shifted point plus SRBench's symbolic-solution rule, so a fitted 10-digit scale counts).
    """

    verified: bool | None = None
    trusted: bool | None = None
    fields: Mapping[str, Any] | None = None
    counterexample: Any = None
    note: str | None = None
    reason: str | None = None
    checked: tuple[int, int] | None = None


@dataclass(frozen=True)
class Section:
    """A table of the report that belongs to one family: rendered by the core in HTML and
    Markdown alike. ``text_columns`` is how many leading columns are text (left-aligned)."""

    anchor: str
    title: str
    intro: str
    head: tuple[str, ...]
    #: raw values (numbers, text, None), formatted by the report like every other table
    rows: tuple[tuple[Any, ...], ...]
    text_columns: int = 1
    #: figures shown after the table (a family's per-spec plots); written as
    #: ``figures/<anchor>-<name>.svg`` beside the Markdown
    figures: tuple["Diagram", ...] = ()


@dataclass(frozen=True)
class Diagram:
    """A picture of one artifact in the family's own notation: an SVG document and its caption."""

    name: str
    caption: str
    svg: str


class Family:
    """The base every family extends. Subclasses set ``name`` and ``description`` and override
    what is theirs; see the module docstring for the defaults."""

    #: registry key, the value of ``spec.family`` for its specs
    name: str = ""
    #: one sentence for ``sva specs`` and the report
    description: str = ""
    #: extra result fields, in column order
    fields: tuple[FamilyField, ...] = ()
    #: fields that measure the artifact's size in the family's own unit (lower is smaller)
    size_fields: tuple[str, ...] = ()
    #: the manifest key a probe's judgement is recorded under (``sva generate``, ``sva run``)
    manifest_key: str | None = None
    #: what a generator's artifacts of this family are by construction (:class:`ConstructionFact`):
    #: the claims report such a trust outcome as a construction fact, never as a finding
    construction: tuple[ConstructionFact, ...] = ()
    #: what search's per-generation fitness curve measures, for the convergence figure
    fitness_curve: FitnessCurve = FitnessCurve()

    # -- specs and primitives -------------------------------------------------------------------

    def specs(self) -> tuple["Spec", ...]:
        """The family's specs, in the order ``sva specs`` lists them."""
        raise NotImplementedError(f"family {self.name!r} lists no specs")

    def spec_names(self) -> tuple[str, ...]:
        """The names of :meth:`specs`, in its order. A family whose specs are costly to build
        (data computed per spec) overrides this and :meth:`spec` so that a process looking up
        one spec builds that one only; the registry (:mod:`sva.families`) asks these two."""
        return tuple(spec.name for spec in self.specs())

    def spec(self, name: str) -> "Spec":
        """The spec called ``name``, one of :meth:`spec_names` (``KeyError`` for another); the
        same object :meth:`specs` lists."""
        found = next((spec for spec in self.specs() if spec.name == name), None)
        if found is None:
            raise KeyError(name)
        return found

    @property
    def primitives(self) -> Mapping[str, "Primitive"]:
        """How each primitive of the family is written, by name."""
        raise NotImplementedError(f"family {self.name!r} defines no primitives")

    @property
    def imports(self) -> tuple[str, ...]:
        """The modules an artifact of the family may import: those its primitives name
        (``Primitive.imports``, e.g. ``("math",)``); none for the built-in families."""
        return tuple(sorted({module for primitive in self.primitives.values() for module in primitive.imports}))

    # -- generators -----------------------------------------------------------------------------

    #: the modules of the generators the family runs itself, by generator name (``"search"``,
    #: ``"search-parsimony"``, ``"search-modular"``), each imported on first use (listing specs
    #: imports no DEAP) and with ``default_config(spec)`` and ``generate(spec, seed, config) -> Artifact``
    generator_modules: Mapping[str, str] = {}

    #: the module of the family's factorization plan (``factorized``, :mod:`sva.core.factorize`),
    #: imported on first use; it has ``plan(spec) -> Plan``
    factorize_module: str | None = None

    @property
    def generators(self) -> Mapping[str, Hooks]:
        """Every generator the family runs itself, by name: ``search`` and ``factorized`` always
        (a family without a factorization plan refuses ``factorized`` in one line), then those of
        :attr:`generator_modules`. ``design`` is the core's, for every family."""
        found = {"search": Hooks(self.search_defaults, self.search),
                 "factorized": Hooks(self.factorize_defaults, self.factorize)}
        found.update((name, Hooks.of_module(module)) for name, module in self.generator_modules.items()
                     if name not in found)
        return found

    def generator(self, name: str) -> Hooks:
        """The hooks of generator ``name``; a one-line :class:`~sva.errors.UsageError` when the
        family does not offer it."""
        try:
            return self.generators[name]
        except KeyError:
            from sva.errors import UsageError

            raise UsageError(f"family {self.name!r} has no {name} generator") from None

    def search_defaults(self, spec: "Spec") -> dict[str, Any]:
        """Every setting of the ``search`` generator for ``spec`` (JSON-able)."""
        return self._search_module().default_config(spec)

    def search(self, spec: "Spec", seed: int, config: Mapping[str, Any] | None) -> "Artifact":
        """The ``search`` generator's artifact for (spec, seed, configuration)."""
        return self._search_module().generate(spec, seed, config)

    def _search_module(self) -> Any:
        if "search" not in self.generator_modules:
            raise NotImplementedError(f"family {self.name!r} has no search")
        return importlib.import_module(self.generator_modules["search"])

    def factorize_plan(self, spec: "Spec") -> Any:
        """The :class:`~sva.core.factorize.Plan` of ``factorized`` for ``spec``: its domain
        check and simplification."""
        if self.factorize_module is None:
            from sva.errors import UsageError

            raise UsageError(f"family {self.name!r} has no factorized generator")
        return importlib.import_module(self.factorize_module).plan(spec)

    def factorize_defaults(self, spec: "Spec") -> dict[str, Any]:
        """Every setting of ``factorized`` for ``spec``: those of the search it factorizes."""
        self.factorize_plan(spec)
        return self.search_defaults(spec)

    def factorize(self, spec: "Spec", seed: int, config: Mapping[str, Any] | None) -> "Artifact":
        """The ``factorized`` generator's artifact: search's for (spec, seed, configuration), factorized."""
        from sva.core.factorized import factorized_artifact

        self.factorize_plan(spec)
        return factorized_artifact(spec, seed, config, self)

    @property
    def templates(self) -> Mapping[str, tuple[str, Callable[["Spec"], "Program"]]]:
        """Design templates by spec kind: ``kind -> (template name, template(spec) -> Program)``."""
        return {}

    def contract_strategy(self, spec: "Spec") -> str:
        """The Hypothesis strategy expression each parameter of a plain design contract draws from."""
        raise NotImplementedError(f"family {self.name!r} has no contract strategy")

    def formula_program(self, spec: "Spec", text: str) -> "Program":
        """A formula given as text (``sva analyze --formula``, ``sva trust --formula``: SRBench's
        ``symbolic_model`` form, e.g. ``x1*x2/(4*pi*x3**2)``) as a program of the family's IR, to
        be written by the one emitter and measured like any artifact. The text is untrusted: a
        family reads it through a whitelist and never evaluates it. Default: refused in one line."""
        from sva.errors import UsageError

        raise UsageError(f"spec {spec.name}: the {self.name} family reads no formula given as text; give a "
                         f"module instead")

    def fitness_samples(self, spec: "Spec", seed: int, count: int) -> Sequence[tuple[Any, Any]]:
        """``count`` random candidates of search, each as (its fast fitness, its fitness by the
        reference evaluation): the conformance tests assert the two agree."""
        raise NotImplementedError(f"family {self.name!r} has no fitness samples")

    # -- trust ----------------------------------------------------------------------------------

    def training_share(self, spec: "Spec") -> float | None:
        """The share of the inputs ``verified`` checks that search trains on: 1.0 means being
        verified says no more than passing training (the claims then call ``verified`` degenerate
        for the spec). Default: distinct training cases over the size of a finite domain, ``None``
        for an infinite one. Worked example: parity-5 trains on all 32 rows, 1.0; parity-5-half
        on 16 of them, 0.5."""
        size = spec.domain.size
        if not size:
            return None
        return len(set(spec.training)) / size

    def probe(self, spec: "Spec", entry: Callable[..., Any], cases: Sequence["Case"] | None) -> Any:
        """Runs in the sandbox, after the spec checks: whatever the family learns by running the
        artifact's entry (JSON data). ``cases`` are the held-out and shifted inputs the checks
        used (``None`` when only tracing). ``None``: the family has no probe."""
        return None

    def has_probe(self, spec: "Spec") -> bool:
        """True when :meth:`probe` measures something for ``spec``."""
        return type(self).probe is not Family.probe

    def judge(self, spec: "Spec", probe: Any) -> Judgement | None:
        """Runs in the caller, on the probe's data: the family's verdict (or ``None``)."""
        return None

    def summary(self, fields: Mapping[str, Any]) -> str | None:
        """One line of what the probe measured, for ``sva trust`` (``None``: nothing to say)."""
        return None

    # -- report ---------------------------------------------------------------------------------

    def report_section(self, rows: Sequence[Mapping[str, Any]]) -> Section | None:
        """The family's table in the report, from the done rows of its specs (``None``: none)."""
        return None

    def report_sections(self, rows: Sequence[Mapping[str, Any]]) -> tuple[Section, ...]:
        """Every table the family has in the report, in order; default: :meth:`report_section`'s."""
        section = self.report_section(rows)
        return () if section is None else (section,)

    def diagrams(self, row: Mapping[str, Any], spec: "Spec") -> tuple[Diagram, ...]:
        """Pictures of one artifact (its stored row) in the family's notation."""
        return ()

    def __repr__(self) -> str:
        return f"<family {self.name}>"
