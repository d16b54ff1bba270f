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

/**
 * What the server says of itself, for the compatibility table (ServerInfoIT): its name and
 * version, the Servlet version it implements, the Java it runs on, and the tenant the filter
 * resolved for this request.
 */
@WebServlet("/server-info")
public class ServerInfoServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient CurrentTenant current;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    var context = request.getServletContext();
    response.getWriter().print(
        "server=" + context.getServerInfo() + "\n"
            + "servlet=" + context.getEffectiveMajorVersion() + "."
            + context.getEffectiveMinorVersion() + "\n"
            + "servlet.container=" + context.getMajorVersion() + "." + context.getMinorVersion()
            + "\n"
            + "java.version=" + System.getProperty("java.version") + "\n"
            + "java.vendor=" + System.getProperty("java.vendor") + "\n"
            + "java.feature=" + Runtime.version().feature() + "\n"
            + "pid=" + ProcessHandle.current().pid() + "\n"
            + "tenant=" + ProbeServlet.describe(request, current).replace(' ', '_') + "\n");
  }
}
