#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 the tenant-filter authors
# Builds performance/jmh/target/benchmarks.jar and runs the JMH suite and the heap probe
# (docs/jmh.md).
#   performance/jmh/run.sh        full run (about 20 minutes on 2 cores): results in performance/jmh/results/
#   performance/jmh/run.sh quick  one fork, short iterations (about 3 minutes): results in target/
#   performance/jmh/run.sh full|quick REGEX   only the JMH benchmarks matching REGEX, no heap probe
# Needs PostgreSQL and Redis on loopback for RemotePaths, or starts its own
# (integration-tests/test-support).
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-full}"
only="${2:-}"

mvn -B -ntp -q -Pbench -pl performance/jmh -am package -DskipTests
jar=performance/jmh/target/benchmarks.jar

if [ "$mode" = quick ]; then
  out=performance/jmh/target/results
  jmh=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  heap=(1 100000)
else
  out=performance/jmh/results
  jmh=()   # the classes' own settings: hot path 3 forks x (3 + 5) x 1 s, remote 2 forks x (3 + 5) x 2 s
  heap=(5 1000000)
fi
mkdir -p "$out"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "java: $(java -version 2>&1 | head -n 2 | tr '\n' ' ')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

if [ -n "$only" ]; then
  java -jar "$jar" "$only" "${jmh[@]}" -prof gc -rf json -rff "$out/only.json"
  exit 0
fi
java -jar "$jar" 'bench\.HotPath' "${jmh[@]}" -prof gc -rf json -rff "$out/hotpath.json"
java -jar "$jar" 'bench\.RemotePaths' "${jmh[@]}" -rf json -rff "$out/remote.json"
java -Xmx512m -XX:+UseSerialGC -Djdk.attach.allowAttachSelf=true -cp "$jar" \
  io.github.tenantfilter.bench.HeapFootprint "${heap[@]}" 2>/dev/null | tee "$out/heap.txt"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
