// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

/**
 * Control of the tenant cache: invalidation and statistics. Inject it:
 *
 * <pre>{@code
 * @Inject TenantCache cache;
 *
 * tenants.changePlan(id, "enterprise");
 * cache.invalidateTenantCache(id);
 * CacheStats stats = cache.getCacheStats();
 * }</pre>
 */
public interface TenantCache {

  /**
   * Removes every cached key of the tenant (its id, its subdomain and every custom domain it has
   * had) from the heap tier and from Redis, and forgets every remembered unknown host, so that
   * the next request reads the store. Returns after both tiers are clean; when Redis cannot be
   * reached, its entries expire by their TTL.
   *
   * @param tenantId the tenant's id
   * @throws NullPointerException if {@code tenantId} is {@code null}
   * @throws IllegalArgumentException if {@code tenantId} is not a well-formed id (letters,
   *     digits, {@code _ . -}, at most 64); no such tenant can be cached
   * @throws IllegalStateException if the web application has not started the filter yet
   */
  void invalidateTenantCache(String tenantId);

  /**
   * Empties the heap tier and removes every tenant key under this application's prefix from
   * Redis.
   *
   * @throws IllegalStateException if the web application has not started the filter yet
   */
  void invalidateAll();

  /** {@return the counters since the application started} */
  CacheStats getCacheStats();
}
