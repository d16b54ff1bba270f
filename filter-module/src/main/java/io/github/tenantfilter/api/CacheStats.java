// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

/**
 * Counters of the tenant cache since the application started: plain counts, so that a monitor
 * can compute rates over any window.
 *
 * <pre>{@code
 * CacheStats s = cache.getCacheStats();
 * log.info("hit rate " + s.hitRate() + ", DB queries avoided " + s.storeQueriesAvoided());
 * }</pre>
 *
 * @param lookups tenant lookups (one per request that carries a tenant key)
 * @param localHits lookups answered by the heap tier (L1) with a tenant
 * @param negativeHits lookups answered by the heap tier's memory of unknown hosts
 * @param localMisses lookups the heap tier could not answer
 * @param redisHits heap misses answered by Redis (L2)
 * @param redisMisses heap misses Redis could not answer
 * @param redisErrors Redis calls that failed (unreachable, timed out, broken reply)
 * @param redisSkipped Redis calls not made because the circuit breaker was open
 * @param redisCircuitOpens times the circuit breaker was seen to open
 * @param storeLoads queries sent to the tenant store (PostgreSQL)
 * @param storeNotFound store queries that found no tenant
 * @param storeErrors store queries that failed
 * @param staleServed lookups answered with an entry past its TTL because the store failed
 *     (stale-if-error)
 * @param invalidationReconnects times a channel that brings other nodes' invalidations (Redis
 *     pub/sub, PostgreSQL LISTEN) came back after a break; each dropped the heap tier
 * @param refreshedAhead hot entries reloaded in the background before they expired
 * @param localSize entries now in the heap tier (tenants and unknown hosts)
 * @param redisEnabled whether a Redis tier is configured
 * @param redisAvailable whether the last Redis call succeeded
 * @param redisCircuitOpen whether the last Redis call was refused by the open circuit breaker
 */
public record CacheStats(
    long lookups,
    long localHits,
    long negativeHits,
    long localMisses,
    long redisHits,
    long redisMisses,
    long redisErrors,
    long redisSkipped,
    long redisCircuitOpens,
    long storeLoads,
    long storeNotFound,
    long storeErrors,
    long staleServed,
    long invalidationReconnects,
    long refreshedAhead,
    long localSize,
    boolean redisEnabled,
    boolean redisAvailable,
    boolean redisCircuitOpen) {

  /**
   * {@return no lookups yet, no Redis: what an application whose filter is off or not started
   * reports}
   */
  public static CacheStats empty() {
    return new CacheStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, false, false);
  }

  /** {@return the share of lookups answered without the store, from 0 to 1 (1 when none)} */
  public double hitRate() {
    return lookups == 0 ? 1.0 : (double) (localHits + negativeHits + redisHits) / lookups;
  }

  /** {@return the share of lookups the heap tier answered, from 0 to 1 (1 when none)} */
  public double localHitRate() {
    return lookups == 0 ? 1.0 : (double) (localHits + negativeHits) / lookups;
  }

  /** {@return the lookups that did not become a store query} */
  public long storeQueriesAvoided() {
    return lookups - storeLoads;
  }
}
