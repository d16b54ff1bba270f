// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The request-scoped bean behind {@link CurrentTenant}. In a servlet container it reads the
 * request attribute the filter set, through the container's {@code HttpServletRequest} bean, so
 * the filter creates no bean on requests whose application never asks (the load benchmark found
 * that creation to be the largest cost of the filter on Payara). Where no such bean exists, or
 * for a dispatch that runs in a request context of its own, the filter binds the tenant here. It
 * dies with the CDI request context, so nothing outlives the request. Internal: inject {@link
 * CurrentTenant}, whose bean ({@link CurrentTenantBean}) asks the thread's binding first and
 * this bean only where the filter does not run on the thread.
 *
 * <p>It is created once per request that asks, so it injects only the application-scoped runtime
 * (a cached client proxy), which holds the {@code Instance<HttpServletRequest>}: an {@code
 * Instance} injected here was built anew with every bean, a third of the bean's creation on
 * Payara Micro (docs/sample-performance.md).
 */
@RequestScoped
@Typed(RequestTenant.class)
public class RequestTenant implements CurrentTenant {

  @Inject TenantFilterRuntime runtime;
  private Tenant tenant;
  private boolean bound;

  @Override
  public Optional<Tenant> get() {
    if (bound) {
      return Optional.ofNullable(tenant);
    }
    return runtime == null ? Optional.empty() : runtime.servletRequestTenant();
  }

  /** Binds the request's tenant. For the filter only. */
  public void bind(Tenant tenant) {
    this.tenant = tenant;
    this.bound = true;
  }
}
