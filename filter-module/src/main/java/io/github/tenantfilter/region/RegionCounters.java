package io.github.tenantfilter.region;

import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.engine.RemoteCounters;
import java.util.concurrent.atomic.LongAdder;

/**
 * A region's counters, beside those of its remote tier: contention-free adders, read only when
 * someone asks.
 */
final class RegionCounters extends RemoteCounters {
  final LongAdder gets = new LongAdder();
  final LongAdder localHits = new LongAdder();
  final LongAdder redisHits = new LongAdder();
  final LongAdder redisMisses = new LongAdder();
  final LongAdder loads = new LongAdder();
  final LongAdder loadErrors = new LongAdder();
  final LongAdder corruptValues = new LongAdder();
  final LongAdder invalidations = new LongAdder();

  RegionStats snapshot(String name, RegionSpec spec, long localSize) {
    return new RegionStats(name, spec.ttl(), spec.localTtl(), spec.localSize(), localSize,
        gets.sum(), localHits.sum(), redisHits.sum(), redisMisses.sum(), loads.sum(),
        loadErrors.sum(), redisErrors.sum(), redisSkipped.sum(), corruptValues.sum(),
        invalidations.sum());
  }
}
