// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.context;

import io.github.tenantfilter.api.Tenant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.context.spi.ThreadContextController;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.eclipse.microprofile.context.spi.ThreadContextSnapshot;

/**
 * MicroProfile Context Propagation thread context of type {@value TenantContextProvider#TYPE},
 * the same as {@link TenantContextProvider} for Jakarta Concurrency: a {@code ManagedExecutor} or
 * {@code ThreadContext} that propagates it runs the work with the submitting request's tenant, one
 * that clears it with none. Found through {@code
 * META-INF/services/org.eclipse.microprofile.context.spi.ThreadContextProvider} where the server
 * has MicroProfile Context Propagation (Open Liberty's {@code mpContextPropagation}).
 */
public final class MicroProfileTenantContextProvider implements ThreadContextProvider {

  /** For the {@code ServiceLoader}. */
  public MicroProfileTenantContextProvider() {}

  @Override
  public ThreadContextSnapshot currentContext(Map<String, String> props) {
    Optional<Tenant> tenant = TenantThreadContext.current();
    return snapshot(tenant == null ? Optional.empty() : tenant);
  }

  @Override
  public ThreadContextSnapshot clearedContext(Map<String, String> props) {
    return snapshot(Optional.empty());
  }

  @Override
  public String getThreadContextType() {
    return TenantContextProvider.TYPE;
  }

  private static ThreadContextSnapshot snapshot(Optional<Tenant> tenant) {
    return () -> {
      Optional<Tenant> previous = TenantThreadContext.enter(tenant);
      ThreadContextController controller = () -> TenantThreadContext.restore(previous);
      return controller;
    };
  }
}
