// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.api.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;

/**
 * The heap tier (L1): two bounded Ehcache on-heap caches, one for tenants and one for keys known
 * to have none, so that a flood of unknown hosts can never evict a real tenant. Values are held
 * by reference (no copy, no serialisation): a hit costs a hash lookup. A tenant is fresh for the
 * TTL and then kept for the stale-if-error window, when only a failing store may serve it.
 *
 * <p>Time comes from the given {@link Clock}: every entry carries the time it expires, checked at
 * each read, so tests move time instead of sleeping. Ehcache's own expiry (the same TTLs, on the
 * system's time) only gives the memory of expired entries back.
 */
final class LocalTier implements AutoCloseable {

  private final Clock clock;
  private final long ttlMillis;
  private final long staleMillis;
  private final long negativeTtlMillis;
  private final CacheManager manager;
  private final Cache<String, LocalEntry> tenants;
  private final Cache<String, LocalEntry> negatives;

  LocalTier(int size, Duration ttl, int negativeSize, Duration negativeTtl, Clock clock) {
    this(size, ttl, Duration.ZERO, negativeSize, negativeTtl, clock);
  }

  /**
   * Creates the tier.
   *
   * @param staleIfError how long past {@code ttl} a tenant is kept, to be served only when the
   *     store cannot answer
   */
  LocalTier(
      int size,
      Duration ttl,
      Duration staleIfError,
      int negativeSize,
      Duration negativeTtl,
      Clock clock) {
    this.clock = clock;
    this.ttlMillis = ttl.toMillis();
    this.staleMillis = staleIfError.toMillis();
    this.negativeTtlMillis = negativeTtl.toMillis();
    CacheManagerBuilder<CacheManager> builder =
        CacheManagerBuilder.newCacheManagerBuilder()
            .withCache("tenants", config(size, ttl.plus(staleIfError)));
    if (negativeSize > 0) {
      builder = builder.withCache("unknown", config(negativeSize, negativeTtl));
    }
    this.manager = builder.build(true);
    this.tenants = manager.getCache("tenants", String.class, LocalEntry.class);
    this.negatives =
        negativeSize > 0 ? manager.getCache("unknown", String.class, LocalEntry.class) : null;
  }

  private static CacheConfigurationBuilder<String, LocalEntry> config(int size, Duration ttl) {
    return CacheConfigurationBuilder.newCacheConfigurationBuilder(
            String.class, LocalEntry.class, ResourcePoolsBuilder.heap(size))
        .withExpiry(ExpiryPolicyBuilder.timeToLiveExpiration(ttl));
  }

  /** Whether {@code entry} is fresh but within {@code window} millis of going stale. */
  boolean isDueForRefresh(LocalEntry entry, long window) {
    long left = entry.freshUntil - clock.millis();
    return left > 0 && left <= window;
  }

  long ttlMillis() {
    return ttlMillis;
  }

  /** Whether {@code entry} still answers lookups (a stale one serves only a failing store). */
  boolean isFresh(LocalEntry entry) {
    return entry.freshUntil > clock.millis();
  }

  /** The entry for {@code key}, fresh or stale, or {@code null}. */
  LocalEntry get(String key) {
    LocalEntry entry = unexpired(tenants, key);
    if (entry == null && negatives != null) {
      entry = unexpired(negatives, key);
    }
    return entry;
  }

  /** {@code cache}'s entry for {@code key} unless it expired (then it goes, unless replaced). */
  private LocalEntry unexpired(Cache<String, LocalEntry> cache, String key) {
    LocalEntry entry = cache.get(key);
    if (entry != null && entry.expiresAt <= clock.millis()) {
      cache.remove(key, entry);
      return null;
    }
    return entry;
  }

  void putTenant(String key, Tenant tenant) {
    long freshUntil = clock.millis() + ttlMillis;
    tenants.put(key, LocalEntry.of(tenant, freshUntil, freshUntil + staleMillis));
    if (negatives != null) {
      negatives.remove(key);
    }
  }

  /**
   * Remembers that {@code key} has no usable tenant ({@code kind} says why); a stale tenant under
   * it goes.
   */
  void putNegative(String key, LocalEntry.Kind kind) {
    tenants.remove(key);
    if (negatives != null) {
      negatives.put(key, LocalEntry.negative(kind, clock.millis() + negativeTtlMillis));
    }
  }

  void remove(String key) {
    tenants.remove(key);
    if (negatives != null) {
      negatives.remove(key);
    }
  }

  /**
   * Removes every entry that holds tenant {@code tenantId}, whatever key it is under: the keys
   * of domains it no longer has go too. A scan, bounded by the tier's size; invalidations are
   * rare.
   */
  void removeTenant(String tenantId) {
    List<String> keys = new ArrayList<>();
    for (Cache.Entry<String, LocalEntry> entry : tenants) {
      if (entry.getValue().tenant.id().equals(tenantId)) {
        keys.add(entry.getKey());
      }
    }
    keys.forEach(tenants::remove);
  }

  /** Forgets every remembered unknown key. */
  void clearNegatives() {
    if (negatives != null) {
      negatives.clear();
    }
  }

  void clear() {
    tenants.clear();
    clearNegatives();
  }

  /**
   * Whether a tenant is held that a lookup may still get: fresh, or stale within the
   * stale-if-error window (for a failing store). Stops at the first such entry; at worst a scan
   * of the tier, bounded by its size.
   */
  boolean holdsServableTenant() {
    long now = clock.millis();
    for (Cache.Entry<String, LocalEntry> entry : tenants) {
      if (entry.getValue().expiresAt > now) {
        return true;
      }
    }
    return false;
  }

  /** Entries held now, tenants and unknown keys (expired ones not yet reclaimed included). */
  long size() {
    long size = 0;
    for (Cache.Entry<String, LocalEntry> ignored : tenants) {
      size++;
    }
    if (negatives != null) {
      for (Cache.Entry<String, LocalEntry> ignored : negatives) {
        size++;
      }
    }
    return size;
  }

  @Override
  public void close() {
    manager.close();
  }
}
