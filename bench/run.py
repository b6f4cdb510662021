"""Benchmark: redline against the tools people use instead, on the same inputs.

    python bench/run.py                 # all cases, writes bench/RESULTS.md
    python bench/run.py --quick         # fewer repeats

Every tool runs as a whole process (interpreter start-up included), each run in
a fresh process whose peak resident memory is read from ``wait4``, after one
run that is not counted, and with Python's bytecode cache as users have it. Reported:
the median wall time of the runs, the peak memory, and, where the true
alignment is known, the precision and recall of article pairs.

Truth: for the Cybersecurity Law, the amendment decision (every article it
does not name shifts in order); for the Civil Code, the seeded revision made
by ``bench/generate.py``. A line diff's alignment is read off difflib's line
matching: the article whose first line a line of the new text was matched to.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = Path(os.environ.get("REDLINE_SOURCES", ROOT.parent / "shared" / "corpus"))

from bench.generate import generate  # noqa: E402
from redline.diff.comparison import Comparison  # noqa: E402
from redline.amend.decision import account, parse_decision  # noqa: E402
from redline.read import parse_file  # noqa: E402

PY = sys.executable
REDLINE = Path(PY).parent / "redline"

DIFFLIB = ("import difflib,sys\n"
           "a=open(sys.argv[1],encoding='utf-8').read().splitlines()\n"
           "b=open(sys.argv[2],encoding='utf-8').read().splitlines()\n"
           "sys.stdout.write(difflib.HtmlDiff().make_file(a,b))")
DMP = ("import sys\nfrom diff_match_patch import diff_match_patch\n"
       "a=open(sys.argv[1],encoding='utf-8').read(); b=open(sys.argv[2],encoding='utf-8').read()\n"
       "d=diff_match_patch(); x=d.diff_main(a,b); d.diff_cleanupSemantic(x)\n"
       "sys.stdout.write(d.diff_prettyHtml(x))")


# Start-up and work apart, each in a fresh process: the time from the first
# line of a script to all its imports done, then the work itself (reading,
# parsing, comparing, rendering, writing to /dev/null).
SPLIT_REDLINE = """
import os, sys, time
t0 = time.perf_counter()
from redline.cli import main
import redline.diff.comparison, redline.workspace.drafts, redline.read, redline.render.html
t1 = time.perf_counter()
out, sys.stdout = sys.stdout, open(os.devnull, "w")
try:
    main(["compare", sys.argv[1], sys.argv[2], "--format", "html"])
except SystemExit:
    pass
print(t1 - t0, time.perf_counter() - t1, file=out)
"""
SPLIT_DIFFLIB = """
import os, sys, time
t0 = time.perf_counter()
import difflib
t1 = time.perf_counter()
a = open(sys.argv[1], encoding="utf-8").read().splitlines()
b = open(sys.argv[2], encoding="utf-8").read().splitlines()
open(os.devnull, "w").write(difflib.HtmlDiff().make_file(a, b))
print(t1 - t0, time.perf_counter() - t1)
"""


def split_times(script: str, old: Path, new: Path, repeats: int) -> tuple[float, float]:
    """Median (imports, work) seconds of ``script`` run on a pair."""
    runs = []
    for _ in range(repeats + 1):  # the first writes bytecode caches
        out = subprocess.run([PY, "-c", script, str(old), str(new)], capture_output=True,
                             text=True, check=True, env=ENV).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    runs = runs[1:]
    return (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))


# Runs the measured command from a small process of its own: a child's peak
# memory (ru_maxrss) starts at its parent's at fork, so forking from this
# script, which holds the Civil Code, would report this script's memory.
LAUNCHER = """
import os, sys, time
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1); os.dup2(fd, 2)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - t, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


# Every tool runs as it does for its users: with Python's bytecode cache. The
# standard library (difflib) ships compiled; without this, a shell that sets
# PYTHONDONTWRITEBYTECODE would make redline recompile its sources on every run
# (about 25 ms of the Company Law's time) while difflib does not.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run of ``cmd`` in its own process."""
    out = subprocess.run([PY, "-S", "-E", "-c", LAUNCHER, *cmd], capture_output=True,
                         text=True, check=True, env=ENV).stdout.split()
    elapsed, rss_kb, code = float(out[0]), int(out[1]), int(out[2])
    if code not in (0, 1):
        raise RuntimeError(f"{cmd[:4]} exited {code}")
    return elapsed, rss_kb / 1024


def measure(cmd: list[str], repeats: int) -> tuple[float, float, int]:
    run_once(cmd)  # not counted: writes bytecode caches, warms the page cache
    times, peaks = [], []
    for k in range(repeats):
        t, m = run_once(cmd)
        times.append(t)
        peaks.append(m)
        if t > 20:  # one run is enough to know a slow tool is slow
            break
    return statistics.median(times), max(peaks), len(times)


def redline_cmd(fmt: str, old: Path, new: Path) -> list[str]:
    exe = [str(REDLINE)] if REDLINE.exists() else [PY, "-m", "redline.cli"]
    extra = ["--no-color"] if fmt == "terminal" else []
    return [*exe, "compare", str(old), str(new), "--format", fmt, *extra]


def translation_times(repeats: int) -> dict[str, tuple[float, float, int]]:
    """The project's own translation of the Cybersecurity Law carried to the
    amended law, and the annotated translation (HTML), as whole processes."""
    exe = [str(REDLINE)] if REDLINE.exists() else [PY, "-m", "redline.cli"]
    tr = ROOT / "drafts" / "cybersecurity-law" / "translations"
    common = ["--law", "cybersecurity-law", "--drafts", str(ROOT / "drafts")]
    cmds = {"translate carry": [*exe, "translate", "carry", "final", "amended", "--translation",
                                str(tr / "final.en.md"), "--format", "json", *common],
            "compare --translations": [*exe, "compare", "final", "amended", "--translations",
                                       str(tr / "final.en.md"), str(tr / "amended.en.md"),
                                       "--format", "html", *common]}
    return {name: measure(cmd, repeats) for name, cmd in cmds.items()}


# --- alignment truth and scoring ------------------------------------------------

def csl_truth() -> set[tuple]:
    """Article pairs the decision states, plus in-order pairs for the rest."""
    old, _ = parse_file(CORPUS / "cybersecurity-law/2016-11-07.md")
    new, _ = parse_file(CORPUS / "cybersecurity-law/2025-10-28.md")
    dec = parse_decision((CORPUS / "cybersecurity-law/decision-2025-10-28.md")
                         .read_text(encoding="utf-8"))
    truth: set[tuple] = set()
    used_old, used_new = set(), set()
    for kind, olds, news in account(dec):
        if kind == "inserted":
            truth.add(("ins", None, news[0].main))
        elif kind == "deleted":
            truth.add(("del", olds[0].main, None))
        else:
            truth |= {("pair", o.main, n.main) for o in olds for n in news}
        used_new |= {n.main for n in news}
    # Whole articles consumed by the decision's items (a merged item of an
    # article, 第六十九条第一项, leaves the rest of it to go on in order).
    for item in dec.items:
        for a in item.actions:
            used_old |= {r.article.main for r in a.old if r.item is None and r.paragraph is None}
    rest_old = [a.number.main for a in old.articles if a.number.main not in used_old]
    rest_new = [a.number.main for a in new.articles if a.number.main not in used_new]
    truth |= {("pair", o, n) for o, n in zip(rest_old, rest_new)}
    return truth


def generated_truth(t: dict) -> set[tuple]:
    return ({("pair", a, b) for a, b in t["pairs"]} | {("ins", None, b) for b in t["inserted"]}
            | {("del", a, None) for a in t["deleted"]})


def predicted(c: Comparison) -> set[tuple]:
    out: set[tuple] = set()
    for e in c.entries:
        if e.kind == "inserted":
            out.add(("ins", None, e.new[0].main))
        elif e.kind == "deleted":
            out.add(("del", e.old[0].main, None))
        else:
            out |= {("pair", o.main, n.main) for o in e.old for n in e.new}
    return out


def line_diff_pairs(old_path: Path, new_path: Path) -> set[tuple]:
    """The alignment a line diff implies: new article -> old article its header
    line was matched to (equal or replaced one-for-one)."""
    import difflib

    from redline.numbering import ARTICLE_START_RE, cn_to_int

    def heads(lines):
        return {k: cn_to_int(m.group(1)) for k, line in enumerate(lines)
                if (m := ARTICLE_START_RE.match(line))}

    a = old_path.read_text(encoding="utf-8").splitlines()
    b = new_path.read_text(encoding="utf-8").splitlines()
    ha, hb = heads(a), heads(b)
    out: set[tuple] = set()
    matched_old, matched_new = set(), set()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag in ("equal", "replace") and (i2 - i1) == (j2 - j1):
            for k in range(i2 - i1):
                if i1 + k in ha and j1 + k in hb:
                    out.add(("pair", ha[i1 + k], hb[j1 + k]))
                    matched_old.add(ha[i1 + k])
                    matched_new.add(hb[j1 + k])
    out |= {("ins", None, n) for n in hb.values() if n not in matched_new}
    out |= {("del", o, None) for o in ha.values() if o not in matched_old}
    return out


def score(pred: set, truth: set) -> tuple[float, float]:
    hit = len(pred & truth)
    return hit / len(pred) if pred else 0.0, hit / len(truth) if truth else 0.0


# --- the run -------------------------------------------------------------------

def cases(workdir: Path) -> list[dict]:
    out = [{"name": "Cybersecurity Law 2016→2025",
            "old": CORPUS / "cybersecurity-law/2016-11-07.md",
            "new": CORPUS / "cybersecurity-law/2025-10-28.md", "truth": csl_truth()}]
    for law in sorted((CORPUS / "revisions").iterdir()):
        files = sorted(law.glob("*.md"))  # dated names: in order
        for old, new in zip(files, files[1:]):  # every consecutive pair
            out.append({"name": f"{law.name} {old.stem[:4]}→{new.stem[:4]}",
                        "old": old, "new": new, "truth": None})
    civil = CORPUS / "scale/民法典/2020-05-28.md"
    st, _ = parse_file(civil)
    text, truth = generate(st, seed=7)
    revised = workdir / "civil-code-revised.md"
    revised.write_text(text, encoding="utf-8")
    out.append({"name": "Civil Code vs generated revision (seed 7)", "old": civil, "new": revised,
                "truth": generated_truth(truth)})
    return out


READ_PDF = "import sys; from redline.read import parse_file; parse_file(sys.argv[1])"


def read_pdf_row(workdir: Path, repeats: int) -> tuple[int, float, float] | None:
    """(pages, median seconds, peak MB) of reading the Company Law printed by Chromium
    (a 16em column: 50 pages), in a fresh process; None without Chromium."""
    from bench.printpdf import CHROMIUM, print_pdf

    if not CHROMIUM:
        print("chromium is missing: the PDF reading time is not measured", file=sys.stderr)
        return None
    pdf = print_pdf(CORPUS / "revisions/公司法/2023-12-29.md", workdir / "company.pdf")
    from pypdf import PdfReader

    pages = len(PdfReader(str(pdf)).pages)
    t, mem, _ = measure([PY, "-c", READ_PDF, str(pdf)], repeats)
    print(f"{'Company Law PDF':<42} {'read':<22} {t:7.3f} s {mem:7.1f} MB ({pages} pages)")
    return pages, t, mem


def main() -> int:
    ap = argparse.ArgumentParser(description="redline benchmark")
    ap.add_argument("--quick", action="store_true", help="3 runs each instead of 7")
    args = ap.parse_args()
    repeats = 3 if args.quick else 7
    workdir = Path(tempfile.mkdtemp(prefix="redline-bench-"))
    git = shutil.which("git")
    rows, results = [], {}
    try:
        cases_run = cases(workdir)
        for case in cases_run:
            old, new = case["old"], case["new"]
            tools = {f"redline {f}": redline_cmd(f, old, new) for f in ("json", "terminal", "html")}
            tools["difflib.HtmlDiff"] = [PY, "-c", DIFFLIB, str(old), str(new)]
            tools["diff-match-patch"] = [PY, "-c", DMP, str(old), str(new)]
            if git:
                tools["git diff --word-diff"] = [git, "diff", "--no-index", "--word-diff",
                                                 "--no-color", str(old), str(new)]
            from redline.diff.comparison import compare
            a, _ = parse_file(old)
            b, _ = parse_file(new)
            comparison = compare(a, b)
            quality = {}
            if case["truth"] is not None:
                quality["redline"] = score(predicted(comparison), case["truth"])
                quality["line diff"] = score(line_diff_pairs(old, new), case["truth"])
            for tool, cmd in tools.items():
                t, mem, n = measure(cmd, repeats)
                q = quality.get("redline" if tool.startswith("redline") else
                                "line diff" if tool == "difflib.HtmlDiff" else "", None)
                results[(case["name"], tool)] = (t, mem)
                rows.append((case["name"], tool, t, mem, n, q))
                print(f"{case['name']:<42} {tool:<22} {t:7.3f} s {mem:7.1f} MB "
                      + (f"P={q[0]:.4f} R={q[1]:.4f}" if q else ""), flush=True)
        pdf_row = read_pdf_row(workdir, repeats)
        translation_rows = translation_times(repeats)
        for tool, (t, mem, n) in translation_rows.items():
            rows.append(("Cybersecurity Law translation", tool, t, mem, n, None))
            print(f"{'Cybersecurity Law translation':<42} {tool:<22} {t:7.3f} s {mem:7.1f} MB", flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    table = ["| case | tool | median s | peak MB | runs | precision | recall |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for name, tool, t, mem, n, q in rows:
        p = f"{q[0]:.4f}" if q else ""
        r = f"{q[1]:.4f}" if q else ""
        table.append(f"| {name} | {tool} | {t:.3f} | {mem:.0f} | {n} | {p} | {r} |")

    csl = "Cybersecurity Law 2016→2025"
    company = next(name for name, *_ in rows if name.startswith("公司法"))
    civil = next(name for name, *_ in rows if name.startswith("Civil Code"))
    targets = []

    def check(label: str, ok: bool, detail: str) -> None:
        targets.append(f"| {label} | {detail} | {'met' if ok else '**not met**'} |")

    ratio = results[(company, "difflib.HtmlDiff")][0] / results[(company, "redline html")][0]
    check("Company Law HTML ≥ 10× faster than difflib.HtmlDiff", ratio >= 10, f"{ratio:.1f}×")
    t_csl = max(results[(csl, f"redline {f}")][0] for f in ("json", "terminal", "html"))
    check("Cybersecurity Law compare < 0.3 s (whole process, slowest format)", t_csl < 0.3,
          f"{t_csl:.3f} s")
    growth = results[(civil, "redline json")][0] / results[(csl, "redline json")][0]
    check("Civil Code / Cybersecurity Law time ≤ 25×", growth <= 25, f"{growth:.1f}×")
    mem = max(results[(civil, f"redline {f}")][1] for f in ("json", "terminal", "html"))
    check("peak memory on the Civil Code < 200 MB", mem < 200, f"{mem:.0f} MB")
    q = next(r[5] for r in rows if r[0] == civil and r[1] == "redline json")
    check("precision and recall ≥ 0.99 on the generated revision", min(q) >= 0.99,
          f"P {q[0]:.4f}, R {q[1]:.4f}")

    for tool, (t, _, _) in translation_rows.items():
        check(f"{tool} on the Cybersecurity Law < 0.5 s (whole process)", t < 0.5, f"{t:.3f} s")

    if pdf_row is None:
        check("reading a 50-page PDF ≤ 2 s", False, "not measured: chromium is missing")
    else:
        pages, t_pdf, mem_pdf = pdf_row
        table.append(f"| Company Law printed to PDF ({pages} pages) | redline: read and parse "
                     f"| {t_pdf:.3f} | {mem_pdf:.0f} | {repeats} |  |  |")
        check(f"reading a {pages}-page PDF ≤ 2 s (whole process)", t_pdf <= 2, f"{t_pdf:.3f} s")

    # Where the Company Law's time goes, on both sides.
    company_case = next(c for c in cases_run if c["name"] == company)
    bare = measure([PY, "-c", "pass"], repeats)[0]
    r_imp, r_work = split_times(SPLIT_REDLINE, company_case["old"], company_case["new"], repeats)
    d_imp, d_work = split_times(SPLIT_DIFFLIB, company_case["old"], company_case["new"], repeats)
    budget = results[(company, "difflib.HtmlDiff")][0] / 10
    split = ["| Company Law HTML | interpreter | imports | work | whole process |",
             "|---|---:|---:|---:|---:|",
             f"| redline | {bare:.3f} | {r_imp:.3f} | {r_work:.3f} | "
             f"{results[(company, 'redline html')][0]:.3f} |",
             f"| difflib.HtmlDiff | {bare:.3f} | {d_imp:.3f} | {d_work:.3f} | "
             f"{results[(company, 'difflib.HtmlDiff')][0]:.3f} |",
             "", f"The work alone (reading, parsing, aligning, diffing, rendering) is "
             f"{d_work / r_work:.1f}× faster than HtmlDiff's. 10× as a whole process means "
             f"{budget:.3f} s in all; the interpreter and redline's imports (click, rapidfuzz, "
             f"its own modules) take {bare + r_imp:.3f} s of it before any article is read."]

    stamp = time.strftime("%Y-%m-%d")
    text = (f"Measured {stamp} on {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
            f"{repeats} runs each (median).\n\n" + "\n".join(table)
            + "\n\n| target | measured | |\n|---|---:|---|\n" + "\n".join(targets)
            + "\n\n" + "\n".join(split) + "\n")
    (ROOT / "bench" / "RESULTS.md").write_text("# Benchmark results\n\n" + text, encoding="utf-8")
    print("\n" + "\n".join(targets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
