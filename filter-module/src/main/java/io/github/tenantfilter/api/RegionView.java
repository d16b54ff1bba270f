// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

/**
 * What every cache region shows and allows, the tenant cache ({@value CacheRegions#TENANT})
 * included: its name, statistics and invalidation.
 *
 * <pre>{@code
 * for (RegionView region : regions.regions()) {
 *   log.info(region.name() + " " + region.stats());
 * }
 * regions.find("tenant").ifPresent(tenant -> tenant.invalidate("acme"));
 * }</pre>
 */
public interface RegionView {

  /** {@return the region's name} */
  String name();

  /** {@return the counters since the application started} */
  RegionStats stats();

  /**
   * Removes {@code key} from the heap tier of every node and from Redis; a load that began
   * before it does not write the old value back. For the tenant region the key is a tenant id
   * (see {@link TenantCache#invalidateTenantCache}). When Redis cannot be reached, its entry is
   * removed as soon as it answers again.
   *
   * @param key the key (for the tenant region, a tenant id)
   * @throws NullPointerException if {@code key} is {@code null}
   * @throws IllegalArgumentException if {@code key} is empty or too long (or, for the tenant
   *     region, not a well-formed tenant id)
   */
  void invalidate(String key);

  /** Removes every value of this region from the heap tier of every node and from Redis. */
  void invalidateAll();
}
