// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.api.Tenant;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The trivial endpoint every variant serves: the tenant id, or {@code -} without one. */
@WebServlet(urlPatterns = "/hello")
public final class HelloServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object tenant = request.getAttribute("io.github.tenantfilter.tenant");
    String id = tenant instanceof Tenant t ? t.id() : (String) request.getAttribute(TenantRows.ATTRIBUTE);
    byte[] body = ((id == null ? "-" : id) + "\n").getBytes(StandardCharsets.US_ASCII);
    response.setContentType("text/plain");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
