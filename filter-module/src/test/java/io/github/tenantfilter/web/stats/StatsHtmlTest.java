// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StatsHtmlTest {

  private static final List<HitRateHistory.Point> POINTS = List.of(
      new HitRateHistory.Point(1_000_000, 40, 0.9, 0.25, 0.925, 3),
      new HitRateHistory.Point(1_010_000, 0, null, null, null, 0),
      new HitRateHistory.Point(1_020_000, 10, 1.0, null, 1.0, 0),
      new HitRateHistory.Point(1_030_000, 10, 1.0, null, 1.0, 0));

  @Test
  void render_tenantIdsAndSettings_escaped() {
    String html = StatsHtml.render(StatsViews.of(POINTS,
        List.of(new TopTenants.Entry("<script>alert(1)</script>", 5, 0),
            new TopTenants.Entry("a\"b'c&d", 3, 0)),
        Map.of("tenant-filter.header", "\"><img src=x onerror=alert(1)>")), "stats.json");
    assertThat(html).doesNotContain("<script").doesNotContain("<img");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("a&quot;b&#39;c&amp;d")
        .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void render_selfContained_noScriptNoExternalResource() {
    String html = StatsHtml.render(StatsViews.of(POINTS, List.of(), Map.of()), "stats.json");
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script")
        .doesNotContain("<link").doesNotContain("src=").doesNotContain("url(")
        .doesNotContain("@import");
    // the only absolute URL is the SVG namespace, which is never fetched
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
        .doesNotContain("http://").doesNotContain("https://").doesNotContain("//");
  }

  @Test
  void render_chart_oneLinePerRateBrokenWhereUndefined() {
    String html = StatsHtml.render(StatsViews.of(POINTS, List.of(), Map.of()), "stats.json");
    // the overall and L1 rates: a lone point, a gap (no lookups), then a run of two points
    assertThat(polylines(html, StatsHtml.OVERALL_COLOUR)).isEqualTo(2);
    assertThat(polylines(html, StatsHtml.LOCAL_COLOUR)).isEqualTo(2);
    // Redis's only defined rate is the first interval's
    assertThat(polylines(html, StatsHtml.REDIS_COLOUR)).isEqualTo(1);
    assertThat(html).contains("fill=\"" + StatsHtml.PLOT_BACKGROUND + "\"");
    assertThat(html).contains("<span class=\"closed\">closed</span>");
  }

  @Test
  void render_chart_rateOneAtTheTopRateZeroAtTheBottom() {
    String html = StatsHtml.render(StatsViews.of(List.of(
        new HitRateHistory.Point(1_000_000, 1, 1.0, 0.0, 1.0, 0),
        new HitRateHistory.Point(2_000_000, 1, 1.0, 0.0, 1.0, 0)), List.of(), Map.of()),
        "stats.json");
    assertThat(points(html, StatsHtml.OVERALL_COLOUR)).isEqualTo("54,14 942,14");
    assertThat(points(html, StatsHtml.REDIS_COLOUR)).isEqualTo("54,202 942,202");
  }

  @Test
  void render_noPointsYet_saysSoInsteadOfAChart() {
    String html = StatsHtml.render(StatsViews.of(List.of(), List.of(), Map.of()), "stats.json");
    assertThat(html).contains("collecting").doesNotContain("<polyline")
        .contains("no tenant requests yet");
  }

  private static int polylines(String html, String colour) {
    Matcher m = Pattern.compile("<polyline[^>]*stroke=\"" + colour + "\"").matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String points(String html, String colour) {
    Matcher m = Pattern.compile("<polyline[^>]*stroke=\"" + colour + "\"[^>]*points=\"([^\"]*)\"")
        .matcher(html);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
