package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.CacheStats;
import java.util.concurrent.atomic.LongAdder;

/** The lookup's counters: contention-free adders, read only when someone asks. */
final class Stats {
  final LongAdder lookups = new LongAdder();
  final LongAdder localHits = new LongAdder();
  final LongAdder negativeHits = new LongAdder();
  final LongAdder localMisses = new LongAdder();
  final LongAdder redisHits = new LongAdder();
  final LongAdder redisMisses = new LongAdder();
  final LongAdder redisErrors = new LongAdder();
  final LongAdder redisSkipped = new LongAdder();
  final LongAdder redisCircuitOpens = new LongAdder();
  final LongAdder storeLoads = new LongAdder();
  final LongAdder storeNotFound = new LongAdder();
  final LongAdder storeErrors = new LongAdder();
  final LongAdder staleServed = new LongAdder();
  final LongAdder invalidationReconnects = new LongAdder();
  final LongAdder refreshedAhead = new LongAdder();

  CacheStats snapshot(
      long localSize, boolean redisEnabled, boolean redisAvailable, boolean redisCircuitOpen) {
    return new CacheStats(
        lookups.sum(),
        localHits.sum(),
        negativeHits.sum(),
        localMisses.sum(),
        redisHits.sum(),
        redisMisses.sum(),
        redisErrors.sum(),
        redisSkipped.sum(),
        redisCircuitOpens.sum(),
        storeLoads.sum(),
        storeNotFound.sum(),
        storeErrors.sum(),
        staleServed.sum(),
        invalidationReconnects.sum(),
        refreshedAhead.sum(),
        localSize,
        redisEnabled,
        redisAvailable,
        redisCircuitOpen);
  }
}
