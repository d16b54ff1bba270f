// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import jakarta.enterprise.concurrent.ManageableThread;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.TreeSet;

/**
 * The server's live threads named {@code tenant-filter*}, one line each: {@code <name>
 * managed=<b> loader=<app|other> class=<thread class>}. {@code managed} is whether the thread
 * is a {@link ManageableThread}, the interface of Jakarta Concurrency that a server's {@code
 * ManagedThreadFactory} threads implement (a plain {@code new Thread} never does); {@code
 * loader} is whether its context class loader is this application's.
 */
@WebServlet("/threadprobe")
public class ThreadProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    ClassLoader application = request.getServletContext().getClassLoader();
    TreeSet<String> lines = new TreeSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && thread.getName().startsWith("tenant-filter")) {
        lines.add(thread.getName()
            + " managed=" + (thread instanceof ManageableThread)
            + " loader=" + (thread.getContextClassLoader() == application ? "app" : "other")
            + " class=" + thread.getClass().getName());
      }
    }
    response.getWriter().print(String.join("\n", lines));
  }
}
