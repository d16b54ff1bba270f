// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.fullpath;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Under {@code path.forward=false} the application maps the prefix: the path it sees, and the tenant. */
@WebServlet("/t/*")
public class TenantPathServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient CurrentTenant current;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().print("path=" + request.getServletPath() + request.getPathInfo()
        + " tenant=" + current.get().map(Tenant::id).orElse("none"));
  }
}
