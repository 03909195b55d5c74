#!/usr/bin/env python3
"""Save-to-reload under `sitegen serve` and `hugo server` on the same generated corpus.

For each server: start it on a free port, wait until it serves, then edit activity files one
at a time as an editor saves them (the new text written to a file beside the corpus, renamed
over the old one), alternating a body edit (a new last paragraph) and a title edit (a word
added to the title). Each edit's time runs from the rename to the first response of
`/activities/ID/` that carries the new text, polled over one kept-alive connection. Every
edited file is restored at the end.

    python3 Benchmarks/serve_latency.py --sitegen BIN --templates Templates \\
        --corpus /tmp/sitegen-bench/10000 --work /tmp/sitegen-bench/out/serve --edits 24 --json serve.json

The corpus folder is the one `generate_corpus.py N DIR` writes (DIR/sitegen/content, DIR/hugo).
Python 3 standard library only.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

POLL_SECONDS = 0.005


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def save(path, text, scratch):
    """Writes as editors do: a new file beside the corpus, renamed over the old one."""
    temporary = os.path.join(scratch, ".saving")
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.rename(temporary, path)


class Server:
    """A server process whose output is read on a thread; `wait_for` finds a line by pattern."""

    def __init__(self, name, argv, cwd, ready_pattern):
        self.name = name
        self.lines = []
        self.cond = threading.Condition()
        self.started = time.perf_counter()
        self.process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()
        self.ready = self.wait_for(ready_pattern, timeout=900)
        self.startup_s = time.perf_counter() - self.started

    def _read(self):
        for line in self.process.stdout:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def wait_for(self, pattern, timeout):
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        seen = 0
        with self.cond:
            while True:
                for line in self.lines[seen:]:
                    match = regex.search(line)
                    if match:
                        return match
                seen = len(self.lines)
                if self.process.poll() is not None:
                    raise SystemExit(f"{self.name} exited:\n" + "\n".join(self.lines[-30:]))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SystemExit(f"{self.name} not ready after {timeout} s:\n" + "\n".join(self.lines[-30:]))
                self.cond.wait(min(left, 1))

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Poller:
    """GETs one path over a kept-alive connection, reconnecting when the server closes it."""

    def __init__(self, port):
        self.port = port
        self.connection = None

    def get(self, path):
        for _ in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.connection.request("GET", path)
                response = self.connection.getresponse()
                return response.status, response.read().decode("utf-8", "replace")
            except (http.client.HTTPException, OSError):
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
        return 0, ""

    def wait_for_text(self, path, text, timeout):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            status, body = self.get(path)
            if status == 200 and text in body:
                return time.perf_counter()
            time.sleep(POLL_SECONDS)
        return None


def pick_activities(folder, count):
    """`count` activity ids spread evenly over the corpus (ids start with their date)."""
    ids = sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".md") and not name.startswith("_"))
    step = len(ids) / count
    return [ids[int(step * i + step / 2)] for i in range(count)]


def edit(text, kind, marker):
    """A body edit appends a paragraph; a title edit adds a word inside the quoted title."""
    if kind == "body":
        return text.rstrip("\n") + f"\n\nThe participants also reviewed the outcomes ({marker}).\n"
    new, count = re.subn(r'^(title: ".*)"$', lambda m: m.group(1) + f' {marker}"', text, count=1, flags=re.M)
    if count != 1:
        raise SystemExit("no quoted title line to edit")
    return new


def run(name, server, activities_folder, base_path, ids, scratch, timeout):
    poller = Poller(server.port)
    originals = {}
    latencies, kinds, rebuilds = [], [], []
    try:
        for i, activity in enumerate(ids):
            path = f"{base_path}activities/{activity}/"
            status, _ = poller.get(path)
            if status != 200:
                raise SystemExit(f"{name}: {path} answers {status} before the edit")
            file = os.path.join(activities_folder, activity + ".md")
            lines_before = len(server.lines)
            with open(file, encoding="utf-8") as f:
                originals[file] = f.read()
            kind = "body" if i % 2 == 0 else "title"
            marker = f"Zq{kind}{i}x"
            time.sleep(0.7)  # the server idle, as when an editor saves (0.3 s more after each edit)
            save(file, edit(originals[file], kind, marker), scratch)
            saved = time.perf_counter()
            served = poller.wait_for_text(path, marker, timeout)
            if served is None:
                raise SystemExit(f"{name}: edit {i} ({kind} of {activity}) not served after {timeout} s:\n" + "\n".join(server.lines[-20:]))
            latencies.append((served - saved) * 1000)
            kinds.append(kind)
            time.sleep(0.3)  # its log line comes after the page is written
            # What the server says the rebuild took (sitegen: "Rebuilt N pages, M files changed in X ms").
            said_lines = [line for line in server.lines[lines_before:] if line.startswith("Rebuilt ")]
            reported = [m.group(1) for line in said_lines for m in [re.search(r"^Rebuilt .* in (\d+) ms", line)] if m]
            rebuilds.append(float(reported[-1]) if reported else None)
            said = f", the server says {reported[-1]} ms" if reported else ""
            if said_lines and "[" in said_lines[-1]:
                said += " " + said_lines[-1][said_lines[-1].index("["):]
            print(f"  {name} edit {i + 1}/{len(ids)} ({kind}): {latencies[-1]:.0f} ms{said}", file=sys.stderr)
    finally:
        for file, text in originals.items():
            save(file, text, scratch)
    return latencies, kinds, rebuilds


def summary(latencies, kinds, rebuilds, startup):
    ordered = sorted(latencies)
    p95 = ordered[max(0, -(-95 * len(ordered) // 100) - 1)]  # nearest rank
    return {
        "median_ms": statistics.median(latencies), "p95_ms": p95, "min_ms": ordered[0], "max_ms": ordered[-1],
        "body_median_ms": statistics.median([x for x, k in zip(latencies, kinds) if k == "body"]),
        "title_median_ms": statistics.median([x for x, k in zip(latencies, kinds) if k == "title"]),
        "startup_s": startup, "latencies_ms": latencies, "kinds": kinds,
        "server_rebuild_ms": rebuilds,
        "server_rebuild_median_ms": statistics.median([x for x in rebuilds if x is not None]) if any(x is not None for x in rebuilds) else None,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sitegen", required=True, help="sitegen binary")
    ap.add_argument("--templates", required=True)
    ap.add_argument("--corpus", required=True, help="folder written by generate_corpus.py")
    ap.add_argument("--work", required=True, help="new folder for outputs and saves, on the corpus's file system")
    ap.add_argument("--edits", type=int, default=24)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--stages", action="store_true", help="run `sitegen serve --verbose` and print each rebuild's stages")
    args = ap.parse_args()
    if args.edits < 2:
        ap.error("--edits must be at least 2")
    # The servers run in the work folder: every path absolute.
    for name in ("sitegen", "templates", "corpus", "work"):
        setattr(args, name, os.path.abspath(getattr(args, name)))

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    content = os.path.join(args.corpus, "sitegen", "content")
    activities = os.path.join(content, "activities")
    count = len([n for n in os.listdir(activities) if n.endswith(".md")])
    ids = pick_activities(activities, args.edits)
    results = {}

    print(f"sitegen serve, {count} activities", file=sys.stderr)
    sitegen = Server("sitegen", [args.sitegen, "serve", "--content", content, "--templates", args.templates,
                                 "--output", os.path.join(args.work, "sitegen-public"), "--port", "0"]
                    + (["--verbose"] if args.stages else []),
                     cwd=args.work, ready_pattern=r"Serving http://127\.0\.0\.1:(\d+)(/\S*)")
    sitegen.port = int(sitegen.ready.group(1))
    try:
        latencies, kinds, rebuilds = run("sitegen", sitegen, activities, sitegen.ready.group(2), ids, args.work, args.timeout)
    finally:
        sitegen.stop()
    results["sitegen serve"] = summary(latencies, kinds, rebuilds, sitegen.startup_s)

    if not args.no_hugo:
        hugo_source = os.path.join(args.corpus, "hugo")
        port = free_port()
        print(f"hugo server, {count} activities", file=sys.stderr)
        hugo = Server("hugo", ["hugo", "server", "--source", hugo_source, "--bind", "127.0.0.1", "--port", str(port),
                               "--noBuildLock", "--cacheDir", os.path.join(args.work, "hugo-cache")],
                      cwd=args.work, ready_pattern=r"Web Server is available at")
        hugo.port = port
        try:
            latencies, kinds, rebuilds = run("hugo", hugo, os.path.join(hugo_source, "content", "activities"), "/", ids, args.work, args.timeout)
        finally:
            hugo.stop()
        results["hugo server"] = summary(latencies, kinds, rebuilds, hugo.startup_s)

    report = {
        "activities": count, "edits": len(ids), "body_edits": (len(ids) + 1) // 2, "title_edits": len(ids) // 2,
        "poll_ms": POLL_SECONDS * 1000,
        "notes": "Each server with its defaults (`sitegen serve` answers with a rebuild's files from memory while it writes them to disk; `hugo server` renders into memory, "
                 "fast render mode on); one second of quiet before each edit.",
        "servers": results,
    }
    for name, r in results.items():
        print(f"{name}: median {r['median_ms']:.0f} ms, 95th percentile {r['p95_ms']:.0f} ms "
              f"(body {r['body_median_ms']:.0f}, title {r['title_median_ms']:.0f}), startup {r['startup_s']:.1f} s", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
