// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Before the original fix: every request reads its tenant from PostgreSQL (one query, through
 * the server's pool; the application it replaces ran 2 to 5).
 */
public final class NoCacheFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private transient DataSource dataSource;
  private String baseDomain;

  @Override
  public void init() {
    dataSource = TenantRows.dataSource();
    baseDomain = System.getProperty("bench.base-domain", "bench.localhost");
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    String subdomain = TenantRows.subdomain(request.getHeader("Host"), baseDomain);
    if (subdomain == null) {
      response.sendError(404);
      return;
    }
    TenantRows.Row row;
    try {
      row = TenantRows.query(dataSource, subdomain);
    } catch (SQLException e) {
      response.sendError(503);
      return;
    }
    if (row == null) {
      response.sendError(404);
      return;
    }
    request.setAttribute(TenantRows.ATTRIBUTE, row.id());
    chain.doFilter(request, response);
  }
}
