// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import io.github.tenantfilter.api.CacheStats;
import io.github.tenantfilter.api.TenantCache;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * What the runner reads before and after each phase: tenant-filter's {@link
 * TenantCache#getCacheStats()}, the baseline filters' counters, and the used heap ({@code ?gc=1}
 * collects first, so that the figure is the live data). Served on the loopback benchmark only.
 */
@WebServlet(urlPatterns = "/bench/stats")
public final class StatsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonObjectBuilder json = Json.createObjectBuilder()
        .add("variant", System.getProperty("bench.variant", "tenant-filter"))
        .add("baselineQueries", TenantRows.QUERIES.get())
        .add("originalRedisGets", OriginalFixFilter.REDIS_GETS.get())
        .add("originalRedisHits", OriginalFixFilter.REDIS_HITS.get())
        .add("originalRedisSets", OriginalFixFilter.REDIS_SETS.get())
        .add("originalRedisErrors", OriginalFixFilter.REDIS_ERRORS.get())
        .add("originalLocalHits", OriginalFixFilter.LOCAL_HITS.get());
    try {
      CacheStats s = CDI.current().select(TenantCache.class).get().getCacheStats();
      json.add("lookups", s.lookups())
          .add("localHits", s.localHits())
          .add("negativeHits", s.negativeHits())
          .add("localMisses", s.localMisses())
          .add("redisHits", s.redisHits())
          .add("redisMisses", s.redisMisses())
          .add("redisErrors", s.redisErrors())
          .add("storeLoads", s.storeLoads())
          .add("refreshedAhead", s.refreshedAhead())
          .add("localSize", s.localSize());
    } catch (RuntimeException e) {
      json.add("tenantFilter", "unavailable: " + e.getClass().getSimpleName());
    }
    if ("1".equals(request.getParameter("gc"))) {
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    json.add("heapUsed", heap.getUsed()).add("heapCommitted", heap.getCommitted());
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(json.build().toString());
  }
}
