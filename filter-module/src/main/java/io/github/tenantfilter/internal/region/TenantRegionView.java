// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.region;

import io.github.tenantfilter.api.CacheRegions;
import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.api.RegionView;
import io.github.tenantfilter.internal.cache.TenantLookup;
import io.github.tenantfilter.internal.config.TenantFilterConfig;

/**
 * The tenant cache as a region: its name {@value CacheRegions#TENANT}, its TTLs and size from
 * the settings, its counters from {@link CacheStats}, its invalidation by tenant id.
 */
record TenantRegionView(TenantLookup lookup, TenantFilterConfig config) implements RegionView {

  @Override
  public String name() {
    return CacheRegions.TENANT;
  }

  @Override
  public RegionStats stats() {
    CacheStats s = lookup.stats();
    return new RegionStats(CacheRegions.TENANT, config.redisTtl(), config.localCacheTtl(),
        config.localCacheSize(), s.localSize(), s.lookups(), s.localHits() + s.negativeHits(),
        s.redisHits(), s.redisMisses(), s.storeLoads(), s.storeErrors(), s.redisErrors(),
        s.redisSkipped(), 0, 0);
  }

  @Override
  public void invalidate(String tenantId) {
    lookup.invalidate(tenantId);
  }

  @Override
  public void invalidateAll() {
    lookup.invalidateAll();
  }

  @Override
  public String toString() {
    return "CacheRegion[" + CacheRegions.TENANT + ", the tenant cache]";
  }
}
