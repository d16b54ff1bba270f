#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 the tenant-filter authors
"""Where a whole-machine profile of the load benchmark spends its CPU, per request.

Reads the `perf script -F comm,tid,ip,sym` text LoadBench writes with -Dbench.perf=true
(performance/load-bench/target/load/<variant>.perf.txt; the server runs with
-XX:+PreserveFramePointer and writes its JIT symbols, so Java frames have names) and prints, for
each file, the CPU time per request of every process group and, inside the server's request
threads, of the code below the filter:

  python3 performance/load-bench/perf-breakdown.py ceiling.perf.txt:22200 tf-default.perf.txt:12100

FILE:RPS gives the requests/s of the recorded run (the log line of that run), so that samples
(perf records at 999 Hz on every CPU) turn into microseconds of CPU per request.
"""
import collections
import sys

HZ = 999.0


def samples(path):
    cur = None
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                continue
            if not line[0].isspace():
                if cur:
                    yield cur
                cur = (line.split()[0], [])
            elif cur:
                text = line.strip()
                cur[1].append(text.split(" ", 1)[1] if " " in text else text)
    if cur:
        yield cur


def group(comm):
    if comm.startswith("http-thread"):
        return "server: request threads"
    if comm.startswith("http-listene"):
        return "server: connection (NIO) threads"
    if comm == "wrk":
        return "wrk (load generator)"
    if comm.startswith("redis"):
        return "redis-server"
    if comm.startswith("postgres"):
        return "postgres"
    if comm == "swapper":
        return "idle"
    return "other (JIT compiler, GC, background threads, other processes)"


def request_part(frames):
    """frames: leaf first. Which part of a request-thread sample it is."""
    def first(pred):
        for i, f in enumerate(frames):
            if pred(f):
                return i
        return None
    tf = first(lambda f: "io.github.tenantfilter." in f and ".bench." not in f)
    app = first(lambda f: "StandardWrapper.service" in f or "HelloServlet" in f)
    if tf is None or (app is not None and app < tf):
        return "container and servlet (not the filter)"
    if first(lambda f: "redis.clients." in f) is not None:
        return "filter: Redis calls (Jedis, socket, kernel)"
    if first(lambda f: "faulttolerance" in f) is not None:
        return "filter: Fault Tolerance interceptor (the server's)"
    if first(lambda f: "org.eclipse.parsson" in f or "java.time.format" in f) is not None:
        return "filter: decoding tenants read from Redis (JSON)"
    if first(lambda f: "ReadThrough" in f) is not None:
        return "filter: other miss-path work (heap tier put, single flight)"
    return "filter: heap-tier hit path (identify, look up, bind)"


def main(args):
    for arg in args:
        path, _, rps = arg.rpartition(":")
        if not path:
            path, rps = rps, "0"
        rps = float(rps)
        groups = collections.Counter()
        parts = collections.Counter()
        total = 0
        for comm, frames in samples(path):
            total += 1
            g = group(comm)
            groups[g] += 1
            if g == "server: request threads":
                parts[request_part(frames)] += 1
        seconds = total / HZ / 2  # 2 CPUs sampled: nominal wall time of the recording
        print(f"== {path}: {total} samples (~{seconds:.1f} s on 2 CPUs)"
              + (f", {rps:,.0f} requests/s" if rps else ""))

        def row(name, n):
            us = n / HZ / (rps * seconds) * 1e6 if rps else float("nan")
            print(f"  {n / total * 100:5.1f} %  {us:6.1f} us/request  {name}")
        for name, n in groups.most_common():
            row(name, n)
            if name == "server: request threads":
                for pname, pn in parts.most_common():
                    row("    " + pname, pn)


if __name__ == "__main__":
    main(sys.argv[1:])
