// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import io.github.tenantfilter.api.CurrentTenant;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The error page of the web.xml deployment: which tenant does an ERROR dispatch see? */
@WebServlet("/errorpage")
public class ErrorPageServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient CurrentTenant current;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().print("error-page " + ProbeServlet.describe(request, current));
  }
}
