package io.github.tenantfilter.web;

import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.config.TenantFilterConfig;
import java.time.Clock;

/**
 * Builds a {@link TenantFilter} wired as the container would wire it (runtime started, a
 * request-scoped {@link RequestTenant}), without a container: the benchmarks' seam into the
 * package-private parts of {@code web}. Benchmarks only.
 *
 * <pre>{@code
 * BenchFilters.Running running = BenchFilters.start(config, store, Clock.systemUTC());
 * running.filter().doFilter(request, response, chain);
 * running.close();
 * }</pre>
 */
public final class BenchFilters {

  private BenchFilters() {}

  /** A started filter and its runtime. */
  public record Running(TenantFilter filter, TenantFilterRuntime runtime) implements AutoCloseable {
    @Override
    public void close() {
      runtime.stop();
    }
  }

  /** Starts a runtime on {@code store} (no Redis circuit breaker) and a filter on it. */
  public static Running start(TenantFilterConfig config, TenantStore store, Clock clock) {
    TenantFilterRuntime runtime = new TenantFilterRuntime();
    runtime.start(config, store, clock);
    TenantFilter filter = new TenantFilter();
    filter.runtime = runtime;
    filter.requestTenant = new RequestTenant();
    return new Running(filter, runtime);
  }
}
