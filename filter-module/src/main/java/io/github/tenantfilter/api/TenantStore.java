// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.api;

import java.util.Optional;

/**
 * Where tenants come from: the source of truth behind both cache tiers. The filter ships a JDBC
 * implementation with configurable queries; an application that keeps tenants another way
 * replaces it with a CDI bean of its own:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class MyTenantStore implements TenantStore {
 *   public Optional<Tenant> findById(String id) { ... }
 *   public Optional<Tenant> findBySubdomain(String subdomain) { ... }
 *   public Optional<Tenant> findByDomain(String domain) { ... }
 * }
 * }</pre>
 *
 * <p>Arguments are already normalised and validated (lower case, ASCII). The filter checks each
 * result (the tenant found must own the subdomain or domain asked for) and caches it; methods
 * are called only on cache misses, at most once at a time per key on each node.
 */
public interface TenantStore {

  /**
   * Finds a tenant by id.
   *
   * @param id the tenant's id
   * @return the tenant, or empty when there is none
   * @throws TenantStoreException if the store cannot answer now
   */
  Optional<Tenant> findById(String id);

  /**
   * Finds the tenant that owns a subdomain label of the base domain.
   *
   * @param subdomain the label ({@code acme} for {@code acme.app.example})
   * @return the tenant, or empty when there is none
   * @throws TenantStoreException if the store cannot answer now
   */
  Optional<Tenant> findBySubdomain(String subdomain);

  /**
   * Finds the tenant that owns a custom domain.
   *
   * @param domain the host name, lower-case ASCII, without a port
   * @return the tenant, or empty when there is none
   * @throws TenantStoreException if the store cannot answer now
   */
  Optional<Tenant> findByDomain(String domain);
}
