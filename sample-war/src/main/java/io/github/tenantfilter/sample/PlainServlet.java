// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /plain}: a plain servlet writing a constant, excluded from tenant resolution in
 * web.xml; no JAX-RS, no CDI. The ceiling of {@code performance/sample-wrk.sh}: what the server
 * itself costs a request of this WAR.
 */
@WebServlet("/plain")
public class PlainServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final byte[] BODY = "-".getBytes(StandardCharsets.US_ASCII);

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain");
    response.setContentLength(BODY.length);
    response.getOutputStream().write(BODY);
  }
}
