// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheStats;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What the filter publishes as metrics, whichever API the server offers (MicroProfile Metrics on
 * Payara: {@link TenantFilterMetrics}; Micrometer on WildFly: {@link TenantFilterMicrometer}):
 * the monotonic {@link CacheStats} counts as counters, the circuit breaker and the heap tier's
 * size as gauges. Names are Micrometer's and MicroProfile's dotted lower case, which both servers'
 * Prometheus output turns into the same {@link Meter#prometheusName() name}; the Grafana
 * dashboard and the alert rules in {@code docs/monitoring} use only these (a test checks it).
 * This class uses neither API. Internal.
 */
final class TenantFilterMeters {

  private TenantFilterMeters() {}

  /** The tag every meter carries: the application's context path ({@code /} for the root). */
  static final String APPLICATION_TAG = "application";

  /** A counter only grows while the application runs; a gauge goes up and down. */
  enum Kind { COUNTER, GAUGE }

  /** One meter: its dotted name, kind, description, and how to read it from the stats. */
  record Meter(String name, Kind kind, String description, ToLongFunction<CacheStats> value) {

    /** {@return the name in Prometheus text on both servers: {@code _} for dots, {@code _total} for a counter} */
    String prometheusName() {
      String base = name.replace('.', '_');
      return kind == Kind.COUNTER ? base + "_total" : base;
    }
  }

  private static Meter counter(String name, String description, ToLongFunction<CacheStats> v) {
    return new Meter("tenantfilter." + name, Kind.COUNTER, description, v);
  }

  private static Meter gauge(String name, String description, ToLongFunction<CacheStats> v) {
    return new Meter("tenantfilter." + name, Kind.GAUGE, description, v);
  }

  /** What is published, in this order. */
  static final List<Meter> ALL = List.of(
      counter("lookups", "Tenant lookups since the application started", CacheStats::lookups),
      counter("local.hits", "Lookups the heap tier (L1) answered with a tenant",
          CacheStats::localHits),
      counter("negative.hits", "Lookups the heap tier answered from its memory of unknown hosts",
          CacheStats::negativeHits),
      counter("redis.hits", "Heap misses Redis (L2) answered", CacheStats::redisHits),
      counter("redis.errors", "Redis calls that failed", CacheStats::redisErrors),
      counter("redis.skipped", "Redis calls the open circuit breaker kept away",
          CacheStats::redisSkipped),
      counter("store.loads", "Queries sent to the tenant store", CacheStats::storeLoads),
      counter("store.errors", "Tenant store queries that failed", CacheStats::storeErrors),
      counter("stale.served", "Lookups answered past their TTL because the store failed",
          CacheStats::staleServed),
      gauge("redis.circuit.open", "1 while the circuit breaker around Redis is open, else 0",
          s -> s.redisCircuitOpen() ? 1 : 0),
      gauge("local.size", "Entries in the heap tier", CacheStats::localSize));
}
