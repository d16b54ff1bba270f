// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static io.github.tenantfilter.web.TenantFilterMeters.APPLICATION_TAG;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.web.TenantFilterMeters.Kind;
import io.github.tenantfilter.web.TenantFilterMeters.Meter;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.Metric;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The {@linkplain TenantFilterMeters meters} in the MicroProfile Metrics application registry
 * (Payara), tagged {@code application=<context path>} so that two applications on one server do
 * not clash; removed when the application stops, so the registry keeps no reference to it.
 *
 * <p>Counters are counters: MicroProfile Metrics 5 has no function counter (its {@link Counter}
 * only counts what is {@code inc}remented), and a gauge named {@code ..._total} would be typed
 * {@code gauge} in the Prometheus output, which {@code rate()} does not trust. So each counter is
 * a {@link Counter} of this class's own that reads the statistics at every scrape, registered
 * through the {@code register(Metadata, String, Metric, Tag...)} method that Payara's registry
 * implementation ({@code MetricRegistryImpl}) offers beside the API. Where a registry has no
 * such method (another MicroProfile Metrics implementation), the registry's own counter is
 * incremented by the difference to the statistics each time one of the gauges is read, which a
 * scrape of the application scope does: such a counter is at most one scrape behind.
 *
 * <p>Loaded only where the server offers MicroProfile Metrics: it carries no bean-defining
 * annotation, so bean discovery skips it; {@link TenantFilterObservability} adds it as an
 * application-scoped bean after finding the API. Internal.
 */
public class TenantFilterMetrics implements TenantFilterObservability.Publisher {

  private static final Logger LOG = Logger.getLogger(TenantFilterMetrics.class.getName());

  /** A counter of the registry's own, brought up to the statistics by {@link #sync}. */
  private record Synced(Counter counter, ToLongFunction<CacheStats> value) {}

  /** A counter whose count is the statistics' (it is never incremented). */
  static final class StatsCounter implements Counter {
    private final Supplier<CacheStats> stats;
    private final ToLongFunction<CacheStats> value;

    StatsCounter(Supplier<CacheStats> stats, ToLongFunction<CacheStats> value) {
      this.stats = stats;
      this.value = value;
    }

    @Override
    public void inc() {
      throw new UnsupportedOperationException("counts the cache statistics");
    }

    @Override
    public void inc(long n) {
      throw new UnsupportedOperationException("counts the cache statistics");
    }

    @Override
    public long getCount() {
      return value.applyAsLong(stats.get());
    }
  }

  @Inject Instance<MetricRegistry> registries;
  private MetricRegistry registry;
  private volatile Supplier<CacheStats> stats;
  private final List<MetricID> registered = new ArrayList<>();
  /** Read by scrapes, without this object's lock (a scrape may hold the registry's). */
  private final List<Synced> synced = new CopyOnWriteArrayList<>();
  private final Object syncLock = new Object();

  /** For CDI. */
  public TenantFilterMetrics() {}

  /** Meters in {@code registry} (tests). */
  TenantFilterMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void register(TenantFilterRuntime runtime, String application) {
    if (registry == null) {
      if (!registries.isResolvable()) {
        LOG.info("tenant-filter: no MetricRegistry bean: no MicroProfile metrics");
        return;
      }
      registry = registries.get();
    }
    register(runtime::getCacheStats, application);
  }

  /** Registers the meters of {@code stats}. */
  synchronized void register(Supplier<CacheStats> stats, String application) {
    this.stats = stats;
    Tag tag = new Tag(APPLICATION_TAG, application);
    Method register = implementationRegister(registry);
    for (Meter meter : TenantFilterMeters.ALL) {
      Metadata metadata = Metadata.builder()
          .withName(meter.name())
          .withDescription(meter.description())
          .build();
      if (meter.kind() == Kind.GAUGE) {
        registry.gauge(metadata, stats, s -> {
          sync();
          return meter.value().applyAsLong(s.get());
        }, tag);
      } else if (register == null
          || !registerCounter(register, metadata, new StatsCounter(stats, meter.value()), tag)) {
        synced.add(new Synced(registry.counter(metadata, tag), meter.value()));
      }
      registered.add(new MetricID(meter.name(), tag));
    }
    sync();
    LOG.info("tenant-filter: MicroProfile Metrics tenantfilter.* registered (application="
        + application + ", " + (synced.isEmpty() ? "counters read at each scrape"
        : synced.size() + " counters brought up to date when the gauges are read") + ")");
  }

  /** Brings the registry's own counters, if any, up to the statistics. */
  void sync() {
    if (synced.isEmpty()) {
      return;
    }
    synchronized (syncLock) { // two scrapes at once would add the difference twice
      CacheStats now = stats.get();
      for (Synced s : synced) {
        long behind = s.value().applyAsLong(now) - s.counter().getCount();
        if (behind > 0) {
          s.counter().inc(behind);
        }
      }
    }
  }

  /** The implementation's public {@code register(Metadata, String, Metric, Tag...)}, if any. */
  static Method implementationRegister(MetricRegistry registry) {
    try {
      return registry.getClass()
          .getMethod("register", Metadata.class, String.class, Metric.class, Tag[].class);
    } catch (NoSuchMethodException | SecurityException e) {
      return null;
    }
  }

  private boolean registerCounter(Method register, Metadata metadata, Counter counter, Tag tag) {
    try {
      register.invoke(registry, metadata, Counter.class.getName(), counter, new Tag[] {tag});
      return true;
    } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
      LOG.fine("tenant-filter: " + metadata.getName() + " through " + register + ": " + e);
      return false;
    }
  }

  /** Removes the meters. */
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
    synced.clear();
  }
}
