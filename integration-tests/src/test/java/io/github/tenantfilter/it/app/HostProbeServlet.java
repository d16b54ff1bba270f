// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * What the application sees of the requested host: "protocol=HTTP/2.0 host=[a] server=a
 * tenant=acme", to compare with what the filter resolved.
 */
@WebServlet("/hostprobe")
public class HostProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().print("protocol=" + request.getProtocol()
        + " host=" + Collections.list(request.getHeaders("Host"))
        + " server=" + request.getServerName()
        + " tenant=" + CurrentTenant.of(request).map(Tenant::id).orElse("none"));
  }
}
