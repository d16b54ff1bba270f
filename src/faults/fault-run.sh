#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 the tenant-filter authors
# The fault run: each Redis fault of ResilienceIT (kill, DEBUG SLEEP, SIGSTOP, and a TCP proxy
# that delays, truncates, blackholes, refuses and cuts) under 8 threads of load, against a real
# redis-server of its own and the real PostgreSQL, with the real MicroProfile Fault Tolerance.
# Prints one row per fault: requests, failed, wrong tenant, latency before / during / after,
# circuit openings, Redis calls before it opened, Redis commands while it was open, and how long
# after the restore Redis served again. Needs only a JDK and Maven (services as for mvn verify).
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -f filter-module/target/fault-report.md
mvn -B -q -ntp -pl filter-module -am verify \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ResilienceIT
cat filter-module/target/fault-report.md
