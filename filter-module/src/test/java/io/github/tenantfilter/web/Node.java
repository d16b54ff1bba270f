// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheRegions;
import io.github.tenantfilter.api.CacheSerializer;
import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionStats;
import io.github.tenantfilter.api.RegionView;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TtlClass;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import io.github.tenantfilter.testing.FakeHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * One application node without a servlet container: the filter and its CDI beans in a Weld
 * container of its own, with the real MicroProfile Fault Tolerance (SmallRye) and Config on the
 * class path. Several can run side by side; {@link IsolatedNode} runs one in a class loader of its
 * own and drives it through {@link NodeControl}.
 */
public final class Node implements NodeControl {

  /** What one request got: status, the tenant the application saw, and how long it took. */
  public record Result(int status, String tenant, long nanos) {}

  private final WeldContainer weld;
  private final TenantFilterRuntime runtime;
  private final TenantFilter filter = new TenantFilter();

  private Node(Map<String, String> settings, Map<String, Object> storeFaults) {
    this.weld = new Weld("node-" + UUID.randomUUID()).initialize();
    this.runtime = weld.select(TenantFilterRuntime.class).get();
    if (storeFaults != null) {
      runtime.decorateStore(store -> new FaultyStore(store, storeFaults));
    }
    runtime.start(TenantFilterConfig.of(settings), getClass().getClassLoader());
    filter.runtime = runtime;
    filter.requestTenant = new RequestTenant();
  }

  /** Starts a node with these settings (dotted names). */
  public static Node start(Map<String, String> settings) {
    return new Node(settings, null);
  }

  /**
   * Starts a node whose tenant store obeys {@code storeFaults} (see {@link FaultyStore}): a map
   * of JDK types, so that a test in another class loader can hold and change it.
   */
  public static Node start(Map<String, String> settings, Map<String, Object> storeFaults) {
    return new Node(settings, storeFaults);
  }

  @Override
  public String lookup(String host) {
    FakeHttp.Response response = new FakeHttp.Response();
    AtomicReference<Tenant> seen = new AtomicReference<>();
    try {
      filter.doFilter(FakeHttp.request(host, "/api"), response,
          (req, res) -> seen.set(CurrentTenant.of(req).orElse(null)));
    } catch (Exception | Error e) {
      return "500 " + e;
    }
    Tenant tenant = seen.get();
    return response.status() == 200 && tenant != null
        ? "200 " + tenant.id() + " " + tenant.name()
        : Integer.toString(response.status());
  }

  /** Sends one request for {@code host} through the filter. */
  public Result request(String host) {
    FakeHttp.Response response = new FakeHttp.Response();
    AtomicReference<String> seen = new AtomicReference<>();
    long start = System.nanoTime();
    try {
      filter.doFilter(FakeHttp.request(host, "/api"), response,
          (req, res) -> seen.set(CurrentTenant.of(req).map(Tenant::id).orElse(null)));
    } catch (Exception e) {
      return new Result(500, null, System.nanoTime() - start);
    }
    return new Result(response.status(), seen.get(), System.nanoTime() - start);
  }

  @Override
  public String describe() {
    return runtime.getCacheStats().toString();
  }

  /** The node's counters. */
  public CacheStats stats() {
    return runtime.getCacheStats();
  }

  @Override
  public CacheStats counters() {
    return runtime.getCacheStats();
  }

  /** The node's TenantCache. */
  public TenantFilterRuntime cache() {
    return runtime;
  }

  /** The node's CacheRegions, as an application injects them. */
  public CacheRegions regions() {
    return weld.select(CacheRegions.class).get();
  }

  @Override
  public RegionControl longRegion(String name, String ttlClass) {
    CacheRegion<Long> region = regions().region(name, CacheSerializer.longs(),
        RegionSpec.of(TtlClass.valueOf(ttlClass)));
    return new RegionControl() {
      @Override
      public Long get(String key, Function<String, Long> loader) {
        return region.get(key, loader);
      }

      @Override
      public Optional<Long> getIfPresent(String key) {
        return region.getIfPresent(key);
      }

      @Override
      public void put(String key, long value) {
        region.put(key, value);
      }

      @Override
      public void invalidate(String key) {
        region.invalidate(key);
      }

      @Override
      public void invalidateAll() {
        region.invalidateAll();
      }

      @Override
      public RegionStats counters() {
        return region.stats();
      }
    };
  }

  @Override
  public List<String> regionNames() {
    return regions().regions().stream().map(RegionView::name).toList();
  }

  @Override
  public Optional<RegionStats> regionCounters(String name) {
    return regions().find(name).map(RegionView::stats);
  }


  @Override
  public void invalidate(String tenantId) {
    runtime.invalidateTenantCache(tenantId);
  }

  @Override
  public void invalidateAll() {
    runtime.invalidateAll();
  }

  @Override
  public boolean awaitInvalidationChannel(long millis) throws InterruptedException {
    return runtime.awaitInvalidationChannels(Duration.ofMillis(millis));
  }

  @Override
  public String tenantOf(String host) {
    Result result = request(host);
    return result.status() == 200 ? result.tenant() : "status:" + result.status();
  }

  @Override
  public void close() {
    runtime.stop();
    weld.shutdown();
  }
}
