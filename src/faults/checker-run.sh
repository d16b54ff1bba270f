#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 the tenant-filter authors
# The fault-schedule checker (FaultScheduleIT): seeded schedules of writes, invalidations and
# faults against three nodes sharing a Redis and a PostgreSQL of their own, every lookup checked
# against the promised bounds. Prints target/checker-report.md: schedules, faults by kind,
# lookups checked, violations (0), worst staleness per path. docs/coherence.md has the figures.
#
#   src/faults/checker-run.sh                 # the seeds mvn verify runs
#   src/faults/checker-run.sh PT2H            # soak: seeds from 1000 on, for two hours
#   src/faults/checker-run.sh 1-200           # these seeds (a range or a list: 7,11,13)
set -euo pipefail
cd "$(dirname "$0")/../.."
what="${1:-}"
args=()
case "$what" in
  "") ;;
  P*) args+=("-Dchecker.duration=$what") ;;
  *) args+=("-Dchecker.seeds=$what") ;;
esac
rm -f filter-module/target/checker-report.md
mvn -B -q -ntp -pl filter-module -am verify \
  -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
  -Dit.test=FaultScheduleIT "${args[@]}" || status=$?
cat filter-module/target/checker-report.md
exit "${status:-0}"
