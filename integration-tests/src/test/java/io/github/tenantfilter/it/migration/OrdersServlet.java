// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.migration;

import io.github.tenantfilter.api.Tenant;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A route of the old application, by path prefix: calls the helper as it always did. */
@WebServlet("/api/orders/*")
public class OrdersServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Tenant tenant = TenantHelper.getTenantFromRequest(request);
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().print("orders tenant=" + tenant.id());
  }
}
