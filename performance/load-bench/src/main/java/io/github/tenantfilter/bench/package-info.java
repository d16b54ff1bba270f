// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * The load benchmark's WAR: a trivial endpoint ({@code /hello}), the statistics the runner reads
 * ({@code /bench/stats}), and the two designs tenant-filter is compared with, as servlet filters
 * chosen by the system property {@code bench.variant}: {@link
 * io.github.tenantfilter.bench.NoCacheFilter} (one PostgreSQL query per request) and {@link
 * io.github.tenantfilter.bench.OriginalFixFilter} (the original hand-made fix: Redis first, local
 * memory only when Redis fails). Not shipped; see {@code docs/benchmarks.md}.
 */
package io.github.tenantfilter.bench;
