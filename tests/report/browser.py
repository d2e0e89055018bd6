"""Render a report page in headless Chromium and measure what a reader sees on its first screen.

A reader opens ``report.html`` in a browser window of 1400 x 900 CSS pixels; the *first screen*
is the top 900 px of the page laid out 1400 px wide. The report's main page opens with the
answer (``<section id="answer">``: the list ``#answer-claims`` with one ``li.claim`` per
confirmatory claim, and ``<figure id="forest">`` holding the forest plot as inline SVG). This
driver measures, in a real browser:

- the boxes of ``#answer``, ``#answer-claims``, each ``li.claim``, ``#forest`` and its ``<svg>``,
  in page coordinates (pixels from the top-left of the page, so ``bottom <= 900`` means "on the
  first screen"). Not the browser's own viewport: Chromium 150 headless, asked for a 1400 x 900
  window, lays ``--dump-dom`` pages out in a 1400 x 813 viewport (87 px less) while
  its ``--screenshot`` shows the full 1400 x 900, so the page's own coordinates are what the
  screenshot shows;
- the page height (``document.documentElement.scrollHeight``): 10,800 px is 12 screens;
- every ``<img>``: loaded (``complete`` and ``naturalWidth > 0``) or broken;
- every outermost inline ``<svg>`` the reader can see: its box is not empty;
- the smallest text in ``#answer`` *as rendered*: the computed ``font-size`` times the scale an
  SVG's ``viewBox`` applies (``getScreenCTM``), so 9 px text in a plot drawn at 1.5 times is
  13.5 px;
- where the first plot starts: the top of the first ``<svg>`` or ``<img>`` at least 100 x 100 px.

How: the page's folder is copied to a temporary folder (the report is never touched), a
``<script>`` is added at the end of the copy's body (a Content-Security-Policy in the page is
widened by that script's hash alone) that measures once the page has loaded and
writes the figures as JSON into a ``<pre>``, and Chromium prints the resulting DOM
(``--dump-dom``). Time is Chromium's *virtual* time (``--virtual-time-budget``): the page gets
its 10 s of page time however loaded the machine is, so no wall clock decides a verdict; the
subprocess timeout only stops a hung browser. A second run takes a screenshot of the first
screen (``--screenshot``), read back with matplotlib to check it is not blank.

Run it on a report to print the figures and the problems found::

    .venv/bin/python tests/report/browser.py out/results/report/report.html [--screenshot first.png]
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

WIDTH, HEIGHT = 1400, 900  #: the first screen, CSS pixels
MAX_SCREENS = 12  #: the main page's height limit: 12 x 900 = 10,800 px
MIN_TEXT_PX = 11  #: the smallest legible text at 100% zoom
HANG_GUARD_S = 300  #: a browser still running after this is hung (never a verdict on speed)
VIRTUAL_TIME_MS = 10_000  #: page time Chromium grants before it prints the DOM

_MARK = "sva-measurements"
_CODE = r"""(function () {
function box(e) {
  if (!e) return null;
  const r = e.getBoundingClientRect();
  return {top: r.top + scrollY, left: r.left + scrollX, bottom: r.bottom + scrollY, right: r.right + scrollX};
}
function scale(el) {
  if (!el.closest('svg') || !el.getScreenCTM) return 1;
  const m = el.getScreenCTM();
  return m ? Math.hypot(m.a, m.b) : 1;
}
function smallestText(root) {
  if (!root) return null;
  let best = null;
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode, el = node.parentElement;
    if (!node.data.trim() || !el || !el.getClientRects().length || !el.checkVisibility()) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible') continue;
    const px = parseFloat(style.fontSize) * scale(el);
    if (best === null || px < best.px) best = {px: px, text: node.data.trim().slice(0, 60)};
  }
  return best;
}
function measure() {
  const q = s => document.querySelector(s), forest = q('#forest');
  const outer = [...document.querySelectorAll('svg')].filter(s => !s.parentElement.closest('svg'));
  const seen = outer.filter(s => s.checkVisibility());
  const plots = [...outer, ...document.images].map(e => e.getBoundingClientRect())
    .filter(r => r.width >= 100 && r.height >= 100).map(r => r.top + scrollY);
  return {
    viewport: [innerWidth, innerHeight], page_height: document.documentElement.scrollHeight,
    answer: box(q('#answer')), claims: box(q('#answer-claims')),
    claim_items: [...document.querySelectorAll('#answer-claims li.claim')].map(box),
    forest: box(forest), forest_svg: box(forest && forest.querySelector('svg')),
    images: [...document.images].map(i => ({src: i.getAttribute('src') || '', ok: i.complete && i.naturalWidth > 0})),
    svgs: seen.map(box), hidden_svgs: outer.length - seen.length,
    smallest_answer_text: smallestText(q('#answer')),
    first_plot_top: plots.length ? Math.min(...plots) : null,
  };
}
window.addEventListener('load', () => setTimeout(() => {
  const out = document.createElement('pre');
  out.id = '%s';
  out.textContent = JSON.stringify(measure());
  document.body.appendChild(out);
}, 0));
})();""" % _MARK
_SCRIPT = f"<script>{_CODE}</script>"
_CSP = re.compile(r"""(<meta[^>]*http-equiv=["']?content-security-policy["']?[^>]*content=")([^"]*)(")""", re.I)


@dataclass(frozen=True)
class Box:
    """A rendered box in page coordinates (CSS px from the page's top-left corner)."""

    top: float
    left: float
    bottom: float
    right: float

    @property
    def empty(self) -> bool:
        return self.bottom - self.top <= 0 or self.right - self.left <= 0

    def on_first_screen(self, width: int = WIDTH, height: int = HEIGHT) -> bool:
        return not self.empty and self.top >= 0 and self.left >= 0 and self.bottom <= height and self.right <= width


@dataclass(frozen=True)
class Image:
    src: str
    ok: bool  #: loaded: ``complete`` and ``naturalWidth > 0``


@dataclass(frozen=True)
class Text:
    px: float  #: rendered font size (computed size times any SVG scale)
    text: str  #: the first 60 characters of that text


@dataclass(frozen=True)
class Measurements:
    """What Chromium rendered of one page (boxes are ``None`` when the element is absent)."""

    page: str
    viewport: tuple[int, int]  #: the browser's inner size (its window decorations may take some height)
    page_height: int
    answer: Box | None
    claims: Box | None
    claim_items: tuple[Box, ...]
    forest: Box | None
    forest_svg: Box | None
    images: tuple[Image, ...]
    svgs: tuple[Box, ...]  #: every outermost inline <svg> not hidden (a closed <details> hides its content)
    hidden_svgs: int
    smallest_answer_text: Text | None
    first_plot_top: float | None  #: top of the first <svg> or <img> of at least 100 x 100 px


@dataclass(frozen=True)
class Screenshot:
    path: Path
    width: int
    height: int
    colours: int  #: distinct colours
    ink: float  #: share of pixels not of the most common colour


def chromium() -> str | None:
    """The Chromium command (Debian's package ``chromium``; ``make setup`` installs it), or None."""
    return shutil.which("chromium")


def _browser(url: str, *extra: str) -> str:
    command = chromium()
    if command is None:
        raise RuntimeError("chromium is not installed (make setup installs Debian's package as root)")
    # --no-sandbox: Chromium's own sandbox refuses to start as root; the pages are our own report.
    # A fresh profile per run: two runs at once (pytest-xdist) never meet, nothing lands in $HOME.
    with tempfile.TemporaryDirectory(prefix="sva-chromium-") as profile:
        args = [command, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
                "--no-first-run", f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}",
                f"--virtual-time-budget={VIRTUAL_TIME_MS}", *extra, url]
        done = subprocess.run(args, capture_output=True, text=True, timeout=HANG_GUARD_S, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return done.stdout


def _allow_script(policy: str) -> str:
    """A Content-Security-Policy that also lets the measuring script run (by its hash), and no other."""
    token = "'sha256-" + base64.b64encode(hashlib.sha256(_CODE.encode()).digest()).decode() + "'"
    directives = [directive.split() for directive in policy.split(";") if directive.strip()]
    for directive in directives:
        if directive[0].lower() == "script-src":
            directive[1:] = [source for source in directive[1:] if source.lower() != "'none'"] + [token]
            break
    else:
        directives.append(["script-src", token])
    return "; ".join(" ".join(directive) for directive in directives)


def _copy_with_script(page: Path, into: Path) -> Path:
    """Copy ``page``'s folder into ``into`` and add the measuring script to the copy of ``page``
    (a Content-Security-Policy in the page is widened by that script's hash alone)."""
    folder = into / "page"
    shutil.copytree(page.parent, folder)
    copy = folder / page.name
    text = _CSP.sub(lambda m: m.group(1) + _allow_script(html.unescape(m.group(2))).replace('"', "&quot;")
                    + m.group(3), copy.read_text(encoding="utf-8"))
    at = text.lower().rfind("</body>")
    copy.write_text(text[:at] + _SCRIPT + text[at:] if at >= 0 else text + _SCRIPT, encoding="utf-8")
    return copy


def _box(value: Any) -> Box | None:
    return None if value is None else Box(**value)


def _parse(page: Path, dom: str) -> Measurements:
    found = re.search(rf'<pre id="{_MARK}">(.*?)</pre>', dom, re.S)
    if found is None:
        raise RuntimeError(f"{page}: the measuring script left nothing (did the page block scripts?)")
    data = json.loads(html.unescape(found.group(1)))
    text = data["smallest_answer_text"]
    return Measurements(
        page=str(page), viewport=tuple(data["viewport"]), page_height=int(data["page_height"]),
        answer=_box(data["answer"]), claims=_box(data["claims"]),
        claim_items=tuple(Box(**item) for item in data["claim_items"]),
        forest=_box(data["forest"]), forest_svg=_box(data["forest_svg"]),
        images=tuple(Image(**image) for image in data["images"]),
        svgs=tuple(Box(**svg) for svg in data["svgs"]), hidden_svgs=int(data["hidden_svgs"]),
        smallest_answer_text=None if text is None else Text(**text), first_plot_top=data["first_plot_top"])


def measure(page: Path) -> Measurements:
    """Render ``page`` (an HTML file; its folder is copied, never changed) and measure it."""
    page = Path(page).resolve()
    with tempfile.TemporaryDirectory(prefix="sva-browser-") as tmp:
        copy = _copy_with_script(page, Path(tmp))
        return _parse(page, _browser(copy.as_uri(), "--dump-dom"))


def screenshot(page: Path, out: Path) -> Screenshot:
    """Save the first screen of ``page`` as the PNG ``out`` and count its colours."""
    import matplotlib.image
    import numpy

    page, out = Path(page).resolve(), Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    _browser(page.as_uri(), f"--screenshot={out}")
    pixels = matplotlib.image.imread(out)
    flat = pixels.reshape(-1, pixels.shape[-1])
    _, counts = numpy.unique(flat, axis=0, return_counts=True)
    return Screenshot(path=out, width=int(pixels.shape[1]), height=int(pixels.shape[0]), colours=len(counts),
                      ink=round(float(1 - counts.max() / counts.sum()), 4))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def linked_pages(page: Path) -> tuple[list[Path], list[str]]:
    """The other HTML pages ``page`` links to in its own folder tree (each once, in link order),
    and the links to such pages that lead nowhere. Links with a scheme or to other files
    (SVG, CSV) are not pages."""
    parser = _Links()
    parser.feed(Path(page).read_text(encoding="utf-8"))
    pages: list[Path] = []
    missing: list[str] = []
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.endswith((".html", ".htm")):
            continue
        target = (Path(page).parent / unquote(parts.path)).resolve()
        if target == Path(page).resolve() or target in pages or href in missing:
            continue
        (pages.append(target) if target.is_file() else missing.append(href))
    return pages, missing


def first_screen_problems(m: Measurements) -> list[str]:
    """Why the first screen does not hold the answer: the claims and the forest plot."""
    problems = []
    if m.claims is None or not m.claims.on_first_screen():
        problems.append(f"the claims list (#answer-claims) is not on the first screen: {m.claims}")
    if not m.claim_items:
        problems.append("no li.claim in #answer-claims")
    problems += [f"claim {i + 1} is not on the first screen: {item}"
                 for i, item in enumerate(m.claim_items) if not item.on_first_screen()]
    for name, box in (("the forest plot (#forest)", m.forest), ("the forest plot's <svg>", m.forest_svg)):
        if box is None or not box.on_first_screen():
            problems.append(f"{name} is not on the first screen: {box}")
    return problems


def width_problems(m: Measurements) -> list[str]:
    """The forest plot's <svg> wider than its figure (cut off, or a page that scrolls sideways)."""
    if m.forest is None or m.forest_svg is None or m.forest_svg.right <= m.forest.right + 0.5:
        return []
    return [f"{m.page}: the forest plot's <svg> overflows its figure by {m.forest_svg.right - m.forest.right:g} px"]


def image_problems(m: Measurements) -> list[str]:
    """Broken images and inline SVGs drawn with an empty box."""
    return ([f"{m.page}: broken image {image.src!r}" for image in m.images if not image.ok]
            + [f"{m.page}: an inline <svg> has an empty box: {svg}" for svg in m.svgs if svg.empty])


def legibility_problems(m: Measurements, smallest_px: float = MIN_TEXT_PX) -> list[str]:
    """Text in the answer (the forest plot's included) rendered smaller than ``smallest_px``."""
    text = m.smallest_answer_text
    return ([f"{m.page}: {text.text!r} in #answer is drawn at {text.px:g} px, under {smallest_px:g} px"]
            if text is not None and text.px < smallest_px else [])


def height_problems(m: Measurements, screens: int = MAX_SCREENS) -> list[str]:
    """The page is taller than ``screens`` first screens."""
    limit = screens * HEIGHT
    return ([f"{m.page}: {m.page_height} px tall, over {screens} screens ({limit} px)"]
            if m.page_height > limit else [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure a report page in headless Chromium.")
    parser.add_argument("page", type=Path, help="the report's main page, e.g. out/results/report/report.html")
    parser.add_argument("--screenshot", type=Path, help="also save the first screen as this PNG")
    args = parser.parse_args(argv)
    if not args.page.is_file():
        print(f"browser.py: {args.page}: no such file", file=sys.stderr)
        return 2
    if chromium() is None:
        print("browser.py: chromium is not installed; run make setup as root", file=sys.stderr)
        return 2
    try:
        return _print_measurements(args.page, args.screenshot)
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        print(f"browser.py: {args.page}: {error}", file=sys.stderr)
        return 2


def _print_measurements(page: Path, shot: Path | None) -> int:
    """Print the main page's measurements, its linked pages' and every problem found as JSON;
    1 when there is a problem."""
    main_page = measure(page)
    pages, missing = linked_pages(page)
    others = [measure(other) for other in pages]
    problems = (first_screen_problems(main_page) + legibility_problems(main_page) + height_problems(main_page)
                + width_problems(main_page)
                + [problem for m in (main_page, *others) for problem in image_problems(m)]
                + [f"{page}: link to a missing page {href!r}" for href in missing])
    report: dict[str, Any] = {"main": dataclasses.asdict(main_page),
                              "linked": [{"page": m.page, "page_height": m.page_height, "images": len(m.images),
                                          "svgs": len(m.svgs)} for m in others],
                              "problems": problems}
    if shot is not None:
        report["screenshot"] = dataclasses.asdict(screenshot(page, shot))
    print(json.dumps(report, indent=1, default=str))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
