// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** "present" or "absent": whether the application can load the class {@code ?name=}. */
@WebServlet("/classprobe")
public class ClassProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    String answer;
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
