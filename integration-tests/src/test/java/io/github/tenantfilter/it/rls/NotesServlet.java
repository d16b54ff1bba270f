// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.rls;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code ?op=scoped|unscoped|insert&for=<id>|outside}: what {@link NotesRepository} did. */
@WebServlet("/notes")
public class NotesServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient NotesRepository notes;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    String answer;
    try {
      answer = switch (String.valueOf(request.getParameter("op"))) {
        case "scoped" -> "rows=" + notes.scoped();
        case "unscoped" -> "rows=" + notes.unscoped();
        case "insert" -> {
          notes.insertFor(request.getParameter("for"), request.getParameter("body"));
          yield "inserted";
        }
        case "outside" -> {
          notes.outsideTransaction();
          yield "applied";
        }
        default -> "no such op";
      };
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
        cause = cause.getCause();
      }
      answer = "refused " + cause.getClass().getSimpleName()
          + (String.valueOf(cause.getMessage()).contains("row-level security")
              ? " row-level security" : "");
    }
    response.getWriter().print(answer);
  }
}
