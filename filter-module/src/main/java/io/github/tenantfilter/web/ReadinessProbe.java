// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.internal.config.StoreDownReadiness;
import io.github.tenantfilter.internal.store.JdbcTenantStore;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether this application can serve tenants, without any MicroProfile type (the health check
 * adapts it): ready while the tenant store answers. While it does not, {@code
 * tenant-filter.readiness.store-down} decides: {@code up-while-serving} (the default) stays ready
 * while this node can still serve cached tenants (heap tier within stale-if-error, or Redis), so
 * that a database outage does not take every node out of the load balancer at once; {@code down}
 * is not ready at once. Redis alone never makes it not ready, since the heap tier and the store
 * serve every request without it.
 *
 * <p>The store is asked at most once per {@link #STORE_CHECK_INTERVAL} (the JDBC store runs its
 * by-id query once with an id no tenant has, under its query timeout); probes in between get the
 * last answer, and so does whether cached tenants are served. Redis is not called: its state is
 * what this node's last Redis call found, so a probe adds no load and never waits for a hung
 * Redis.
 */
final class ReadinessProbe {

  /** How long a store check answers for. */
  static final Duration STORE_CHECK_INTERVAL = Duration.ofSeconds(2);
  /** An id no tenant has (well-formed, so an application's store can take it). */
  static final String CHECK_ID = "tenant-filter-health-check";

  /** The outcome: {@code up} and what to show ({@code redis}, {@code store}, {@code cached}). */
  record Report(boolean up, Map<String, String> data) {}

  /** What the probe looks at: the application's runtime, or a stand-in in tests. */
  interface Node {
    /** Whether the filter has started. */
    boolean started();

    /** The cache's counters and Redis's state. */
    CacheStats stats();

    /** The tenant store, or {@code null} when the filter is disabled. */
    TenantStore store();

    /** The setting {@code tenant-filter.readiness.store-down}. */
    StoreDownReadiness storeDownPolicy();

    /** Whether cached tenants can still be served without the store. */
    boolean servesCachedTenants();
  }

  private final Node node;
  private final Clock clock;

  private TenantStore checkedStore;
  private long checkedAtMillis;
  private boolean storeUp;
  /** Whether cached tenants were served at the last check; asked only while the store is down. */
  private boolean serving;

  ReadinessProbe(Node node, Clock clock) {
    this.node = node;
    this.clock = clock;
  }

  /** The probe of {@code runtime}. */
  static ReadinessProbe of(TenantFilterRuntime runtime) {
    return new ReadinessProbe(new Node() {
      @Override
      public boolean started() {
        return runtime.isStarted();
      }

      @Override
      public CacheStats stats() {
        return runtime.getCacheStats();
      }

      @Override
      public TenantStore store() {
        return runtime.store();
      }

      @Override
      public StoreDownReadiness storeDownPolicy() {
        return runtime.readinessStoreDown();
      }

      @Override
      public boolean servesCachedTenants() {
        return runtime.servesCachedTenants();
      }
    }, Clock.systemUTC());
  }

  /** Checks now (or answers from the last store check, if recent). */
  Report report() {
    Map<String, String> data = new LinkedHashMap<>();
    if (!node.started()) {
      data.put("state", "not-started");
      return new Report(false, data);
    }
    TenantStore current = node.store();
    if (current == null) {
      data.put("state", "disabled"); // tenant-filter.enabled=false: nothing to wait for
      return new Report(true, data);
    }
    data.put("redis", redisState(node.stats()));
    StoreDownReadiness policy = node.storeDownPolicy();
    Checked checked = check(current, policy);
    data.put("store", checked.storeUp() ? "up" : "down");
    if (checked.storeUp()) {
      return new Report(true, data);
    }
    if (policy == StoreDownReadiness.DOWN) {
      return new Report(false, data);
    }
    data.put("cached", checked.serving() ? "serving" : "none");
    return new Report(checked.serving(), data);
  }

  /** What the last check found. */
  private record Checked(boolean storeUp, boolean serving) {}

  /** {@code not-configured}, {@code circuit-open}, {@code up} or {@code down}. */
  static String redisState(CacheStats stats) {
    if (!stats.redisEnabled()) {
      return "not-configured";
    }
    if (stats.redisCircuitOpen()) {
      return "circuit-open";
    }
    return stats.redisAvailable() ? "up" : "down";
  }

  private synchronized Checked check(TenantStore current, StoreDownReadiness policy) {
    long now = clock.millis();
    if (current != checkedStore || now - checkedAtMillis >= STORE_CHECK_INTERVAL.toMillis()
        || now < checkedAtMillis) {
      storeUp = check(current);
      // only while the store is down, and only where it counts: at worst a scan of the heap tier
      serving = !storeUp && policy == StoreDownReadiness.UP_WHILE_SERVING
          && node.servesCachedTenants();
      checkedStore = current;
      checkedAtMillis = clock.millis();
    }
    return new Checked(storeUp, serving);
  }

  private static boolean check(TenantStore store) {
    if (store instanceof JdbcTenantStore jdbc) {
      return jdbc.check().isEmpty();
    }
    try {
      store.findById(CHECK_ID);
      return true;
    } catch (RuntimeException e) {
      return false; // TenantStoreException, or whatever the application's store throws
    }
  }
}
