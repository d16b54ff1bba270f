// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.client;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.context.TenantThreadContext;
import io.github.tenantfilter.internal.resolve.TenantIds;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Passes the current tenant's id on to the services this application calls, in a header ({@value
 * #DEFAULT_HEADER} unless named otherwise), for a receiving tenant-filter that accepts that header
 * from this caller only ({@code tenant-filter.header} and {@code tenant-filter.header.sources}).
 * Opt-in, per client:
 *
 * <pre>{@code
 * Client client = ClientBuilder.newClient().register(TenantHeaderClientFilter.class);
 * // MicroProfile REST Client: @RegisterProvider(TenantHeaderClientFilter.class)
 * }</pre>
 *
 * <p>The tenant is the one bound to the calling thread: the request's, or, in a Jakarta
 * Concurrency task, the submitting request's. A call made with no tenant (an excluded path, a
 * task whose context clears it, a thread of the application's own) carries no tenant header:
 * the header is removed if the application set one, so that a call never names a tenant the
 * caller does not have. The application's own header value is replaced likewise.
 */
@Priority(Priorities.HEADER_DECORATOR)
public class TenantHeaderClientFilter implements ClientRequestFilter {

  /** The header used when none is named. */
  public static final String DEFAULT_HEADER = "X-Tenant-Id";

  private final String header;

  /** A filter that writes {@value #DEFAULT_HEADER}. */
  public TenantHeaderClientFilter() {
    this(DEFAULT_HEADER);
  }

  /**
   * A filter that writes {@code header}.
   *
   * @param header the header name: an HTTP token (letters, digits, {@code -}, {@code _})
   * @throws IllegalArgumentException if {@code header} is not such a name
   */
  public TenantHeaderClientFilter(String header) {
    Objects.requireNonNull(header, "header");
    if (header.isEmpty() || !header.chars().allMatch(
        c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
      throw new IllegalArgumentException("not a header name: '" + header + "'");
    }
    if (header.toLowerCase(Locale.ROOT).equals("host")) {
      throw new IllegalArgumentException("the tenant header cannot be Host");
    }
    this.header = header;
  }

  @Override
  public void filter(ClientRequestContext request) {
    Optional<Tenant> bound = TenantThreadContext.current();
    String id = bound == null ? null : bound.map(Tenant::id).orElse(null);
    if (id != null && TenantIds.isValid(id)) {
      request.getHeaders().putSingle(header, id);
    } else {
      request.getHeaders().remove(header);
    }
  }

  /** {@return the header this filter writes} */
  public String header() {
    return header;
  }
}
