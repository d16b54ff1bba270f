// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.outgoing;

import io.github.tenantfilter.client.TenantHeaderClientFilter;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Calls this application's own {@code /probe/whoami} through a JAX-RS client carrying {@link
 * TenantHeaderClientFilter}, at the server's loopback address (a Host that names no tenant), and
 * prints what came back: from the request thread ({@code ?spoof=} first sets the header to
 * another tenant, as a careless application might), and from a managed task whose context clears
 * the tenant ({@code ?task}).
 */
@ContextServiceDefinition(name = "java:app/concurrent/NoTenantContext",
    propagated = ContextServiceDefinition.APPLICATION,
    cleared = ContextServiceDefinition.ALL_REMAINING)
@ManagedExecutorDefinition(name = "java:app/concurrent/NoTenantExecutor",
    context = "java:app/concurrent/NoTenantContext")
@WebServlet("/outgoing")
public class OutgoingServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Resource(lookup = "java:app/concurrent/NoTenantExecutor")
  transient ManagedExecutorService clearing;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    String target = "http://127.0.0.1:" + request.getLocalPort() + request.getContextPath()
        + "/probe/whoami";
    String spoof = request.getParameter("spoof");
    try {
      String seen = request.getParameter("task") != null
          ? clearing.submit(() -> call(target, null)).get(20, TimeUnit.SECONDS)
          : call(target, spoof);
      response.getWriter().println(seen);
    } catch (Exception e) {
      response.getWriter().println("failed " + e);
    }
  }

  private static String call(String target, String spoof) {
    Client client = ClientBuilder.newClient().register(TenantHeaderClientFilter.class);
    try {
      var builder = client.target(target).request();
      if (spoof != null) {
        builder.header(TenantHeaderClientFilter.DEFAULT_HEADER, spoof);
      }
      try (Response answer = builder.get()) {
        return answer.getStatus() + " " + answer.readEntity(String.class).strip();
      }
    } finally {
      client.close();
    }
  }
}
