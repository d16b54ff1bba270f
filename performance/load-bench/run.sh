#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 the tenant-filter authors
# The load benchmark of docs/benchmarks.md: Payara Micro 6.2025.10 serving the benchmark WAR,
# wrk replaying a Zipf(1.0) sequence over 10,000 tenant hosts, one server boot per variant (no
# tenant resolution, no cache, the original fix, tenant-filter with L1 1,000 / 10,000 / 10,000 and
# a 600 s L1 TTL). Seeds its own PostgreSQL schema (tenant_filter_loadbench) and starts its own
# redis-server; writes performance/load-bench/results/load-results.{json,csv} and load-*.png, and
# the generated section of docs/benchmarks.md. Takes about 20 minutes on 2 cores.
#
# Settings (system properties, add to BENCH_OPTS): -Dbench.reps=3 -Dbench.duration=20
# -Dbench.warmup=20 -Dbench.connections=16 -Dbench.threads=1 -Dbench.latency=10
# -Dbench.variants=ceiling,tf-l1-10k (a subset) -Dbench.jfr=true (a flight recording per server,
# in performance/load-bench/target/load/) -Dbench.out=DIR (write results elsewhere than
# performance/load-bench/results) -Dbench.reference=true -Dbench.reference.duration=10 (a second
# ceiling server runs just before and after every measured run; "vs ceiling" is the median of
# those paired ratios) -Dbench.perf=true (perf record of the whole machine during each variant's
# middle run, servers with -XX:+PreserveFramePointer; read target/load/<variant>.perf.txt with
# perf-breakdown.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null; then
  echo "wrk not found; installing the Debian package" >&2
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk; }
fi
# shellcheck disable=SC2086
mvn -B -q -ntp -Pbench,load-run -pl performance/load-bench -am -DskipTests package ${BENCH_OPTS:-}
