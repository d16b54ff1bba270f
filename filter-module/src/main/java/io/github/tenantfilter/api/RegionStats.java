// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import java.time.Duration;

/**
 * Counters of one cache region since the application started: plain counts, so that a monitor
 * can compute rates over any window. For the tenant region ({@value CacheRegions#TENANT}) they
 * come from its {@link CacheStats}: gets are lookups, local hits include remembered unknown
 * hosts, loads are store queries.
 *
 * <pre>{@code
 * RegionStats s = regions.find("plans").orElseThrow().stats();
 * log.info(s.name() + ": " + s.loads() + " loads for " + s.gets() + " gets");
 * }</pre>
 *
 * @param name the region's name
 * @param ttl how long a value lives in Redis
 * @param localTtl how long a value lives in the heap tier
 * @param localCapacity the most values the heap tier holds
 * @param localSize values in the heap tier now (expired ones not yet reclaimed included)
 * @param gets reads ({@code get} and {@code getIfPresent})
 * @param localHits reads answered by the heap tier (L1), with no network call
 * @param redisHits reads answered by Redis (L2)
 * @param redisMisses reads that Redis could not answer
 * @param loads calls of the loader (the source of truth)
 * @param loadErrors loader calls that threw
 * @param redisErrors Redis calls that failed (unreachable, timed out, broken reply)
 * @param redisSkipped Redis calls not made because the circuit breaker was open
 * @param corruptValues values in Redis that could not be read back (deleted, treated as misses)
 * @param invalidations keys and whole-region invalidations made here or heard from other nodes
 */
public record RegionStats(
    String name,
    Duration ttl,
    Duration localTtl,
    long localCapacity,
    long localSize,
    long gets,
    long localHits,
    long redisHits,
    long redisMisses,
    long loads,
    long loadErrors,
    long redisErrors,
    long redisSkipped,
    long corruptValues,
    long invalidations) {

  /** {@return the share of reads answered without the loader, from 0 to 1 (1 when none)} */
  public double hitRate() {
    return gets == 0 ? 1.0 : (double) (localHits + redisHits) / gets;
  }
}
