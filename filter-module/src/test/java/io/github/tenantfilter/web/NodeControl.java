// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.RegionStats;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a test does with one application {@link Node}, typed, in JDK types and the filter's two
 * statistics records only.
 *
 * <p>Because a node may live in a class loader of its own ({@link IsolatedNode}): that loader
 * takes this interface, its nested types and the two records {@link CacheStats} and {@link
 * RegionStats} (values of JDK types, without state) from the test's loader, and everything else
 * again from the class path, so the test and the node share these and the JDK, and nothing else
 * of the filter. A method that named another filter type ({@code CacheRegion}) would name two
 * different classes on the two sides.
 */
public interface NodeControl extends AutoCloseable {

  /** The tenant id the node resolves {@code host} to, or {@code status:NNN}. */
  String tenantOf(String host);

  /**
   * What a request for {@code host} got: {@code 200 <tenant id> <tenant name>} when the
   * application ran with a tenant, else the status alone.
   */
  String lookup(String host);

  /** Invalidates a tenant through the node's TenantCache. */
  void invalidate(String tenantId);

  /** Empties both tiers through the node's TenantCache, and tells the other nodes. */
  void invalidateAll();

  /** The node's TenantCache counters. */
  CacheStats counters();

  /** The node's counters, as text for failure messages. */
  String describe();

  /** Waits until the node hears other nodes' invalidations. */
  boolean awaitInvalidationChannel(long millis) throws InterruptedException;

  /** The node's cache region {@code name} of longs, with TTL class {@code ttlClass}. */
  RegionControl longRegion(String name, String ttlClass);

  /** The names of the node's cache regions, the tenant cache among them, in their order. */
  List<String> regionNames();

  /** The counters of the node's region {@code name}, if it has one. */
  Optional<RegionStats> regionCounters(String name);

  /** Stops the node. */
  @Override
  void close();

  /** A named cache region of longs on one node: {@code CacheRegion<Long>}, as a test uses it. */
  interface RegionControl {
    Long get(String key, Function<String, Long> loader);

    Optional<Long> getIfPresent(String key);

    void put(String key, long value);

    void invalidate(String key);

    void invalidateAll();

    RegionStats counters();
  }
}
