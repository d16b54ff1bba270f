// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import io.github.tenantfilter.internal.resolve.HostNormalizer;
import io.github.tenantfilter.internal.resolve.TenantIds;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link TenantKeyResolver} says a request asks for: a tenant id, or a host name read as
 * the {@code Host} header is (the base domains' subdomains, custom domains, IP addresses, each by
 * the same rules and through the same caches). The factories check their input as strictly as the
 * filter checks a header: a value that is not a well-formed id or host is refused with {@link
 * InvalidTenantKeyException}, which answers the request with 400. Never trust more than the
 * source proves: a path segment or a claim is client input until verified.
 */
public final class TenantKey {

  /** The two ways to name a tenant. */
  public enum Kind {
    /** A tenant id: letters, digits, then also {@code . _ -}, up to 128 characters. */
    ID,
    /** A host name, looked up as the {@code Host} header would be. */
    HOST
  }

  private final Kind kind;
  private final String value;

  private TenantKey(Kind kind, String value) {
    this.kind = kind;
    this.value = value;
  }

  /**
   * The tenant with id {@code id}.
   *
   * @throws InvalidTenantKeyException if {@code id} is not a well-formed tenant id
   */
  public static TenantKey id(String id) {
    if (!TenantIds.isValid(id)) {
      throw new InvalidTenantKeyException("not a tenant id");
    }
    return new TenantKey(Kind.ID, id);
  }

  /**
   * The tenant that {@code host} names, as if it were the request's {@code Host}.
   *
   * @throws InvalidTenantKeyException if {@code host} is not a well-formed host name
   */
  public static TenantKey host(String host) {
    String canonical =
        host == null ? null : HostNormalizer.normalize(host);
    if (canonical == null) {
      throw new InvalidTenantKeyException("not a host name");
    }
    return new TenantKey(Kind.HOST, canonical);
  }

  /** {@return how the tenant is named} */
  public Kind kind() {
    return kind;
  }

  /** {@return the id, or the canonical host name} */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TenantKey key && key.kind == kind && key.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, value);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + ":" + value;
  }
}
