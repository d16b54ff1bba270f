// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.strategies;

import io.github.tenantfilter.api.TenantKey;
import io.github.tenantfilter.api.TenantKeyResolver;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * An application's own strategy: the query parameter {@code org} names the tenant by id ({@code
 * TenantKey.id} refuses what is not one), {@code orghost} by host name; {@code boom} makes it
 * fail as a buggy resolver would.
 */
@ApplicationScoped
@Priority(100)
public class OrgParameterResolver implements TenantKeyResolver {

  @Override
  public Optional<TenantKey> resolve(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query == null) {
      return Optional.empty();
    }
    if (query.equals("boom")) {
      throw new IllegalStateException("the resolver's own bug");
    }
    String org = request.getParameter("org");
    if (org != null) {
      return Optional.of(TenantKey.id(org));
    }
    String host = request.getParameter("orghost");
    return host == null ? Optional.empty() : Optional.of(TenantKey.host(host));
  }
}
