package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.TenantCache;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

/** The gauges: named tenantfilter.*, tagged by application, read live, removed at stop. */
class TenantFilterMetricsTest {

  /** A registry (a Mockito stand-in) that keeps the gauges it is given. */
  private static final class Registry {
    final Map<MetricID, Function<Object, Number>> gauges = new TreeMap<>();
    final MetricRegistry registry = mock(MetricRegistry.class);

    @SuppressWarnings("unchecked")
    Registry() {
      when(registry.gauge(any(Metadata.class), any(), any(Function.class), any(Tag[].class)))
          .thenAnswer(call -> {
            Metadata metadata = call.getArgument(0);
            Object target = call.getArgument(1);
            Function<Object, Number> read = call.getArgument(2);
            Tag tag = call.getArgument(3);
            gauges.put(new MetricID(metadata.getName(), tag), o -> read.apply(target));
            return null;
          });
      when(registry.remove(any(MetricID.class))).thenAnswer(call ->
          gauges.remove(call.getArgument(0, MetricID.class)) != null);
    }

    long value(String name, String application) {
      return gauges.get(new MetricID(name, new Tag("application", application)))
          .apply(null).longValue();
    }
  }

  /** A cache whose lookups count up. */
  private static final class Cache implements TenantCache {
    final AtomicLong lookups = new AtomicLong();
    volatile boolean circuitOpen;

    @Override
    public void invalidateTenantCache(String tenantId) {}

    @Override
    public void invalidateAll() {}

    @Override
    public CacheStats getCacheStats() {
      return new CacheStats(lookups.get(), 4, 1, 2, 3, 0, 5, 6, 1, 7, 0, 8, 9, 0, 0, 11, true,
          !circuitOpen, circuitOpen);
    }
  }

  @Test
  void gauges_readTheCurrentStats_perApplication_removedAtStop() {
    Registry metrics = new Registry();
    Cache shop = new Cache();
    Cache admin = new Cache();
    TenantFilterMetrics shopMetrics = new TenantFilterMetrics(metrics.registry);
    TenantFilterMetrics adminMetrics = new TenantFilterMetrics(metrics.registry);
    shopMetrics.register(shop::getCacheStats, "/shop");
    adminMetrics.register(admin::getCacheStats, "/admin");
    assertThat(metrics.gauges).hasSize(2 * TenantFilterMetrics.GAUGES.size());
    assertThat(metrics.gauges.keySet()).extracting(MetricID::getName).contains(
        "tenantfilter.lookups", "tenantfilter.localHits", "tenantfilter.redisHits",
        "tenantfilter.redisErrors", "tenantfilter.storeLoads", "tenantfilter.storeErrors",
        "tenantfilter.redisCircuitOpen", "tenantfilter.localSize");

    assertThat(metrics.value("tenantfilter.lookups", "/shop")).isZero();
    shop.lookups.addAndGet(42);
    assertThat(metrics.value("tenantfilter.lookups", "/shop")).isEqualTo(42);
    assertThat(metrics.value("tenantfilter.lookups", "/admin")).isZero();
    assertThat(metrics.value("tenantfilter.storeLoads", "/shop")).isEqualTo(7);
    assertThat(metrics.value("tenantfilter.storeErrors", "/shop")).isEqualTo(8);
    assertThat(metrics.value("tenantfilter.localSize", "/shop")).isEqualTo(11);
    assertThat(metrics.value("tenantfilter.redisCircuitOpen", "/shop")).isZero();
    shop.circuitOpen = true;
    assertThat(metrics.value("tenantfilter.redisCircuitOpen", "/shop")).isEqualTo(1);

    shopMetrics.unregister();
    assertThat(metrics.gauges).hasSize(TenantFilterMetrics.GAUGES.size());
    assertThat(metrics.gauges.keySet()).extracting(id -> id.getTagsAsArray()[0].getTagValue())
        .containsOnly("/admin");
  }
}
