// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheRegions;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.RegionView;
import io.github.tenantfilter.api.TtlClass;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * An application's use of a named cache region, {@code probe}: {@code ?key=k} gets {@code k}
 * (loaded as {@code v<n>}, n counting the loads) and says what it got, how many loads there were
 * and which regions exist; {@code &invalidate=true} invalidates it.
 */
@WebServlet("/regionprobe")
public class RegionProbeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject CacheRegions regions;
  private final AtomicInteger loads = new AtomicInteger();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    CacheRegion<String> region = regions.region("probe", RegionSpec.of(TtlClass.SHORT));
    String key = request.getParameter("key");
    if ("true".equals(request.getParameter("invalidate"))) {
      region.invalidate(key);
      response.getWriter().print("invalidated");
      return;
    }
    String value = region.get(key, k -> "v" + loads.incrementAndGet());
    response.getWriter().print("value=" + value + " loads=" + loads.get() + " regions="
        + regions.regions().stream().map(RegionView::name).collect(Collectors.joining(",")));
  }
}
