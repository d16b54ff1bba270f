package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.TenantCache;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
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
 * annotation, so bean discovery skips it, and {@link TenantFilterObservability} adds it as an
 * application-scoped bean after finding the API. Internal.
 */
public class TenantFilterMetrics {

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

  @Inject TenantFilterRuntime runtime;
  @Inject Instance<MetricRegistry> registries;
  private MetricRegistry registry;
  private final List<MetricID> registered = new ArrayList<>();

  /** Registers the gauges when the web application starts. */
  void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
    if (!registries.isResolvable()) {
      LOG.info("tenant-filter: the MicroProfile Metrics API is here but no MetricRegistry bean:"
          + " no metrics");
      return;
    }
    String path = context.getContextPath();
    register(registries.get(), runtime, path.isEmpty() ? "/" : path);
  }

  /** Registers the gauges of {@code cache} in {@code metrics}. */
  synchronized void register(MetricRegistry metrics, TenantCache cache, String application) {
    registry = metrics;
    Tag tag = new Tag("application", application);
    for (Gauge gauge : GAUGES) {
      Metadata metadata = Metadata.builder()
          .withName("tenantfilter." + gauge.name())
          .withDescription(gauge.description())
          .build();
      metrics.gauge(metadata, cache, c -> gauge.value().applyAsLong(c.getCacheStats()), tag);
      registered.add(new MetricID(metadata.getName(), tag));
    }
    LOG.info("tenant-filter: " + GAUGES.size() + " MicroProfile Metrics gauges tenantfilter.*"
        + " registered (application=" + application + ")");
  }

  /** Removes the gauges. */
  @PreDestroy
  synchronized void unregister() {
    if (registry != null) {
      for (MetricID id : registered) {
        try {
          registry.remove(id);
        } catch (RuntimeException e) {
          LOG.fine("tenant-filter: could not remove " + id + ": " + e);
        }
      }
      registered.clear();
      registry = null;
    }
  }
}
