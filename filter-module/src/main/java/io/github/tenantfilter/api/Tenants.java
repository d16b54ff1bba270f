// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/**
 * Static access to the tenant of a request, for code that has the request at hand and no CDI:
 * a helper called from many servlets, a filter of the application's own, a thread that was
 * handed the request.
 *
 * <pre>{@code
 * Tenant tenant = Tenants.fromRequest(request);   // throws NoTenantException when it has none
 * }</pre>
 *
 * <p>It reads the same request attribute as {@link CurrentTenant#of(jakarta.servlet.ServletRequest)}
 * and never queries a cache or the store: the filter resolved the tenant before the application
 * runs. Where CDI is active, {@code @Inject CurrentTenant} gives the same tenant.
 */
public final class Tenants {

  private Tenants() {}

  /**
   * Returns the tenant the filter resolved for {@code request}.
   *
   * @param request the request being served (or a wrapper of it)
   * @return the request's tenant
   * @throws NoTenantException if the request has no tenant: its path is excluded from
   *     resolution ({@code tenant-filter.exclude-paths}), unknown tenants pass through ({@code
   *     tenant-filter.unknown-tenant=pass}), or the filter is off
   * @throws NullPointerException if {@code request} is {@code null}
   */
  public static Tenant fromRequest(HttpServletRequest request) {
    Objects.requireNonNull(request, "request");
    return CurrentTenant.of(request)
        .orElseThrow(() -> new NoTenantException("this request has no tenant"));
  }
}
