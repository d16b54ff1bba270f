// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/**
 * A CDI event: a request's tenant was resolved, and the request goes on to the application with
 * it. Fired by the tenant filter synchronously, on the request's thread, once per request (not
 * again on its forwards, includes or async dispatches), after the tenant is bound ({@link
 * CurrentTenant} works in the observer) and before the application runs. For auditing and
 * logging context:
 *
 * <pre>{@code
 * void resolved(@Observes TenantResolved event) {
 *   MDC.put("tenant", event.tenant().id());
 * }
 * }</pre>
 *
 * <p>Fired only when the application has an observer of it: without one, it costs nothing. An
 * observer that throws does not change the response: the exception is logged and the request is
 * served. To refuse a request, use a filter of the application's own after the tenant filter.
 * Requests of excluded paths, and of unknown tenants where those pass through, fire nothing.
 */
public final class TenantResolved {

  private final Tenant tenant;
  private final HttpServletRequest request;

  /**
   * Creates the event.
   *
   * @param tenant the request's tenant
   * @param request the request
   */
  public TenantResolved(Tenant tenant, HttpServletRequest request) {
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.request = Objects.requireNonNull(request, "request");
  }

  /** The request's tenant. */
  public Tenant tenant() {
    return tenant;
  }

  /** The request. */
  public HttpServletRequest request() {
    return request;
  }

  @Override
  public String toString() {
    return "TenantResolved[" + tenant.id() + "]";
  }
}
