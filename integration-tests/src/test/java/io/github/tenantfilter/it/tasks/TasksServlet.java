// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.tasks;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.context.TenantContextProvider;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ContextServiceDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reports what {@code CurrentTenant} says inside work handed off from this request: a task on an
 * executor whose context service propagates {@value TenantContextProvider#TYPE}, a contextual
 * supplier run on a plain thread, a task whose context service clears it, and a task that the
 * request left queued until after it ended ({@code ?later=}).
 */
@ContextServiceDefinition(name = "java:app/concurrent/TenantContext",
    propagated = {TenantContextProvider.TYPE, ContextServiceDefinition.APPLICATION},
    cleared = ContextServiceDefinition.ALL_REMAINING)
@ContextServiceDefinition(name = "java:app/concurrent/NoTenantContext",
    propagated = ContextServiceDefinition.APPLICATION,
    cleared = {TenantContextProvider.TYPE, ContextServiceDefinition.ALL_REMAINING})
@ManagedExecutorDefinition(name = "java:app/concurrent/TenantExecutor",
    context = "java:app/concurrent/TenantContext", maxAsync = 1)
@ManagedExecutorDefinition(name = "java:app/concurrent/NoTenantExecutor",
    context = "java:app/concurrent/NoTenantContext", maxAsync = 1)
@WebServlet("/tasks")
public class TasksServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final ExecutorService PLAIN = Executors.newSingleThreadExecutor();
  /** A task of an earlier request, started when that request had ended. */
  private static volatile Future<String> later;

  @Inject transient CurrentTenant current;
  @Resource(lookup = "java:app/concurrent/TenantExecutor")
  transient ManagedExecutorService executor;
  @Resource(lookup = "java:app/concurrent/NoTenantExecutor")
  transient ManagedExecutorService clearing;
  @Resource(lookup = "java:app/concurrent/TenantContext")
  transient ContextService contexts;
  @Resource transient ManagedExecutorService defaultExecutor;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    try {
      if (request.getParameter("queue") != null) {
        // the executor's one thread is kept busy past the end of this request
        executor.submit(() -> sleep(500));
        later = executor.submit(this::seen);
        response.getWriter().println("queued " + seen());
        return;
      }
      if (request.getParameter("default") != null) {
        // the server's default executor: which context types it propagates is the server's choice
        response.getWriter().println(
            "default=" + defaultExecutor.submit(this::seen).get(10, TimeUnit.SECONDS));
        return;
      }
      if (request.getParameter("later") != null) {
        response.getWriter().println("later=" + later.get(10, TimeUnit.SECONDS));
        return;
      }
      Supplier<String> contextual = contexts.contextualSupplier(this::seen);
      response.getWriter().println("request=" + seen()
          + " executor=" + executor.submit(this::seen).get(10, TimeUnit.SECONDS)
          + " contextual=" + CompletableFuture.supplyAsync(contextual, PLAIN).get(10,
              TimeUnit.SECONDS)
          + " plain=" + PLAIN.submit(this::seen).get(10, TimeUnit.SECONDS)
          + " cleared=" + clearing.submit(this::seen).get(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      response.getWriter().println("failed " + e);
    }
  }

  /** What {@code CurrentTenant} says on this thread: a tenant id, none, or the exception. */
  String seen() {
    try {
      return current.get().map(Tenant::id).orElse("none");
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  private static String sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return "slept";
  }
}
