// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

/**
 * The shape of a tenant id: 1 to 64 characters, letters, digits, {@code _}, {@code .} and
 * {@code -}, starting with a letter or digit. Ids become parts of cache keys, so nothing else
 * is accepted from a client or from a store.
 */
public final class TenantIds {

  /** Longest id accepted. */
  public static final int MAX_LENGTH = 64;

  private TenantIds() {}

  /** Tells whether {@code id} is a well-formed tenant id. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH || !isAlphanumeric(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!isAlphanumeric(c) && c != '_' && c != '.' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
