// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.jpa;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code ?op=list|find&id=|add&body=|provider}; a refusal names the root exception. */
@WebServlet({"/jpanotes", "/excluded/jpanotes"})
public class TenantNotesServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient TenantNotes notes;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    String answer;
    try {
      answer = switch (String.valueOf(request.getParameter("op"))) {
        case "list" -> "rows=" + notes.list();
        case "find" -> "found=" + notes.find(Long.parseLong(request.getParameter("id")));
        case "add" -> "id=" + notes.add(request.getParameter("body"));
        case "provider" -> notes.provider();
        default -> "no such op";
      };
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      answer = "refused " + cause.getClass().getSimpleName();
    }
    response.getWriter().print(answer);
  }
}
