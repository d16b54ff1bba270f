// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.mdc;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * "slf4j=acme jboss=acme": what the application's SLF4J MDC and the server's JBoss Logging MDC
 * (WildFly's; "absent" elsewhere) hold under {@code tenant} while the request runs.
 */
@WebServlet({"/mdc", "/excluded/mdc"})
public class MdcProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    String jboss;
    try {
      Class<?> mdc = Class.forName("org.jboss.logging.MDC", true,
          Thread.currentThread().getContextClassLoader());
      jboss = String.valueOf(mdc.getMethod("get", String.class).invoke(null, "tenant"));
    } catch (ClassNotFoundException e) {
      jboss = "absent";
    } catch (ReflectiveOperationException e) {
      jboss = "failed " + e;
    }
    response.getWriter().print("slf4j=" + org.slf4j.MDC.get("tenant") + " jboss=" + jboss);
  }
}
