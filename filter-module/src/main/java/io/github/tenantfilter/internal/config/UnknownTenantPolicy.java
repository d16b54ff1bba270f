// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

/** What the filter does with a request for a tenant that does not exist. */
public enum UnknownTenantPolicy {
  /** Answer 404 Not Found. */
  NOT_FOUND,
  /** Serve the request without a tenant; the application decides. */
  PASS
}
