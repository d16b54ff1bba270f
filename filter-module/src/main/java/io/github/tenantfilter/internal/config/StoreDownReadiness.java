// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

/**
 * What the readiness check says while the tenant store cannot answer ({@code
 * tenant-filter.readiness.store-down}).
 */
public enum StoreDownReadiness {
  /** DOWN whenever the store cannot answer, even while cached tenants are still served. */
  DOWN,
  /**
   * UP while this node can still serve cached tenants (its heap tier holds one within its TTL or
   * the stale-if-error window, or Redis answers and its circuit is closed); DOWN once it can serve
   * none.
   */
  UP_WHILE_SERVING
}
