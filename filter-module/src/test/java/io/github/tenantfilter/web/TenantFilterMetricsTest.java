// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.TenantCache;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.Metric;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MicroProfile meters: named tenantfilter.*, tagged by application, counters as counters
 * (read at each scrape through Payara's register method, or kept up by the gauges elsewhere),
 * gauges as gauges, read live, removed at stop.
 */
class TenantFilterMetricsTest {

  /** What Payara's MetricRegistryImpl offers beside the API. */
  abstract static class PayaraLikeRegistry implements MetricRegistry {
    public abstract <T extends Metric> T register(Metadata metadata, String type, T metric,
        Tag... tags);
  }

  /** A registry (a Mockito stand-in) that keeps the meters it is given. */
  private static final class Registry {
    final Map<MetricID, Function<Object, Number>> gauges = new TreeMap<>();
    final Map<MetricID, Counter> counters = new TreeMap<>();
    final MetricRegistry registry;

    @SuppressWarnings("unchecked")
    Registry(boolean payara) {
      registry = payara ? mock(PayaraLikeRegistry.class) : mock(MetricRegistry.class);
      when(registry.gauge(any(Metadata.class), any(), any(Function.class), any(Tag[].class)))
          .thenAnswer(call -> {
            Metadata metadata = call.getArgument(0);
            Object target = call.getArgument(1);
            Function<Object, Number> read = call.getArgument(2);
            Tag tag = call.getArgument(3);
            gauges.put(new MetricID(metadata.getName(), tag), o -> read.apply(target));
            return null;
          });
      when(registry.counter(any(Metadata.class), any(Tag[].class))).thenAnswer(call -> {
        LongAdder count = new LongAdder();
        Counter counter = new Counter() {
          @Override
          public void inc() {
            count.increment();
          }

          @Override
          public void inc(long n) {
            assertThat(n).isPositive();
            count.add(n);
          }

          @Override
          public long getCount() {
            return count.sum();
          }
        };
        counters.put(new MetricID(call.getArgument(0, Metadata.class).getName(),
            call.getArgument(1, Tag.class)), counter);
        return counter;
      });
      if (payara) {
        when(((PayaraLikeRegistry) registry).register(any(Metadata.class), anyString(),
            any(Metric.class), any(Tag[].class))).thenAnswer(call -> {
              assertThat(call.getArgument(1, String.class)).isEqualTo(Counter.class.getName());
              counters.put(new MetricID(call.getArgument(0, Metadata.class).getName(),
                  call.getArgument(3, Tag.class)), call.getArgument(2, Counter.class));
              return call.getArgument(2);
            });
      }
      when(registry.remove(any(MetricID.class))).thenAnswer(call ->
          gauges.remove(call.getArgument(0, MetricID.class)) != null
              | counters.remove(call.getArgument(0, MetricID.class)) != null);
    }

    long gauge(String name, String application) {
      return gauges.get(id(name, application)).apply(null).longValue();
    }

    long counter(String name, String application) {
      return counters.get(id(name, application)).getCount();
    }

    /** What a scrape of the application scope sees: the gauges first, then the counters. */
    long scrapeCounter(String name, String application) {
      gauges.values().forEach(g -> g.apply(null));
      return counter(name, application);
    }

    private static MetricID id(String name, String application) {
      return new MetricID(name, new Tag("application", application));
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
  void payara_countersReadTheStatsAtEachScrape_gaugesLive_perApplication_removedAtStop() {
    Registry metrics = new Registry(true);
    Cache shop = new Cache();
    Cache admin = new Cache();
    TenantFilterMetrics shopMetrics = new TenantFilterMetrics(metrics.registry);
    TenantFilterMetrics adminMetrics = new TenantFilterMetrics(metrics.registry);
    shopMetrics.register(shop::getCacheStats, "/shop");
    adminMetrics.register(admin::getCacheStats, "/admin");
    assertThat(metrics.counters).hasSize(2 * 9);
    assertThat(metrics.gauges).hasSize(2 * 2);
    assertThat(metrics.counters.values()).allMatch(c -> c instanceof TenantFilterMetrics.StatsCounter);
    assertThat(metrics.counters.keySet()).extracting(MetricID::getName).contains(
        "tenantfilter.lookups", "tenantfilter.local.hits", "tenantfilter.redis.hits",
        "tenantfilter.redis.errors", "tenantfilter.store.loads", "tenantfilter.store.errors");
    assertThat(metrics.gauges.keySet()).extracting(MetricID::getName)
        .containsOnly("tenantfilter.redis.circuit.open", "tenantfilter.local.size");

    assertThat(metrics.counter("tenantfilter.lookups", "/shop")).isZero();
    shop.lookups.addAndGet(42);
    assertThat(metrics.counter("tenantfilter.lookups", "/shop")).isEqualTo(42);
    assertThat(metrics.counter("tenantfilter.lookups", "/admin")).isZero();
    assertThat(metrics.counter("tenantfilter.store.loads", "/shop")).isEqualTo(7);
    assertThat(metrics.counter("tenantfilter.store.errors", "/shop")).isEqualTo(8);
    assertThat(metrics.gauge("tenantfilter.local.size", "/shop")).isEqualTo(11);
    assertThat(metrics.gauge("tenantfilter.redis.circuit.open", "/shop")).isZero();
    shop.circuitOpen = true;
    assertThat(metrics.gauge("tenantfilter.redis.circuit.open", "/shop")).isEqualTo(1);
    assertThatThrownBy(() -> metrics.counters.values().iterator().next().inc())
        .isInstanceOf(UnsupportedOperationException.class);

    shopMetrics.unregister();
    assertThat(metrics.counters).hasSize(9);
    assertThat(metrics.gauges).hasSize(2);
    assertThat(metrics.counters.keySet()).extracting(id -> id.getTagsAsArray()[0].getTagValue())
        .containsOnly("/admin");
  }

  @Test
  void withoutPayarasRegister_registryCountersCatchUpWhenTheGaugesAreRead() {
    Registry metrics = new Registry(false);
    Cache shop = new Cache();
    shop.lookups.set(5);
    TenantFilterMetrics shopMetrics = new TenantFilterMetrics(metrics.registry);
    shopMetrics.register(shop::getCacheStats, "/shop");
    assertThat(metrics.counters).hasSize(9);
    assertThat(metrics.counter("tenantfilter.lookups", "/shop")).isEqualTo(5);
    assertThat(metrics.counter("tenantfilter.store.loads", "/shop")).isEqualTo(7);

    shop.lookups.addAndGet(10);
    assertThat(metrics.counter("tenantfilter.lookups", "/shop")).isEqualTo(5); // one scrape behind
    assertThat(metrics.scrapeCounter("tenantfilter.lookups", "/shop")).isEqualTo(15);
    assertThat(metrics.scrapeCounter("tenantfilter.lookups", "/shop")).isEqualTo(15);

    shopMetrics.unregister();
    assertThat(metrics.counters).isEmpty();
    assertThat(metrics.gauges).isEmpty();
  }
}
