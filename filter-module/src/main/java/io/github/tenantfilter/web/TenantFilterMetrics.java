package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.TenantCache;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The cache counters as MicroProfile Metrics gauges in the application registry, named {@code
 * tenantfilter.*} and tagged {@code application=<context path>} (so two applications on one
 * server do not clash); each read takes the {@link TenantCache#getCacheStats() current stats}.
 * Removed when the application stops, so the registry keeps no reference to it.
 *
 * <p>Loaded only where the server offers MicroProfile Metrics: it carries no bean-defining
 * annotation, so bean discovery skips it; {@link TenantFilterObservability} adds it as an
 * application-scoped bean after finding the API, and has it register the gauges when the
 * application starts and remove them when it stops. Internal.
 */
public class TenantFilterMetrics implements TenantFilterObservability.Gauges {

  private static final Logger LOG = Logger.getLogger(TenantFilterMetrics.class.getName());

  /** A gauge: its name under {@code tenantfilter.}, what it counts, and how to read it. */
  record Gauge(String name, String description, ToLongFunction<CacheStats> value) {}

  /** What is published. */
  static final List<Gauge> GAUGES = List.of(
      new Gauge("lookups", "Tenant lookups since the application started", CacheStats::lookups),
      new Gauge("localHits", "Lookups the heap tier (L1) answered with a tenant",
          CacheStats::localHits),
      new Gauge("negativeHits", "Lookups the heap tier answered from its memory of unknown hosts",
          CacheStats::negativeHits),
      new Gauge("redisHits", "Heap misses Redis (L2) answered", CacheStats::redisHits),
      new Gauge("redisErrors", "Redis calls that failed", CacheStats::redisErrors),
      new Gauge("redisSkipped", "Redis calls the open circuit breaker kept away",
          CacheStats::redisSkipped),
      new Gauge("storeLoads", "Queries sent to the tenant store", CacheStats::storeLoads),
      new Gauge("storeErrors", "Tenant store queries that failed", CacheStats::storeErrors),
      new Gauge("staleServed", "Lookups answered past their TTL because the store failed",
          CacheStats::staleServed),
      new Gauge("redisCircuitOpen", "1 while the circuit breaker around Redis is open, else 0",
          s -> s.redisCircuitOpen() ? 1 : 0),
      new Gauge("localSize", "Entries in the heap tier", CacheStats::localSize));

  @Inject Instance<MetricRegistry> registries;
  private MetricRegistry registry;
  private final List<MetricID> registered = new ArrayList<>();

  /** For CDI. */
  public TenantFilterMetrics() {}

  /** Gauges in {@code registry} (tests). */
  TenantFilterMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void register(TenantFilterRuntime runtime, String application) {
    if (registry == null) {
      if (!registries.isResolvable()) {
        LOG.info("tenant-filter: no MetricRegistry bean: no gauges");
        return;
      }
      registry = registries.get();
    }
    register(runtime::getCacheStats, application);
  }

  /** Registers gauges of {@code stats} in {@code metrics}. */
  synchronized void register(Supplier<CacheStats> stats, String application) {
    MetricRegistry metrics = registry;
    Tag tag = new Tag("application", application);
    for (Gauge gauge : GAUGES) {
      Metadata metadata = Metadata.builder()
          .withName("tenantfilter." + gauge.name())
          .withDescription(gauge.description())
          .build();
      metrics.gauge(metadata, stats, s -> gauge.value().applyAsLong(s.get()), tag);
      registered.add(new MetricID(metadata.getName(), tag));
    }
    LOG.info("tenant-filter: " + GAUGES.size() + " MicroProfile Metrics gauges tenantfilter.*"
        + " registered (application=" + application + ")");
  }

  /** Removes the gauges. */
  @Override
  public synchronized void unregister() {
    for (MetricID id : registered) {
      try {
        registry.remove(id);
      } catch (RuntimeException e) {
        LOG.fine("tenant-filter: could not remove " + id + ": " + e);
      }
    }
    registered.clear();
  }
}
