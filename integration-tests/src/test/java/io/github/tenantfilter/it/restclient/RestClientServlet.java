// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.restclient;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/** Calls this application's probe at the loopback address through {@link WhoAmI}. */
@WebServlet("/restclient")
public class RestClientServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    URI base = URI.create("http://127.0.0.1:" + request.getLocalPort() + request.getContextPath());
    try {
      WhoAmI client = RestClientBuilder.newBuilder().baseUri(base).build(WhoAmI.class);
      try (Response answer = client.whoami()) {
        response.getWriter().print(answer.getStatus() + " " + answer.readEntity(String.class));
      }
    } catch (RuntimeException e) {
      response.getWriter().print("failed " + e);
    }
  }
}
