// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * What the server's platform MBean server holds of tenant-filter: "names=[...]" or, with
 * {@code ?app=/x&attribute=A}, one attribute of that application's bean; with {@code
 * &invalidate=id}, the operation.
 */
@WebServlet("/jmxprobe")
public class JmxProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      String app = request.getParameter("app");
      if (app == null) {
        TreeSet<String> names = new TreeSet<>();
        server.queryNames(new ObjectName("io.github.tenantfilter:*"), null)
            .forEach(name -> names.add(name.toString()));
        response.getWriter().print("names=" + names);
        return;
      }
      ObjectName name = new ObjectName(
          "io.github.tenantfilter:type=TenantFilter,application=" + ObjectName.quote(app));
      String invalidate = request.getParameter("invalidate");
      if (invalidate != null) {
        server.invoke(name, "invalidateTenantCache", new Object[] {invalidate},
            new String[] {String.class.getName()});
        response.getWriter().print("invalidated");
        return;
      }
      Object value = server.getAttribute(name, request.getParameter("attribute"));
      if (value instanceof TabularData table) {
        String key = request.getParameter("key");
        for (Object row : table.values()) {
          CompositeData entry = (CompositeData) row;
          if (entry.get("key").equals(key)) {
            value = entry.get("value");
          }
        }
      }
      response.getWriter().print(String.valueOf(value));
    } catch (Exception e) {
      response.getWriter().print("failed: " + e);
    }
  }
}
