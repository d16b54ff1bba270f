// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import io.github.tenantfilter.api.CacheStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Views for the rendering tests. */
final class StatsViews {

  private StatsViews() {}

  static final CacheStats TOTALS =
      new CacheStats(40, 36, 0, 4, 1, 3, 0, 0, 0, 3, 0, 0, 0, 0, 0, 3, true, true, false);

  static StatsView of(List<HitRateHistory.Point> points, List<TopTenants.Entry> top,
      Map<String, String> settings) {
    Map<String, String> totals = new LinkedHashMap<>();
    totals.put("lookups", "40");
    totals.put("redisCircuitOpen", "false");
    totals.put("hitRate", "0.925");
    return new StatsView("/shop", 1_764_165_600_000L, 10, TOTALS, totals, "closed", "up", points,
        top, 41, settings);
  }
}
