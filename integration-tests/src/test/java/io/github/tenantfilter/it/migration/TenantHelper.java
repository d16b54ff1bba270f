// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.migration;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.Tenants;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The application's own helper, as an application written before tenant-filter has it: every
 * route calls {@code TenantHelper.getTenantFromRequest(request)}. Its body is converted the way
 * docs/migration.md says (its cache, its Redis client and its queries removed); the callers are
 * untouched.
 */
public final class TenantHelper {

  private TenantHelper() {}

  /** The request's tenant; {@code NoTenantException} when it has none. */
  public static Tenant getTenantFromRequest(HttpServletRequest request) {
    return Tenants.fromRequest(request);
  }
}
