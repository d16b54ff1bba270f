// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * Reports every place where a tenant could still be visible to a request that has none (an
 * excluded path, or an unknown host under {@code unknown-tenant=pass}), on the same pooled
 * threads and connections as the requests that had one: the request attribute, the injected
 * {@link CurrentTenant}, a request-scoped bean that must be new, request and context attributes
 * holding a {@link Tenant}, and a session. {@code /leak/sync} answers on the request thread,
 * {@code /leak/async} after an {@code AsyncContext.dispatch}, {@code /leak/thread} from a worker
 * thread of {@code AsyncContext.start} (where CDI's request context is not active).
 */
@WebServlet(urlPatterns = "/leak/*", asyncSupported = true)
public class LeakProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient CurrentTenant current;
  @Inject transient RequestMarker marker;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
    switch (path) {
      case "/sync" -> response.getWriter().print(report(request));
      case "/async" -> {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
          response.getWriter().print(report(request));
        } else {
          request.startAsync().dispatch("/leak/async");
        }
      }
      case "/thread" -> {
        // attributes are read here: the container thread may still change them while the worker
        // runs (request attributes are not thread-safe)
        String state = state(request);
        AsyncContext async = request.startAsync();
        async.start(() -> {
          try {
            String attribute = CurrentTenant.of(async.getRequest()).map(Tenant::id).orElse("none");
            async.getResponse().getWriter().print(
                "tenant=" + attribute + " " + cdi() + " " + state + " thread=worker");
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } finally {
            async.complete();
          }
        });
      }
      default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private String report(HttpServletRequest request) {
    String attribute = CurrentTenant.of(request).map(Tenant::id).orElse("none");
    return "tenant=" + attribute + " " + cdi() + " " + state(request);
  }

  /** What CDI shows: the injected tenant and whether the request-scoped marker is new. */
  private String cdi() {
    try {
      String tenant = current.get().map(Tenant::id).orElse("none");
      return "cdi=" + tenant + " marker=" + marker.claim();
    } catch (ContextNotActiveException e) {
      return "cdi=inactive marker=inactive"; // normal on a worker thread of AsyncContext.start
    }
  }

  /** Tenants held by request or context attributes, and whether a session exists. */
  private static String state(HttpServletRequest request) {
    return "attrs=" + tenants(request) + " ctx=" + tenants(request.getServletContext())
        + " session=" + (request.getSession(false) == null ? "none" : "present");
  }

  private static int tenants(ServletRequest request) {
    int count = 0;
    for (String name : Collections.list(request.getAttributeNames())) {
      if (request.getAttribute(name) instanceof Tenant) {
        count++;
      }
    }
    return count;
  }

  private static int tenants(ServletContext context) {
    int count = 0;
    for (String name : Collections.list(context.getAttributeNames())) {
      if (context.getAttribute(name) instanceof Tenant) {
        count++;
      }
    }
    return count;
  }
}
