// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static io.github.tenantfilter.web.TenantFilterMeters.APPLICATION_TAG;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.web.TenantFilterMeters.Kind;
import io.github.tenantfilter.web.TenantFilterMeters.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.logging.Logger;

/**
 * The {@linkplain TenantFilterMeters meters} in the Micrometer {@link MeterRegistry} the server
 * gives the application (WildFly's {@code micrometer} subsystem): each counter a {@code
 * FunctionCounter} and each gauge a {@code Gauge}, both reading the statistics when the registry
 * asks, tagged {@code application=<context path>}; removed when the application stops.
 *
 * <p>Registered through {@link MeterRegistry#more()}{@code .counter(...)} and {@link
 * MeterRegistry#gauge(String, Iterable, Object, ToDoubleFunction)}, not through the meters'
 * builders: WildFly's per-deployment registry forwards those two to the server's registries (with
 * its {@code WF_DEPLOYMENT} tag), whereas a builder registers into a registry of its own that
 * nothing exports (seen on WildFly 39). The price is that they carry no description.
 *
 * <p>Micrometer holds what a meter reads weakly: this bean keeps the statistics' supplier, so
 * the meters read it for as long as the application runs. Loaded only where the server offers
 * Micrometer: {@link TenantFilterObservability} adds it as an application-scoped bean after
 * finding the API; nothing of Micrometer is in the JAR. Internal.
 */
public class TenantFilterMicrometer implements TenantFilterObservability.Publisher {

  private static final Logger LOG = Logger.getLogger(TenantFilterMicrometer.class.getName());

  @Inject Instance<MeterRegistry> registries;
  private MeterRegistry registry;
  /** What the meters read: held here, since Micrometer holds it weakly. */
  private Supplier<CacheStats> stats;
  private Tags tags;

  /** For CDI. */
  public TenantFilterMicrometer() {}

  /** Meters in {@code registry} (tests). */
  TenantFilterMicrometer(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void register(TenantFilterRuntime runtime, String application) {
    if (registry == null) {
      if (!registries.isResolvable()) {
        LOG.info("tenant-filter: no Micrometer MeterRegistry bean: no Micrometer metrics");
        return;
      }
      registry = registries.get();
    }
    register(runtime::getCacheStats, application);
  }

  /** Registers the meters of {@code stats}. */
  synchronized void register(Supplier<CacheStats> stats, String application) {
    this.stats = stats;
    this.tags = Tags.of(APPLICATION_TAG, application);
    for (Meter meter : TenantFilterMeters.ALL) {
      ToDoubleFunction<Supplier<CacheStats>> read = s -> meter.value().applyAsLong(s.get());
      if (meter.kind() == Kind.COUNTER) {
        registry.more().counter(meter.name(), tags, stats, read);
      } else {
        registry.gauge(meter.name(), tags, stats, read);
      }
    }
    LOG.info("tenant-filter: Micrometer meters tenantfilter.* registered (application="
        + application + ")");
  }

  /** Removes the meters. */
  @Override
  public synchronized void unregister() {
    if (tags == null) {
      return;
    }
    for (Meter meter : TenantFilterMeters.ALL) {
      try {
        registry.find(meter.name()).tags(tags).meters().forEach(registry::remove);
      } catch (RuntimeException e) {
        LOG.fine("tenant-filter: could not remove " + meter.name() + ": " + e);
      }
    }
    tags = null;
    stats = null;
  }
}
