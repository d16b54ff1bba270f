// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The stats page as one self-contained HTML document: inline CSS and an inline SVG line chart,
 * no script and nothing fetched from elsewhere (the response's Content-Security-Policy forbids
 * it). Every text that comes from data (tenant ids, settings, the context path) is escaped.
 *
 * <p>The chart draws the overall hit rate as a wide line, the heap tier's (L1) on it and Redis's
 * (L2) as a thin line on top, so that coinciding rates stay visible; lines are drawn without
 * anti-aliasing, in exactly the colours {@link #OVERALL_COLOUR}, {@link #LOCAL_COLOUR} and {@link
 * #REDIS_COLOUR}, on a plot area of {@link #PLOT_BACKGROUND}.
 */
public final class StatsHtml {

  /** The plot area's fill. */
  public static final String PLOT_BACKGROUND = "#f4f7fb";
  /** The overall hit rate's line. */
  public static final String OVERALL_COLOUR = "#2ca02c";
  /** The heap tier's (L1) hit rate's line. */
  public static final String LOCAL_COLOUR = "#1f77b4";
  /** Redis's (L2) hit rate's line. */
  public static final String REDIS_COLOUR = "#ff7f0e";

  private static final int WIDTH = 960;
  private static final int HEIGHT = 250;
  private static final int LEFT = 48;
  private static final int TOP = 8;
  private static final int PLOT_WIDTH = 900;
  private static final int PLOT_HEIGHT = 200;
  /** Rates 0 and 1 sit this far inside the plot, so that wide lines stay on it. */
  private static final int PAD = 6;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private StatsHtml() {}

  /**
   * {@code view} as an HTML page.
   *
   * @param jsonHref the JSON's address relative to the page
   */
  public static String render(StatsView view, String jsonHref) {
    StringBuilder out = new StringBuilder(8192);
    String app = escape(view.application());
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta http-equiv=\"refresh\" content=\"")
        .append(Math.max(5, view.intervalSeconds())).append("\">")
        .append("<title>tenant-filter stats ").append(app).append("</title><style>")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:16px 20px;color:#1d2733;")
        .append("background:#fff}h1{font-size:20px;margin:0 0 2px}h2{font-size:15px;")
        .append("margin:16px 0 6px}.muted{color:#5b6776}.cards{display:flex;gap:10px;")
        .append("flex-wrap:wrap}.card{border:1px solid #d5dbe3;border-radius:6px;")
        .append("padding:5px 10px;min-width:90px}.card b{display:block;font-size:12px;")
        .append("font-weight:normal;color:#5b6776}.card span{font-size:18px}")
        .append(".open{color:#c62828}.closed{color:#2e7d32}.none{color:#5b6776}")
        .append("table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left;")
        .append("border-bottom:1px solid #e6eaef}td.n{text-align:right;")
        .append("font-variant-numeric:tabular-nums}.bar{display:inline-block;height:8px;")
        .append("background:#9fb3c8}.legend span{display:inline-block;margin-right:16px}")
        .append(".swatch{display:inline-block;width:18px;height:4px;vertical-align:middle;")
        .append("margin-right:5px}</style></head><body>\n");
    out.append("<h1>tenant-filter <span class=\"muted\">").append(app).append("</span></h1>")
        .append("<div class=\"muted\">").append(Instant.ofEpochMilli(view.generatedAtMillis()))
        .append(" &middot; sampled every ").append(view.intervalSeconds()).append(" s &middot; ")
        .append("<a href=\"").append(escape(jsonHref)).append("\">JSON</a></div>\n");

    out.append("<h2>Now</h2><div class=\"cards\">");
    card(out, "breaker", "Circuit breaker",
        "<span class=\"" + escape(view.breaker()) + "\">" + escape(view.breaker()) + "</span>");
    card(out, "redis", "Redis", "<span>" + escape(view.redis()) + "</span>");
    card(out, "local-size", "L1 entries",
        "<span>" + view.totals().localSize() + "</span>");
    card(out, "lookups", "Lookups", "<span>" + view.totals().lookups() + "</span>");
    card(out, "hit-rate", "Hit rate",
        "<span>" + percent(view.totals().hitRate()) + "</span>");
    card(out, "local-hit-rate", "L1 hit rate",
        "<span>" + percent(view.totals().localHitRate()) + "</span>");
    card(out, "store-loads", "Store queries",
        "<span>" + view.totals().storeLoads() + "</span>");
    out.append("</div>\n");

    out.append("<h2>Hit rates per ").append(view.intervalSeconds()).append(" s</h2>\n");
    chart(out, view.points());
    out.append("<div class=\"legend\">");
    legend(out, OVERALL_COLOUR, "overall (L1 + L2)");
    legend(out, LOCAL_COLOUR, "L1 heap");
    legend(out, REDIS_COLOUR, "L2 Redis, of L1 misses");
    out.append("</div>\n");

    out.append("<h2>Top tenants by requests</h2>\n<table id=\"top-tenants\"><tr><th>#</th>")
        .append("<th>tenant</th><th>requests</th><th>share</th><th></th></tr>");
    int rank = 0;
    for (TopTenants.Entry t : view.topTenants()) {
      double share = view.tenantRequests() == 0 ? 0 : (double) t.count() / view.tenantRequests();
      out.append("<tr><td class=\"n\">").append(++rank).append("</td><td class=\"tenant\">")
          .append(escape(t.tenantId())).append("</td><td class=\"n\">").append(t.count());
      if (t.error() > 0) {
        out.append(" <span class=\"muted\">(at least ").append(t.count() - t.error())
            .append(")</span>");
      }
      out.append("</td><td class=\"n\">").append(percent(Math.min(1, share)))
          .append("</td><td><span class=\"bar\" style=\"width:")
          .append(Math.round(Math.min(1, share) * 200)).append("px\"></span></td></tr>");
    }
    if (view.topTenants().isEmpty()) {
      out.append("<tr><td></td><td class=\"muted\">no tenant requests yet</td></tr>");
    }
    out.append("</table>\n<p class=\"muted\">").append(view.tenantRequests())
        .append(" requests resolved to a tenant since the application started.</p>\n");

    out.append("<details><summary>Settings in effect (secrets masked)</summary><table>");
    for (Map.Entry<String, String> e : view.settings().entrySet()) {
      out.append("<tr><td>").append(escape(e.getKey())).append("</td><td>")
          .append(escape(e.getValue())).append("</td></tr>");
    }
    out.append("</table></details>\n</body></html>\n");
    return out.toString();
  }

  private static void card(StringBuilder out, String id, String label, String valueHtml) {
    out.append("<div class=\"card\" id=\"").append(id).append("\"><b>").append(label)
        .append("</b>").append(valueHtml).append("</div>");
  }

  private static void legend(StringBuilder out, String colour, String label) {
    out.append("<span><i class=\"swatch\" style=\"background:").append(colour)
        .append("\"></i>").append(label).append("</span>");
  }

  private static void chart(StringBuilder out, List<HitRateHistory.Point> points) {
    out.append("<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH)
        .append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"hit rates over time\">")
        .append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
        .append(PLOT_WIDTH).append("\" height=\"").append(PLOT_HEIGHT).append("\" fill=\"")
        .append(PLOT_BACKGROUND).append("\"/>");
    for (int pct = 0; pct <= 100; pct += 25) {
      int y = y(pct / 100.0);
      out.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_WIDTH)
          .append("\" y1=\"").append(y).append("\" y2=\"").append(y)
          .append("\" stroke=\"#dfe5ec\" stroke-width=\"1\" shape-rendering=\"crispEdges\"/>")
          .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y + 4)
          .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6776\">").append(pct)
          .append("%</text>");
    }
    if (points.isEmpty()) {
      out.append("<text x=\"").append(LEFT + PLOT_WIDTH / 2).append("\" y=\"")
          .append(TOP + PLOT_HEIGHT / 2).append("\" font-size=\"13\" text-anchor=\"middle\"")
          .append(" fill=\"#5b6776\">collecting: the first rates appear after one interval")
          .append("</text></svg>\n");
      return;
    }
    long t0 = points.get(0).timeMillis();
    long t1 = points.get(points.size() - 1).timeMillis();
    series(out, points, t0, t1, HitRateHistory.Point::hitRate, OVERALL_COLOUR, 8);
    series(out, points, t0, t1, HitRateHistory.Point::localHitRate, LOCAL_COLOUR, 4);
    series(out, points, t0, t1, HitRateHistory.Point::redisHitRate, REDIS_COLOUR, 2);
    int below = TOP + PLOT_HEIGHT + 16;
    out.append("<text x=\"").append(LEFT).append("\" y=\"").append(below)
        .append("\" font-size=\"11\" fill=\"#5b6776\">").append(TIME.format(Instant.ofEpochMilli(t0)))
        .append(" UTC</text><text x=\"").append(LEFT + PLOT_WIDTH).append("\" y=\"").append(below)
        .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6776\">")
        .append(TIME.format(Instant.ofEpochMilli(t1))).append(" UTC</text></svg>\n");
  }

  /** One rate as polylines, broken where it is undefined; a lone point as a short dash. */
  private static void series(StringBuilder out, List<HitRateHistory.Point> points, long t0,
      long t1, Function<HitRateHistory.Point, Double> rate, String colour, int width) {
    StringBuilder run = new StringBuilder();
    int inRun = 0;
    int lastX = 0;
    for (HitRateHistory.Point p : points) {
      Double value = rate.apply(p);
      if (value == null) {
        inRun = flush(out, run, inRun, lastX, colour, width);
        continue;
      }
      int x = x(p.timeMillis(), t0, t1);
      int y = y(value);
      run.append(x).append(',').append(y).append(' ');
      lastX = x;
      inRun++;
    }
    flush(out, run, inRun, lastX, colour, width);
  }

  private static int flush(StringBuilder out, StringBuilder run, int inRun, int lastX,
      String colour, int width) {
    if (inRun == 0) {
      return 0;
    }
    String pts = run.toString().trim();
    if (inRun == 1) {
      // one point: a short horizontal dash around it
      int y = Integer.parseInt(pts.substring(pts.indexOf(',') + 1));
      int from = Math.max(LEFT, lastX - 8);
      int to = Math.min(LEFT + PLOT_WIDTH, lastX + 8);
      pts = from + "," + y + " " + to + "," + y;
    }
    out.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"")
        .append(width).append("\" shape-rendering=\"crispEdges\" points=\"").append(pts)
        .append("\"/>");
    run.setLength(0);
    return 0;
  }

  private static int x(long time, long t0, long t1) {
    if (t1 <= t0) {
      return LEFT + PLOT_WIDTH / 2;
    }
    return LEFT + PAD + (int) Math.round((double) (time - t0) / (t1 - t0) * (PLOT_WIDTH - 2 * PAD));
  }

  private static int y(double rate) {
    return TOP + PAD + (int) Math.round((1 - rate) * (PLOT_HEIGHT - 2 * PAD));
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f %%", rate * 100);
  }

  /** {@code text} safe in HTML text and in quoted attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
