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

  static final LocalEntry NOT_FOUND = new LocalEntry(Kind.NOT_FOUND, null);
  static final LocalEntry INVALID = new LocalEntry(Kind.INVALID, null);

  final Kind kind;
  final Tenant tenant;

  private LocalEntry(Kind kind, Tenant tenant) {
    this.kind = kind;
    this.tenant = tenant;
  }

  static LocalEntry of(Tenant tenant) {
    return new LocalEntry(Kind.TENANT, tenant);
  }
}
