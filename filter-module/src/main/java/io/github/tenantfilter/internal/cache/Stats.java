// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.internal.engine.TierCounters;
import java.util.concurrent.atomic.LongAdder;

/**
 * The tenant cache's counters, beyond those every tiered cache has ({@link TierCounters}).
 *
 * <p>A lookup is counted once, when it is over, in exactly one of {@code localHits}, {@code
 * negativeHits}, {@code redisHits} (a heap miss Redis answered) or {@code otherMisses} (a heap miss
 * answered by the store, a shared load, a stale entry, or not at all); {@code lookups} and {@code
 * localMisses} are their sums. So every snapshot is consistent however it interleaves with
 * lookups in flight, and so is every difference of two: no interval can show more hits than
 * lookups (the stats page's rates; found by StatsIT, whose sampler once read a lookup's count
 * before its hit's).
 */
final class Stats extends TierCounters {
  final LongAdder negativeHits = new LongAdder();
  final LongAdder otherMisses = new LongAdder();
  final LongAdder storeNotFound = new LongAdder();
  final LongAdder staleServed = new LongAdder();
  final LongAdder invalidationReconnects = new LongAdder();
  final LongAdder refreshedAhead = new LongAdder();

  CacheStats snapshot(
      long localSize, boolean redisEnabled, boolean redisAvailable, boolean redisCircuitOpen) {
    long local = localHits.sum();
    long negative = negativeHits.sum();
    long redis = redisHits.sum();
    long other = otherMisses.sum();
    return new CacheStats(
        local + negative + redis + other,
        local,
        negative,
        redis + other,
        redis,
        redisMisses.sum(),
        redisErrors.sum(),
        redisSkipped.sum(),
        redisCircuitOpens.sum(),
        loads.sum(),
        storeNotFound.sum(),
        loadErrors.sum(),
        staleServed.sum(),
        invalidationReconnects.sum(),
        refreshedAhead.sum(),
        localSize,
        redisEnabled,
        redisAvailable,
        redisCircuitOpen);
  }
}
