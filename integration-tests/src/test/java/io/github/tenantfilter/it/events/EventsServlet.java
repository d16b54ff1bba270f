// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.events;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** What {@link AuditObserver} saw, a line each, leaving out the requests for this page. */
@WebServlet("/events")
public class EventsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject AuditObserver audit;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    for (String line : audit.seen()) {
      if (!line.endsWith("/events")) {
        response.getWriter().println(line);
      }
    }
  }
}
