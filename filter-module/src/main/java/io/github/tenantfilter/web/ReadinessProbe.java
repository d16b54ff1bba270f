package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.internal.store.JdbcTenantStore;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether this application can serve tenants, without any MicroProfile type (the health check
 * adapts it): ready while the tenant store answers. Redis is reported but never makes it not
 * ready, since the heap tier and the store serve every request without it.
 *
 * <p>The store is asked at most once per {@link #STORE_CHECK_INTERVAL} (the JDBC store runs its
 * by-id query once with an id no tenant has, under its query timeout); probes in between get the
 * last answer. Redis is not called: its state is what this node's last Redis call found, so a
 * probe adds no load and never waits for a hung Redis.
 */
final class ReadinessProbe {

  /** How long a store check answers for. */
  static final Duration STORE_CHECK_INTERVAL = Duration.ofSeconds(2);
  /** An id no tenant has (well-formed, so an application's store can take it). */
  static final String CHECK_ID = "tenant-filter-health-check";

  /** The outcome: {@code up} and what to show ({@code redis}, {@code store}). */
  record Report(boolean up, Map<String, String> data) {}

  private final BooleanSupplier started;
  private final Supplier<CacheStats> stats;
  private final Supplier<TenantStore> store;
  private final Clock clock;

  private TenantStore checkedStore;
  private long checkedAtMillis;
  private boolean storeUp;

  ReadinessProbe(
      BooleanSupplier started, Supplier<CacheStats> stats, Supplier<TenantStore> store,
      Clock clock) {
    this.started = started;
    this.stats = stats;
    this.store = store;
    this.clock = clock;
  }

  /** The probe of {@code runtime}. */
  static ReadinessProbe of(TenantFilterRuntime runtime) {
    return new ReadinessProbe(
        runtime::isStarted, runtime::getCacheStats, runtime::store, Clock.systemUTC());
  }

  /** Checks now (or answers from the last store check, if recent). */
  Report report() {
    Map<String, String> data = new LinkedHashMap<>();
    if (!started.getAsBoolean()) {
      data.put("state", "not-started");
      return new Report(false, data);
    }
    TenantStore current = store.get();
    if (current == null) {
      data.put("state", "disabled"); // tenant-filter.enabled=false: nothing to wait for
      return new Report(true, data);
    }
    data.put("redis", redisState(stats.get()));
    boolean up = storeUp(current);
    data.put("store", up ? "up" : "down");
    return new Report(up, data);
  }

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

  private synchronized boolean storeUp(TenantStore current) {
    long now = clock.millis();
    if (current != checkedStore || now - checkedAtMillis >= STORE_CHECK_INTERVAL.toMillis()
        || now < checkedAtMillis) {
      storeUp = check(current);
      checkedStore = current;
      checkedAtMillis = clock.millis();
    }
    return storeUp;
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
