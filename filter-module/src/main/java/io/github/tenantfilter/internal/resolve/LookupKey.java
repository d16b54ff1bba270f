// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.resolve;

import java.util.Objects;

/**
 * What a request asks for: a tenant id, a subdomain label or a custom domain, already
 * normalised. Its {@link #cacheKey()} ({@code id:42}, {@code subdomain:acme}, {@code
 * domain:shop.example}) names the entry in every cache tier.
 */
public final class LookupKey {

  /** The three ways a tenant is asked for. */
  public enum Kind {
    /** By tenant id, from a header. */
    ID("id:"),
    /** By subdomain label of a base domain. */
    SUBDOMAIN("subdomain:"),
    /** By the whole host, a custom domain. */
    DOMAIN("domain:");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    /** The cache key prefix of this kind, such as {@code subdomain:}. */
    public String prefix() {
      return prefix;
    }
  }

  private final Kind kind;
  private final String value;
  private final String cacheKey;

  private LookupKey(Kind kind, String value) {
    this.kind = Objects.requireNonNull(kind);
    this.value = Objects.requireNonNull(value);
    this.cacheKey = kind.prefix + value;
  }

  /** A key for a tenant id (validate it first with {@link TenantIds#isValid(String)}). */
  public static LookupKey id(String id) {
    return new LookupKey(Kind.ID, id);
  }

  /** A key for a canonical subdomain label. */
  public static LookupKey subdomain(String label) {
    return new LookupKey(Kind.SUBDOMAIN, label);
  }

  /** A key for a canonical host name. */
  public static LookupKey domain(String host) {
    return new LookupKey(Kind.DOMAIN, host);
  }

  /** The kind of lookup. */
  public Kind kind() {
    return kind;
  }

  /** The normalised id, label or host. */
  public String value() {
    return value;
  }

  /** The tier-independent cache key, such as {@code subdomain:acme}. */
  public String cacheKey() {
    return cacheKey;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LookupKey key && key.cacheKey.equals(cacheKey);
  }

  @Override
  public int hashCode() {
    return cacheKey.hashCode();
  }

  @Override
  public String toString() {
    return cacheKey;
  }
}
