// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantCache;
import io.github.tenantfilter.web.TenantFilterRuntime;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What a test WAR's application does: reports the tenant it sees (by CDI and by the request
 * attribute) after every kind of dispatch, and uses the injected {@link TenantCache}.
 */
@WebServlet(urlPatterns = "/probe/*", asyncSupported = true)
public class ProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient CurrentTenant current;
  @Inject transient TenantCache cache;
  /** The filter's runtime (internal API): only for {@code /channels}, a test's wait. */
  @Inject transient TenantFilterRuntime runtime;

  /** "tenant=acme cdi=acme": the request attribute and the injected CurrentTenant. */
  static String describe(HttpServletRequest request, CurrentTenant current) {
    String attribute = CurrentTenant.of(request).map(Tenant::id).orElse("none");
    String cdi;
    try {
      cdi = current.get().map(Tenant::id).orElse("none");
    } catch (RuntimeException e) {
      cdi = "failed(" + e.getClass().getSimpleName() + ")";
    }
    return "tenant=" + attribute + " cdi=" + cdi;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    // an included servlet sees the including request's path; its own is in an attribute
    Object included = request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO);
    String path = included != null ? (String) included
        : request.getPathInfo() == null ? "/" : request.getPathInfo();
    response.setContentType("text/plain;charset=UTF-8");
    switch (path) {
      case "/whoami" -> response.getWriter().print(describe(request, current));
      case "/plan" -> response.getWriter().print(current.require().plan());
      case "/forward" -> request.getRequestDispatcher("/probe/whoami").forward(request, response);
      case "/include" -> {
        response.getWriter().print("included:");
        request.getRequestDispatcher("/probe/whoami").include(request, response);
      }
      case "/async" -> {
        AsyncContext async = request.startAsync();
        async.dispatch("/probe/whoami");
      }
      case "/async-thread" -> {
        AsyncContext async = request.startAsync();
        async.start(() -> {
          try {
            // no CDI request context on this thread: the request attribute carries the tenant
            String tenant = CurrentTenant.of(async.getRequest()).map(Tenant::id).orElse("none");
            async.getResponse().getWriter().print("tenant=" + tenant + " thread=worker");
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } finally {
            async.complete();
          }
        });
      }
      case "/fail" -> throw new IllegalStateException("the application failed on purpose");
      case "/teapot" -> response.sendError(418);
      case "/health" -> response.getWriter().print("ok");
      case "/stats" -> {
        CacheStats s = cache.getCacheStats();
        PrintWriter out = response.getWriter();
        out.print("lookups=" + s.lookups() + " localHits=" + s.localHits() + " redisHits="
            + s.redisHits() + " storeLoads=" + s.storeLoads() + " redisEnabled="
            + s.redisEnabled() + " redisErrors=" + s.redisErrors() + " redisSkipped="
            + s.redisSkipped() + " redisCircuitOpen=" + s.redisCircuitOpen()
            + " storeErrors=" + s.storeErrors() + " staleServed=" + s.staleServed());
      }
      case "/channels" -> {
        // "true" once this node hears invalidations (Redis pub/sub, and LISTEN where set), up to
        // 30 s: a channel that comes up drops the heap tier, which a test that wants a tenant
        // to stay cached must not have happen after its first request
        try {
          response.getWriter().print(runtime.awaitInvalidationChannels(Duration.ofSeconds(30)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          response.getWriter().print("interrupted");
        }
      }
      case "/invalidate" -> {
        cache.invalidateTenantCache(request.getParameter("id"));
        response.getWriter().print("invalidated");
      }
      case "/setting" -> response.getWriter().print(
          ConfigProvider.getConfig().getOptionalValue(request.getParameter("name"), String.class)
              .orElse("unset"));
      default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }
}
