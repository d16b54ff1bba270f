// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a warning logged through SLF4J under Jedis's logger name, with the SLF4J this WAR
 * has (the one Jedis uses), reaches java.util.logging, and so the server's log: "factory=&lt;the
 * SLF4J logger factory's class&gt; reached=&lt;true|false&gt;".
 */
@WebServlet("/slf4jprobe")
public class Slf4jProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final String NAME = "redis.clients.jedis.TenantFilterProbe";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String marker = UUID.randomUUID().toString();
    List<String> seen = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getMessage() != null && record.getMessage().contains(marker)) {
          seen.add(record.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger jul = Logger.getLogger(NAME);
    jul.addHandler(handler);
    try {
      LoggerFactory.getLogger(NAME).warn("probe " + marker);
    } finally {
      jul.removeHandler(handler);
    }
    response.setContentType("text/plain");
    response.getWriter().print("factory=" + LoggerFactory.getILoggerFactory().getClass().getName()
        + " reached=" + !seen.isEmpty());
  }
}
