// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

/** What a request whose Host is an IP address ({@code 10.1.2.3}, {@code [::1]}) gets. */
public enum IpHostPolicy {
  /** It names no tenant: the unknown-tenant policy applies (404, or pass through). */
  UNKNOWN,
  /** 400: tenants are reached by name only. */
  REJECT,
  /** The address is looked up as a custom domain (a tenant with an address of its own). */
  LOOKUP
}
