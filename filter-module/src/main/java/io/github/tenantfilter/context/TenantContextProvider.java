// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.context;

import io.github.tenantfilter.api.Tenant;
import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import jakarta.enterprise.concurrent.spi.ThreadContextRestorer;
import jakarta.enterprise.concurrent.spi.ThreadContextSnapshot;
import java.util.Map;
import java.util.Optional;

/**
 * Jakarta Concurrency 3 thread context of type {@value #TYPE}: a task submitted while a request
 * is served runs with that request's tenant ({@code CurrentTenant} works in it), and with no
 * tenant where the context service clears this type. Found by the server through {@code
 * META-INF/services/jakarta.enterprise.concurrent.spi.ThreadContextProvider}; which executors
 * propagate it is the context service's choice ({@code @ContextServiceDefinition(propagated =
 * ...)}; docs/using.md).
 */
public final class TenantContextProvider implements ThreadContextProvider {

  /** The context type name, for {@code propagated}, {@code cleared} and {@code unchanged}. */
  public static final String TYPE = "Tenant";

  private static final Snapshot CLEARED = new Snapshot(Optional.empty());

  /** For the {@code ServiceLoader}. */
  public TenantContextProvider() {}

  @Override
  public ThreadContextSnapshot currentContext(Map<String, String> props) {
    Optional<Tenant> tenant = TenantThreadContext.current();
    // a thread that knows nothing (no request of ours on it) hands on "no tenant", never a guess
    return tenant == null || tenant.isEmpty() ? CLEARED : new Snapshot(tenant);
  }

  @Override
  public ThreadContextSnapshot clearedContext(Map<String, String> props) {
    return CLEARED;
  }

  @Override
  public String getThreadContextType() {
    return TYPE;
  }

  /** The tenant captured (or none); applied to the thread that runs the task. */
  private record Snapshot(Optional<Tenant> tenant) implements ThreadContextSnapshot {
    @Override
    public ThreadContextRestorer begin() {
      Optional<Tenant> previous = TenantThreadContext.enter(tenant);
      return () -> TenantThreadContext.restore(previous);
    }
  }
}
