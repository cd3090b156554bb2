#!/usr/bin/env python3
"""newskg's throughput benchmarks: one command, one table.

    python3 benches/run.py                      # N = 10,000, 30,000 and 100,000 articles
    python3 benches/run.py --sizes 2000,5000    # quicker

For each N it generates a corpus with `newskg gen-corpus` (deterministic, ~2.2 KB per
article) and measures, each as a separate process with its wall time, CPU time and peak
resident memory:

  extract   the extractor alone on every core (`extract --format summary`), and its rate
            per core (text bytes per CPU second)
  build     `newskg build` into a fresh store
  load      `oxigraph load` (crate oxigraph-cli, the Oxigraph version newskg links) of the
            same quads exported as N-Quads, into a fresh store; the ratio build / load.
            Then `oxigraph optimize` of that store: `load` leaves it uncompacted, while
            newskg's first build compacts, so build is also set against load + optimize
  rebuild   `newskg build` again on the unchanged corpus (everything skipped)
  add 1k    1,000 new articles built into the N-article store, against 1,000 articles
            built into a fresh store
  queries   `ask who-attacked-where --place PLACE`, `stats`, `ask who-attacked-where`
            (all rows) and `export --format graphml` on the N-article store

The oxigraph CLI is installed on first use under target/bench-tools (it compiles RocksDB,
about 10 minutes). Work files go to target/bench (several GB at N = 100,000); results are
also written to target/bench/results.json.
"""

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
NEWSKG = TARGET / "release" / "newskg"
TOOLS = TARGET / "bench-tools"
OXIGRAPH = TOOLS / "bin" / "oxigraph"


def run(cmd, stdout=None):
    """Runs a command with stdout to the file `stdout` (or discarded); returns its wall
    seconds, CPU seconds, peak RSS in MB and stderr."""
    with tempfile.TemporaryFile() as err, open(stdout or os.devnull, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=err)
        # wait4 gives this child's own resource usage, not a maximum over all children.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{stderr}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "stderr": stderr,
    }


def oxigraph_version():
    lock = (ROOT / "Cargo.lock").read_text()
    m = re.search(r'name = "oxigraph"\nversion = "([^"]+)"', lock)
    if not m:
        sys.exit("no oxigraph in Cargo.lock")
    return m.group(1)


def ensure_oxigraph_cli():
    version = oxigraph_version()
    if OXIGRAPH.exists():
        out = subprocess.run([OXIGRAPH, "--version"], capture_output=True, text=True)
        if version in out.stdout:
            return version
    print(f"installing oxigraph-cli {version} under {TOOLS} (compiles RocksDB, ~10 min)...",
          file=sys.stderr)
    subprocess.run(
        ["cargo", "install", "oxigraph-cli", "--version", f"={version}",
         "--no-default-features", "--locked", "--root", TOOLS,
         "--target-dir", TOOLS / "build"],
        check=True,
    )
    return version


def summary_numbers(stderr):
    """Counts from `newskg build`'s summary line."""
    line = [l for l in stderr.splitlines() if l.startswith("read ")][-1]
    nums = {
        "read": int(re.search(r"read (\d+) articles", line).group(1)),
        "added": int(re.search(r"(\d+) added", line).group(1)),
        "unchanged": int(re.search(r"(\d+) unchanged", line).group(1)),
        "quads": int(re.search(r"(\d+) quads written", line).group(1)),
        "store_quads": int(re.search(r"\((\d+) in store\)", line).group(1)),
    }
    m = re.search(r"store compacted in ([\d.]+) s", line)
    nums["compaction"] = float(m.group(1)) if m else 0.0
    return nums


def fresh(path):
    if path.exists():
        shutil.rmtree(path)
    return path


def bench(n, work, place):
    corpus = work / f"corpus-{n}.jsonl"
    if not corpus.exists():
        run([NEWSKG, "gen-corpus", "--articles", n, "--out", corpus])
    new1k = work / f"new1k-{n}.jsonl"
    if not new1k.exists():
        run([NEWSKG, "gen-corpus", "--start", n, "--articles", 1000, "--out", new1k])
    first1k = work / "first1k.jsonl"
    if not first1k.exists():
        run([NEWSKG, "gen-corpus", "--start", 10_000_000, "--articles", 1000, "--out", first1k])
    size_mb = corpus.stat().st_size / 1e6
    r = {"n": n, "corpus_mb": size_mb}

    line = work / f"extract-{n}.txt"
    r["extract"] = run([NEWSKG, "extract", "--format", "summary", corpus], stdout=line)
    text = line.read_text()
    r["extract_text_mb"] = int(re.search(r"(\d+) bytes of text", text).group(1)) / 1e6
    r["extract_attacks"] = int(re.search(r"(\d+) attacks", text).group(1))

    store = fresh(work / f"store-{n}")
    b = run([NEWSKG, "build", "-q", corpus, "--store", store])
    b.update(summary_numbers(b["stderr"]))
    r["build"] = b

    nq = work / f"dump-{n}.nq"
    run([NEWSKG, "export", "--store", store, "--format", "nquads", "--out", nq])
    r["nquads_mb"] = nq.stat().st_size / 1e6

    rb = run([NEWSKG, "build", "-q", corpus, "--store", store])
    rb.update(summary_numbers(rb["stderr"]))
    r["rebuild"] = rb

    queries = {
        "place": [NEWSKG, "ask", "who-attacked-where", "--place", place, "--store", store,
                  "--format", "csv"],
        "stats": [NEWSKG, "stats", "--store", store],
        "all": [NEWSKG, "ask", "who-attacked-where", "--store", store, "--format", "csv"],
        "graphml": [NEWSKG, "export", "--store", store, "--format", "graphml",
                    "--out", work / f"graph-{n}.graphml"],
    }
    r["queries"] = {}
    for name, cmd in queries.items():
        if name in ("place", "all"):
            q = run(cmd, stdout=work / f"{name}-{n}.csv")
            q["rows"] = max(0, sum(1 for _ in open(work / f"{name}-{n}.csv", "rb")) - 1)
        else:
            q = run(cmd)
        r["queries"][name] = q

    add = run([NEWSKG, "build", "-q", new1k, "--store", store])
    add.update(summary_numbers(add["stderr"]))
    r["add1k"] = add
    small = fresh(work / "store-1k")
    one = run([NEWSKG, "build", "-q", first1k, "--store", small])
    one.update(summary_numbers(one["stderr"]))
    r["fresh1k"] = one
    shutil.rmtree(small)
    shutil.rmtree(store)

    # The reference runs last, so its gigabytes of writes do not cool the page cache
    # under the queries above.
    oxstore = fresh(work / f"oxigraph-{n}")
    r["load"] = run([OXIGRAPH, "load", "--location", oxstore, "--file", nq])
    # `oxigraph load` leaves the store uncompacted and advises `optimize` before a
    # read-heavy workload; newskg's first build compacts. Both are timed.
    r["optimize"] = run([OXIGRAPH, "optimize", "--location", oxstore])
    nq.unlink()
    shutil.rmtree(oxstore)
    return r


def table(results, machine):
    rows = []
    add = rows.append
    add("| N articles | " + " | ".join(f"{r['n']:,}" for r in results) + " |")
    add("|---|" + "---|" * len(results))

    def line(label, f):
        add(f"| {label} | " + " | ".join(f(r) for r in results) + " |")

    line("corpus (JSON Lines)", lambda r: f"{r['corpus_mb']:.0f} MB")
    line("extract: wall", lambda r: f"{r['extract']['wall']:.1f} s")
    line("extract: MB/s per core (text / CPU s)",
         lambda r: f"{r['extract_text_mb'] / r['extract']['cpu']:.1f}")
    line("extract: µs CPU per KB (linearity)",
         lambda r: f"{r['extract']['cpu'] / (r['extract_text_mb'] * 1000) * 1e6:.0f}")
    line("build: wall (of which compaction)",
         lambda r: f"{r['build']['wall']:.1f} s ({r['build']['compaction']:.1f} s)")
    line("build: articles/s", lambda r: f"{r['n'] / r['build']['wall']:,.0f}")
    line("build: MB/s", lambda r: f"{r['corpus_mb'] / r['build']['wall']:.1f}")
    line("build: quads/s", lambda r: f"{r['build']['quads'] / r['build']['wall']:,.0f}")
    line("build: peak RSS", lambda r: f"{r['build']['rss_mb']:.0f} MB")
    line("oxigraph load of the same quads", lambda r: f"{r['load']['wall']:.1f} s")
    line("oxigraph load: peak RSS", lambda r: f"{r['load']['rss_mb']:.0f} MB")
    line("**build / oxigraph load**", lambda r: f"**{r['build']['wall'] / r['load']['wall']:.2f}×**")
    line("build without its compaction / oxigraph load",
         lambda r: f"{(r['build']['wall'] - r['build']['compaction']) / r['load']['wall']:.2f}×")
    line("oxigraph optimize of the loaded store", lambda r: f"{r['optimize']['wall']:.1f} s")
    line("build / (oxigraph load + optimize)",
         lambda r: f"{r['build']['wall'] / (r['load']['wall'] + r['optimize']['wall']):.2f}×")
    line("rebuild unchanged", lambda r: f"{r['rebuild']['wall']:.1f} s")
    line("**first build / rebuild**",
         lambda r: f"**{r['build']['wall'] / r['rebuild']['wall']:.0f}×**")
    line("add 1,000 new articles to the store", lambda r: f"{r['add1k']['wall']:.1f} s")
    line("1,000 articles into a fresh store", lambda r: f"{r['fresh1k']['wall']:.1f} s")
    line("`ask who-attacked-where --place P`",
         lambda r: f"{r['queries']['place']['wall']:.2f} s ({r['queries']['place']['rows']:,} rows)")
    line("`stats`", lambda r: f"{r['queries']['stats']['wall']:.2f} s")
    line("`ask who-attacked-where` (all rows)",
         lambda r: f"{r['queries']['all']['wall']:.2f} s ({r['queries']['all']['rows']:,} rows)")
    line("`export --format graphml`", lambda r: f"{r['queries']['graphml']['wall']:.2f} s")
    return "\n".join([machine, ""] + rows)


def machine_line():
    cpu = ""
    try:
        for l in open("/proc/cpuinfo"):
            if l.startswith("model name"):
                cpu = l.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for l in open("/proc/meminfo"):
            if l.startswith("MemTotal"):
                mem = f"{int(l.split()[1]) / 1024 / 1024:.0f} GB RAM"
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem}, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,30000,100000",
                    help="comma-separated corpus sizes (articles)")
    ap.add_argument("--place", default="Kirkuk",
                    help="the place for the filtered question (default Kirkuk)")
    ap.add_argument("--work", default=str(TARGET / "bench"), help="folder for work files")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    version = ensure_oxigraph_cli()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in sizes:
        print(f"N = {n:,} ...", file=sys.stderr)
        r = bench(n, work, args.place)
        results.append(r)
    machine = f"{machine_line()}; newskg {NEWSKG}, oxigraph-cli {version}"
    for r in results:
                # The processes' messages stay out of the results file.
        for part in ("extract", "build", "load", "rebuild", "add1k", "fresh1k"):
            r[part].pop("stderr", None)
        for q in r["queries"].values():
            q.pop("stderr", None)
    (work / "results.json").write_text(json.dumps(results, indent=1))
    print(table(results, machine))


if __name__ == "__main__":
    main()
