// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import jakarta.servlet.ServletRequest;
import java.util.Optional;

/**
 * The tenant of the request being served. Inject it anywhere a request is active (servlets,
 * JAX-RS resources, request-scoped beans, and beans called from them):
 *
 * <pre>{@code
 * @Inject CurrentTenant current;
 *
 * @GET public String hello() { return "Hello, " + current.require().name(); }
 * }</pre>
 *
 * <p>The tenant also sits in the request attribute {@value #REQUEST_ATTRIBUTE}; use {@link
 * #of(ServletRequest)} where no CDI request context is active (for example in a thread started
 * with {@code AsyncContext.start}). The binding lasts as long as the request, through forwards,
 * includes, error pages and async dispatches, and is gone when the request ends.
 */
public interface CurrentTenant {

  /** Name of the request attribute that holds the resolved {@link Tenant}. */
  String REQUEST_ATTRIBUTE = "io.github.tenantfilter.tenant";

  /**
   * {@return the tenant of this request, or empty when it has none (excluded path,
   * pass-through)}
   */
  Optional<Tenant> get();

  /**
   * Returns the tenant of this request.
   *
   * @return the tenant of this request
   * @throws NoTenantException if the request has no tenant
   */
  default Tenant require() {
    return get().orElseThrow(() -> new NoTenantException("this request has no tenant"));
  }

  /** {@return whether this request has a tenant} */
  default boolean isPresent() {
    return get().isPresent();
  }

  /**
   * Returns the tenant bound to {@code request}, or empty. Works without CDI.
   *
   * @param request the request being served
   * @return its tenant, or empty when it has none
   */
  static Optional<Tenant> of(ServletRequest request) {
    Object tenant = request.getAttribute(REQUEST_ATTRIBUTE);
    return tenant instanceof Tenant t ? Optional.of(t) : Optional.empty();
  }
}
