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

/**
 * The churn benchmark's probe (ClusterBench): the name of the tenant the filter resolved, which
 * the writer changes, so that the benchmark sees when a node serves the new record.
 */
@WebServlet(urlPatterns = "/probe")
public final class ProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object tenant = request.getAttribute("io.github.tenantfilter.tenant");
    String name = tenant instanceof Tenant t ? t.name() : "-";
    byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
    response.setContentType("text/plain;charset=UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
