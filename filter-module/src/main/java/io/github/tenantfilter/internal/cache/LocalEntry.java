// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.api.Tenant;
import java.util.Optional;

/**
 * A heap-tier value: a tenant, or the memory that a key has no tenant (or only an invalid
 * record). Immutable.
 */
final class LocalEntry {

  /** What the entry says. */
  enum Kind {
    TENANT,
    NOT_FOUND,
    INVALID
  }

  final Kind kind;
  final Tenant tenant;
  /** {@code Optional.ofNullable(tenant)}, made once: a heap hit allocates nothing. */
  final Optional<Tenant> found;
  /** Until when (clock millis) the entry answers lookups; after it, only a failing store. */
  final long freshUntil;
  /** From when (clock millis) the entry is gone. */
  final long expiresAt;

  private LocalEntry(Kind kind, Tenant tenant, long freshUntil, long expiresAt) {
    this.kind = kind;
    this.tenant = tenant;
    this.found = Optional.ofNullable(tenant);
    this.freshUntil = freshUntil;
    this.expiresAt = expiresAt;
  }

  /** {@code tenant}, fresh until {@code freshUntil}, then stale until {@code expiresAt}. */
  static LocalEntry of(Tenant tenant, long freshUntil, long expiresAt) {
    return new LocalEntry(Kind.TENANT, tenant, freshUntil, expiresAt);
  }

  /** A remembered miss ({@link Kind#NOT_FOUND} or {@link Kind#INVALID}) until {@code expiresAt}. */
  static LocalEntry negative(Kind kind, long expiresAt) {
    return new LocalEntry(kind, null, Long.MAX_VALUE, expiresAt);
  }
}
