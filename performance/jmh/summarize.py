#!/usr/bin/env python3
"""Prints a Markdown table of JMH JSON results: score, ops/s (all threads), B/op, ratios.

   python3 performance/jmh/summarize.py performance/jmh/results/hotpath.json [more.json ...]
"""
import json
import statistics
import sys


def rows(path):
    for r in json.load(open(path)):
        name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
        host = r.get("params", {}).get("host", "")
        p = r["primaryMetric"]
        raw = [x for fork in p["rawData"] for x in fork]
        median = statistics.median(raw)
        unit = p["scoreUnit"]
        per_op_ns = median * (1000.0 if unit.startswith("us") else 1.0)
        threads = r["threads"]
        ops = threads * 1e9 / per_op_ns
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        yield name, host, threads, median, p["score"], p["scoreError"], unit, ops, alloc, len(raw)


def main():
    table = [row for path in sys.argv[1:] for row in rows(path)]
    floors = {}
    for name, host, threads, median, *_ in table:
        cls, bench = name.split(".")
        if bench in ("chmGet", "ehcacheGet"):
            floors[(cls, bench)] = median
    print("| benchmark | host | threads | median | mean ± 99.9% | ops/s (all threads) | B/op "
          "| × CHM | × Ehcache | samples |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, host, threads, median, score, error, unit, ops, alloc, n in table:
        cls = name.split(".")[0]
        chm = floors.get((cls, "chmGet"))
        eh = floors.get((cls, "ehcacheGet"))
        ratio = lambda f: f"{median / f:.1f}" if f and unit.startswith("ns") else ""
        print(f"| {name} | {host} | {threads} | {median:.1f} {unit} | {score:.1f} ± {error:.1f} "
              f"| {ops:,.0f} | {'' if alloc is None else f'{alloc:.0f}'} | {ratio(chm)} "
              f"| {ratio(eh)} | {n} |")


if __name__ == "__main__":
    main()
