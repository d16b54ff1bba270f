// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.TenantCache;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.internal.config.TenantFilterConfig;
import java.time.Clock;
import java.util.Map;

/**
 * A {@link TenantFilter} and its runtime wired by hand, without a servlet container or CDI, on a
 * given tenant store and clock (no Redis circuit breaker; the tenant bound per request, as where
 * the container has no request bean): the project's seam for its benchmarks, so that they need
 * nothing of this package but this class and the filter.
 *
 * <p><b>Not API</b>: for the project's own benchmarks and tests; it may change or go without
 * notice. Applications get the filter from the JAR's {@code web-fragment.xml}.
 *
 * <pre>{@code
 * try (StandaloneFilter standalone = StandaloneFilter.start(settings, store, Clock.systemUTC())) {
 *   standalone.filter().doFilter(request, response, chain);
 * }
 * }</pre>
 */
public final class StandaloneFilter implements AutoCloseable {

  private final TenantFilterRuntime runtime;
  private final TenantFilter filter;

  private StandaloneFilter(TenantFilterRuntime runtime, TenantFilter filter) {
    this.runtime = runtime;
    this.filter = filter;
  }

  /**
   * Starts the tiers with {@code settings} (dotted names, as in {@code web.xml}) on {@code
   * store}, and a filter on them.
   *
   * @throws io.github.tenantfilter.internal.config.InvalidSettingException if a setting is invalid
   */
  public static StandaloneFilter start(Map<String, String> settings, TenantStore store,
      Clock clock) {
    TenantFilterRuntime runtime = new TenantFilterRuntime();
    runtime.start(TenantFilterConfig.of(settings), store, clock);
    TenantFilter filter = new TenantFilter();
    filter.runtime = runtime;
    filter.requestTenant = new RequestTenant();
    return new StandaloneFilter(runtime, filter);
  }

  /** The filter, ready for {@code doFilter}. */
  public TenantFilter filter() {
    return filter;
  }

  /** Its cache, as an application would inject it: statistics and invalidation. */
  public TenantCache cache() {
    return runtime;
  }

  /** Stops the tiers. */
  @Override
  public void close() {
    runtime.stop();
  }
}
