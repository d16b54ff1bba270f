// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import java.util.Optional;
import java.util.function.Function;

/**
 * A named two-tier cache for the application's own data: a heap tier (Ehcache, per node) in
 * front of Redis (shared by the nodes), with the application's loader as the source of truth.
 * Get one from {@link CacheRegions}:
 *
 * <pre>{@code
 * @Inject CacheRegions regions;
 *
 * CacheRegion<Plan> plans = regions.region("plans", PLAN_SERIALIZER, RegionSpec.of(TtlClass.LONG));
 * Plan plan = plans.get(tenant.plan(), name -> planDao.find(name));
 * ...
 * planDao.update(plan);
 * plans.invalidate(plan.name());      // every node, both tiers
 * }</pre>
 *
 * <p>The guarantees are the tenant cache's: a heap hit makes no network call; concurrent misses
 * for one key on one node share one load; a load that began before an invalidation never writes
 * its old value back; an invalidation reaches the heap tier of every node (Redis pub/sub; the
 * heap TTL bounds staleness if a message is lost); Redis being down, slow or behind an open
 * circuit breaker never makes a call fail: the heap tier and the loader answer. A value in Redis
 * that cannot be read back is deleted and loaded again.
 *
 * <p>Keys are any non-empty text of up to {@value #MAX_KEY_LENGTH} characters; in Redis they sit
 * under the configured prefix and the region's name, escaped, so no key reaches another region.
 * Thread-safe.
 *
 * @param <V> the values' type
 */
public interface CacheRegion<V> extends RegionView {

  /** The longest key. */
  int MAX_KEY_LENGTH = 512;

  /**
   * The value of {@code key}: from the heap tier, else Redis, else {@code loader} (whose value
   * then fills both tiers). A {@code null} from the loader is returned and not cached.
   *
   * @param key the key, 1 to {@value #MAX_KEY_LENGTH} characters
   * @param loader what finds the value when neither tier has it (the source of truth)
   * @return the value, or {@code null} when the loader returned {@code null}
   * @throws NullPointerException if {@code key} or {@code loader} is {@code null}
   * @throws IllegalArgumentException if {@code key} is empty or longer than {@value
   *     #MAX_KEY_LENGTH}
   * @throws RuntimeException whatever {@code loader} throws (nothing is cached then)
   */
  V get(String key, Function<? super String, ? extends V> loader);

  /**
   * The value of {@code key} if the heap tier or Redis has it; never calls a loader.
   *
   * @param key the key
   * @return the value, or empty when neither tier has it
   * @throws NullPointerException if {@code key} is {@code null}
   * @throws IllegalArgumentException if {@code key} is empty or too long
   */
  Optional<V> getIfPresent(String key);

  /**
   * Stores {@code value} under {@code key} in both tiers, and drops the key from the heap tier of
   * the other nodes, which read the new value from Redis.
   *
   * @param key the key
   * @param value the value
   * @throws NullPointerException if {@code key} or {@code value} is {@code null}
   * @throws IllegalArgumentException if {@code key} is empty or too long
   */
  void put(String key, V value);

  /** {@return how this region keeps its values (after the operator's settings)} */
  RegionSpec spec();
}
