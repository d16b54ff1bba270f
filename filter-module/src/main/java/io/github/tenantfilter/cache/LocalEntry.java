package io.github.tenantfilter.cache;

import io.github.tenantfilter.api.Tenant;

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

  static final LocalEntry NOT_FOUND = new LocalEntry(Kind.NOT_FOUND, null, Long.MAX_VALUE);
  static final LocalEntry INVALID = new LocalEntry(Kind.INVALID, null, Long.MAX_VALUE);

  final Kind kind;
  final Tenant tenant;
  /** Until when (epoch millis) the entry answers lookups; after it, only a failing store. */
  final long freshUntil;

  private LocalEntry(Kind kind, Tenant tenant, long freshUntil) {
    this.kind = kind;
    this.tenant = tenant;
    this.freshUntil = freshUntil;
  }

  static LocalEntry of(Tenant tenant, long freshUntil) {
    return new LocalEntry(Kind.TENANT, tenant, freshUntil);
  }
}
