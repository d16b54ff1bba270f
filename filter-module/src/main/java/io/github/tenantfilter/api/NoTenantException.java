// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

/**
 * Thrown by {@link CurrentTenant#require()} when the request has no tenant: the path is excluded
 * from resolution, or unknown tenants pass through.
 */
public class NoTenantException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message.
   *
   * @param message what is missing
   */
  public NoTenantException(String message) {
    super(message);
  }
}
