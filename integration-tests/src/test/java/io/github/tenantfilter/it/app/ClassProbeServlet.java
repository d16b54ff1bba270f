// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * "present" or "absent": whether the application can load the class {@code ?name=}; with {@code
 * ?where=}, the URL the class is loaded from.
 */
@WebServlet("/classprobe")
public class ClassProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    String answer;
    if (request.getParameter("where") != null) {
      // where the class's bytes come from, as the server's class loader names it
      try {
        Class<?> found = Class.forName(request.getParameter("where"), false,
            Thread.currentThread().getContextClassLoader());
        response.getWriter().print(found.getResource(found.getSimpleName() + ".class"));
      } catch (ClassNotFoundException | LinkageError e) {
        response.getWriter().print("absent");
      }
      return;
    }
    try {
      Class.forName(request.getParameter("name"), false,
          Thread.currentThread().getContextClassLoader());
      answer = "present";
    } catch (ClassNotFoundException | LinkageError e) {
      answer = "absent";
    }
    response.getWriter().print(answer);
  }
}
