// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.mpcontext;

import io.github.tenantfilter.api.CurrentTenant;
import io.github.tenantfilter.api.Tenant;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * What {@code CurrentTenant} says in work handed off through MicroProfile Context Propagation: a
 * {@code ManagedExecutor} that propagates the {@code Tenant} context, and one that clears it.
 */
@WebServlet("/mpcontext")
public class MpContextServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final ManagedExecutor PROPAGATING = ManagedExecutor.builder()
      .propagated("Tenant", ThreadContext.APPLICATION).cleared(ThreadContext.ALL_REMAINING)
      .maxAsync(1).build();
  private static final ManagedExecutor CLEARING = ManagedExecutor.builder()
      .propagated(ThreadContext.APPLICATION).cleared(ThreadContext.ALL_REMAINING)
      .maxAsync(1).build();

  @Inject transient CurrentTenant current;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    try {
      response.getWriter().print("propagated="
          + PROPAGATING.supplyAsync(this::seen).get(10, TimeUnit.SECONDS)
          + " cleared=" + CLEARING.supplyAsync(this::seen).get(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      response.getWriter().print("failed " + e);
    }
  }

  String seen() {
    try {
      return current.get().map(Tenant::id).orElse("none");
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }
}
