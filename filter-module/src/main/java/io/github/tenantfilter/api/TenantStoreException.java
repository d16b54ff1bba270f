// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

/**
 * The tenant store could not answer: it is unreachable, timed out, or returned data the filter
 * cannot use. The filter answers the request with 503 and a {@code Retry-After} header unless a
 * cached entry can serve it.
 */
public class TenantStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message.
   *
   * @param message what failed
   */
  public TenantStoreException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and its cause.
   *
   * @param message what failed
   * @param cause the store's own exception
   */
  public TenantStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
