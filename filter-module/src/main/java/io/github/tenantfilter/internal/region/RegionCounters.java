// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.region;

import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.internal.engine.TierCounters;
import java.util.concurrent.atomic.LongAdder;

/**
 * A region's counters, beyond those every tiered cache has ({@link TierCounters}).
 */
final class RegionCounters extends TierCounters {
  final LongAdder gets = new LongAdder();
  final LongAdder corruptValues = new LongAdder();
  final LongAdder invalidations = new LongAdder();

  RegionStats snapshot(String name, RegionSpec spec, long localSize) {
    return new RegionStats(name, spec.ttl(), spec.localTtl(), spec.localSize(), localSize,
        gets.sum(), localHits.sum(), redisHits.sum(), redisMisses.sum(), loads.sum(),
        loadErrors.sum(), redisErrors.sum(), redisSkipped.sum(), corruptValues.sum(),
        invalidations.sum());
  }
}
