// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The stats page: HTML at {@code tenant-filter.stats.path}, JSON at the same path with {@code
 * .json} or {@code ?format=json}. The listener registers it with a security constraint that
 * requires {@code tenant-filter.stats.role}; the servlet checks the role again, so that the page
 * is never open even where a {@code web.xml} constraint for the same path replaces that one.
 *
 * <pre>
 * GET /tenant-filter/stats               the page
 * GET /tenant-filter/stats.json          the same as JSON
 * GET /tenant-filter/stats?format=json   the same as JSON
 * </pre>
 */
public final class StatsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Supplier<StatsView> view;
  private final String role;
  private final String path;

  /**
   * Creates the servlet.
   *
   * @param view what to show, taken per request
   * @param config the page's settings (path, role)
   */
  public StatsServlet(Supplier<StatsView> view, StatsPageConfig config) {
    this.view = view;
    this.role = config.role();
    this.path = config.path();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (!request.isUserInRole(role)) {
      text(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden: the stats page needs the role "
          + role);
      return;
    }
    String format = request.getParameter("format");
    boolean json;
    if (format == null || format.isEmpty()) {
      json = request.getServletPath().endsWith(".json");
    } else if (format.equals("json") || format.equals("html")) {
      json = format.equals("json");
    } else {
      text(response, HttpServletResponse.SC_BAD_REQUEST,
          "Bad Request: format must be html or json");
      return;
    }
    StatsView current = view.get();
    if (current == null) {
      text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "Service Unavailable: tenant-filter is not running");
      return;
    }
    byte[] body;
    if (json) {
      response.setContentType("application/json;charset=UTF-8");
      body = StatsJson.render(current).getBytes(StandardCharsets.UTF_8);
    } else {
      response.setContentType("text/html;charset=UTF-8");
      // the page needs nothing but its own inline style: no script, no request elsewhere
      response.setHeader("Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none';"
              + " frame-ancestors 'none'");
      String name = path.substring(path.lastIndexOf('/') + 1);
      body = StatsHtml.render(current, name + ".json").getBytes(StandardCharsets.UTF_8);
    }
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static void text(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
