// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-memory {@link TenantStore}: the hot-path benchmarks fill the heap tier from it once, and
 * then count that it is not asked again.
 */
final class MapStore implements TenantStore {

  private final Map<String, Tenant> bySubdomain = new ConcurrentHashMap<>();
  private final Map<String, Tenant> byDomain = new ConcurrentHashMap<>();
  private final Map<String, Tenant> byId = new ConcurrentHashMap<>();
  final LongAdder queries = new LongAdder();

  /** A tenant shaped like a real row: a subdomain, one custom domain, small settings. */
  static Tenant tenant(String id, String subdomain) {
    return new Tenant(id, "Tenant " + id, subdomain, List.of(id + "-shop.example"), "pro",
        "active", "{\"theme\":\"blue\",\"seats\":25}", Instant.parse("2025-01-01T00:00:00Z"));
  }

  MapStore put(Tenant tenant) {
    byId.put(tenant.id(), tenant);
    if (tenant.subdomain() != null) {
      bySubdomain.put(tenant.subdomain(), tenant);
    }
    for (String domain : tenant.customDomains()) {
      byDomain.put(domain, tenant);
    }
    return this;
  }

  @Override
  public Optional<Tenant> findById(String id) {
    queries.increment();
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Optional<Tenant> findBySubdomain(String subdomain) {
    queries.increment();
    return Optional.ofNullable(bySubdomain.get(subdomain));
  }

  @Override
  public Optional<Tenant> findByDomain(String domain) {
    queries.increment();
    return Optional.ofNullable(byDomain.get(domain));
  }
}
