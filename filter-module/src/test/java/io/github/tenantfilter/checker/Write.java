// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.checker;

/**
 * One change to the tenant tables. For {@link Kind#DOMAIN} the domain is in {@code tenant} and
 * the new owner in {@code value} ({@code null}: the domain is removed).
 *
 * @param kind what changes
 * @param tenant the tenant id (the domain for {@link Kind#DOMAIN})
 * @param value the new name, status, subdomain label, owner, or a new tenant's label
 */
record Write(Kind kind, String tenant, String value) {

  /** What a write changes. */
  enum Kind { RENAME, STATUS, SUBDOMAIN, DOMAIN, INSERT, DELETE }

  @Override
  public String toString() {
    return kind + " " + tenant + (value == null ? "" : " " + value);
  }
}
