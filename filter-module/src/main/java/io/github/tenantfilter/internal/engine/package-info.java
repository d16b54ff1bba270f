// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * The engine of a two-tier cache, which the tenant cache ({@code cache}) and the named regions
 * ({@code region}) share, so that each mechanism is written, and fixed, once: the shared tier's
 * interface ({@link SharedTier}) and its one exception, the coherence rules (generation guard,
 * invalidations, the debts the shared tier owes: {@link Coherence}), the read path of a miss
 * ({@link ReadThrough}: shared tier, source, stale-if-error, the guarded fills), single-flight
 * loading that never joins across an invalidation, what a node knows of the shared tier's health,
 * and the counters every cache has. Internal.
 */
package io.github.tenantfilter.internal.engine;
