#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 the tenant-filter authors
# The coherence run: nodes in class loaders of their own sharing a Redis of the test's own and
# PostgreSQL (CoherenceIT: a custom domain moved 100 times, through the API and Redis pub/sub,
# and through plain SQL and the LISTEN/NOTIFY trigger; both channels cut), the stale-set race
# forced 10,000 times (StaleWriteBackIT), a stampede and a flood (HotKeyAndFloodIT). Prints
# how long until every node served the new owner (p50/p99/max) and the other figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -f filter-module/target/coherence-report.md
mvn -B -q -ntp -pl filter-module -am verify \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='CoherenceIT,StaleWriteBackIT,HotKeyAndFloodIT'
cat filter-module/target/coherence-report.md
