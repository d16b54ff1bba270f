// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import java.util.Map;

/**
 * The tenant-filter of one application, in JMX ({@code io.github.tenantfilter:type=TenantFilter,
 * application=<context path>}): statistics, the circuit breaker, the settings in effect (secrets
 * masked), and invalidation. Registered only with {@code tenant-filter.jmx=true}: invalidation
 * through JMX is as well protected as the server's JMX access, no better.
 */
public interface TenantFilterMXBean {

  /** Every counter of {@link io.github.tenantfilter.api.CacheStats}, by name. */
  Map<String, String> getCacheStats();

  /** Lookups since start. */
  long getLookups();

  /** Heap-tier (L1) hits, unknown hosts remembered included. */
  long getLocalHits();

  /** Redis (L2) hits. */
  long getRedisHits();

  /** Loads from the tenant store. */
  long getStoreLoads();

  /** Share of lookups answered by a cache tier. */
  double getHitRate();

  /** Entries in the heap tier. */
  long getLocalSize();

  /** Whether the circuit around Redis is open. */
  boolean isRedisCircuitOpen();

  /** The settings in effect, secrets masked. */
  Map<String, String> getSettings();

  /** Drops a tenant from every tier on every node. */
  void invalidateTenantCache(String tenantId);

  /** Drops every tenant of this application from every tier on every node. */
  void invalidateAll();
}
