// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * A strategy of the application's own for telling which tenant a request asks for. Make it a CDI
 * bean (any scope; {@code @ApplicationScoped} is usual) and the filter asks it, once per request,
 * after the built-in id header and path segment strategies and before the host; among several,
 * the lowest {@code @jakarta.annotation.Priority} first (none: 1000; ties by class name). The
 * first that answers wins; an empty answer passes the request on to the next.
 *
 * <pre>{@code
 * @ApplicationScoped @Priority(100)
 * public class QueryParameterTenant implements TenantKeyResolver {
 *   public Optional<TenantKey> resolve(HttpServletRequest request) {
 *     String org = request.getParameter("org");              // client input: TenantKey checks it
 *     return org == null ? Optional.empty() : Optional.of(TenantKey.id(org));
 *   }
 * }
 * }</pre>
 *
 * <p>The answer goes through the same caches, negative cache and outcomes as the built-in
 * strategies: an unknown tenant is 404, a suspended one 403, a store outage 503. Throw {@link
 * InvalidTenantKeyException} (or let {@link TenantKey}'s factories throw it) to answer 400; any
 * other exception is logged and answered with 503, never a 500. It runs on every request the
 * filter resolves, before the application: keep it cheap, and do not read the request body.
 */
@FunctionalInterface
public interface TenantKeyResolver {

  /**
   * Tells which tenant {@code request} asks for.
   *
   * @param request the request, as the filter received it
   * @return the tenant's key, or empty to let the next strategy decide
   * @throws InvalidTenantKeyException to refuse the request with 400
   */
  Optional<TenantKey> resolve(HttpServletRequest request);
}
