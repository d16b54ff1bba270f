// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.api.CacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The Micrometer meters: function counters and gauges per application, removed at stop. */
class TenantFilterMicrometerTest {

  private static CacheStats stats(long lookups, boolean circuitOpen) {
    return new CacheStats(lookups, 4, 1, 2, 3, 0, 5, 6, 1, 7, 0, 8, 9, 0, 0, 11, true,
        !circuitOpen, circuitOpen);
  }

  @Test
  void countersAndGauges_readTheStats_perApplication_removedAtStop() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicLong lookups = new AtomicLong();
    AtomicReference<Boolean> open = new AtomicReference<>(false);
    TenantFilterMicrometer shop = new TenantFilterMicrometer(registry);
    TenantFilterMicrometer admin = new TenantFilterMicrometer(registry);
    shop.register(() -> stats(lookups.get(), open.get()), "/shop");
    admin.register(() -> stats(1, false), "/admin");
    assertThat(registry.getMeters()).hasSize(2 * TenantFilterMeters.ALL.size());
    for (TenantFilterMeters.Meter meter : TenantFilterMeters.ALL) {
      Meter.Type type = registry.find(meter.name()).tag("application", "/shop").meter()
          .getId().getType();
      assertThat(type).as(meter.name()).isEqualTo(
          meter.kind() == TenantFilterMeters.Kind.COUNTER ? Meter.Type.COUNTER : Meter.Type.GAUGE);
    }

    FunctionCounter shopLookups = registry.find("tenantfilter.lookups")
        .tag("application", "/shop").functionCounter();
    assertThat(shopLookups.count()).isZero();
    lookups.set(42);
    assertThat(shopLookups.count()).isEqualTo(42);
    assertThat(registry.find("tenantfilter.lookups").tag("application", "/admin")
        .functionCounter().count()).isEqualTo(1);
    assertThat(registry.find("tenantfilter.store.errors").tag("application", "/shop")
        .functionCounter().count()).isEqualTo(8);
    Gauge circuit = registry.find("tenantfilter.redis.circuit.open")
        .tag("application", "/shop").gauge();
    assertThat(circuit.value()).isZero();
    open.set(true);
    assertThat(circuit.value()).isEqualTo(1);
    assertThat(registry.find("tenantfilter.local.size").tag("application", "/shop").gauge()
        .value()).isEqualTo(11);

    shop.unregister();
    assertThat(registry.getMeters()).hasSize(TenantFilterMeters.ALL.size());
    assertThat(registry.getMeters()).extracting(m -> m.getId().getTag("application"))
        .containsOnly("/admin");
  }
}
