package io.github.tenantfilter.region;

import java.time.Clock;
import java.time.Duration;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.impl.internal.TimeSourceConfiguration;

/**
 * The regions' heap tiers (L1): one bounded Ehcache on-heap cache per region in one cache
 * manager, values held by reference (no copy, no serialisation), time from the given clock so
 * that tests move time instead of sleeping.
 */
final class RegionHeap implements AutoCloseable {

  private final CacheManager manager;

  RegionHeap(Clock clock) {
    this.manager =
        CacheManagerBuilder.newCacheManagerBuilder()
            .using(new TimeSourceConfiguration(clock::millis))
            .build(true);
  }

  /** A new cache of at most {@code size} values, each kept for {@code ttl}. */
  Cache<String, Object> create(String region, int size, Duration ttl) {
    return manager.createCache(
        "region-" + region,
        CacheConfigurationBuilder.newCacheConfigurationBuilder(
                String.class, Object.class, ResourcePoolsBuilder.heap(size))
            .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(ttl)));
  }

  /** Values in {@code cache} now (expired ones not yet reclaimed included). */
  static long size(Cache<String, Object> cache) {
    long size = 0;
    for (Cache.Entry<String, Object> ignored : cache) {
      size++;
    }
    return size;
  }

  @Override
  public void close() {
    manager.close();
  }
}
