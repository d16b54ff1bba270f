// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

/**
 * A request names its tenant in a malformed way: thrown by {@link TenantKey}'s factories, or by
 * a {@link TenantKeyResolver} itself to refuse the request. The filter answers 400 with a fixed
 * message; this exception's message is logged at most, never shown to the client.
 */
public class InvalidTenantKeyException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** With a message for the log; never put the client's input in it unescaped. */
  public InvalidTenantKeyException(String message) {
    super(message);
  }
}
