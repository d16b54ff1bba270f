// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.region;

import java.time.Clock;
import java.time.Duration;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;

/**
 * The regions' heap tiers (L1): one bounded Ehcache on-heap cache per region in one cache
 * manager, values held by reference (no copy, no serialisation).
 *
 * <p>Time comes from the given clock: every value carries the time it expires, checked at each
 * read, so tests move time instead of sleeping. Ehcache's own expiry (the same TTL, on the
 * system's time) only gives the memory of expired values back.
 */
final class RegionHeap implements AutoCloseable {

  private final CacheManager manager;
  private final Clock clock;

  RegionHeap(Clock clock) {
    this.clock = clock;
    this.manager = CacheManagerBuilder.newCacheManagerBuilder().build(true);
  }

  /** A value and the clock time it expires at. */
  private record Timed(Object value, long expiresAt) {}

  /** One region's heap tier. Every method throws {@link IllegalStateException} once closed. */
  final class Tier {
    private final Cache<String, Timed> cache;
    private final long ttlMillis;

    private Tier(Cache<String, Timed> cache, Duration ttl) {
      this.cache = cache;
      this.ttlMillis = ttl.toMillis();
    }

    /** The value of {@code key}, or {@code null} (absent, or expired: then it goes). */
    Object get(String key) {
      Timed timed = cache.get(key);
      if (timed == null) {
        return null;
      }
      if (timed.expiresAt <= clock.millis()) {
        cache.remove(key, timed); // unless replaced meanwhile
        return null;
      }
      return timed.value;
    }

    void put(String key, Object value) {
      cache.put(key, new Timed(value, clock.millis() + ttlMillis));
    }

    void remove(String key) {
      cache.remove(key);
    }

    void clear() {
      cache.clear();
    }

    /** Values held now (expired ones not yet reclaimed included). */
    long size() {
      long size = 0;
      for (Cache.Entry<String, Timed> ignored : cache) {
        size++;
      }
      return size;
    }
  }

  /** A new heap tier of at most {@code size} values, each kept for {@code ttl}. */
  Tier create(String region, int size, Duration ttl) {
    return new Tier(manager.createCache(
        "region-" + region,
        CacheConfigurationBuilder.newCacheConfigurationBuilder(
                String.class, Timed.class, ResourcePoolsBuilder.heap(size))
            .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(ttl))), ttl);
  }

  @Override
  public void close() {
    manager.close();
  }
}
