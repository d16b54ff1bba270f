// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.context.TenantThreadContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The bean behind {@code @Inject CurrentTenant}: the tenant bound to this thread (by the filter
 * for the request it serves, by the Jakarta Concurrency context in a managed task), else the
 * request's, through the CDI request context ({@link RequestTenant}), for threads the filter does
 * not run on: an {@code AsyncContext.start} thread, for one. Where neither says anything it
 * throws {@code ContextNotActiveException}, as a request-scoped bean does: never a guess.
 */
@ApplicationScoped
public class CurrentTenantBean implements CurrentTenant {

  @Inject RequestTenant requestTenant;

  @Override
  public Optional<Tenant> get() {
    Optional<Tenant> bound = TenantThreadContext.current();
    return bound != null ? bound : requestTenant.get();
  }
}
