// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.api.TenantCache;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A change "through the API", as an application makes it (ClusterBench): the tenant's name
 * updated in PostgreSQL, then {@code TenantCache.invalidateTenantCache}; answers once both are
 * done. {@code POST /bench/rename?id=..&name=..} (under {@code /bench/*}, which the filter
 * skips).
 */
@WebServlet(urlPatterns = "/bench/rename")
public final class RenameServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String id = request.getParameter("id");
    String name = request.getParameter("name");
    if (id == null || name == null) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "id and name");
      return;
    }
    int rows;
    try (Connection c = TenantRows.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("UPDATE tenants SET name = ? WHERE id = ?")) {
      s.setString(1, name);
      s.setString(2, id);
      rows = s.executeUpdate();
    } catch (SQLException e) {
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
      return;
    }
    CDI.current().select(TenantCache.class).get().invalidateTenantCache(id);
    response.setContentType("text/plain");
    response.getWriter().println(rows);
  }
}
