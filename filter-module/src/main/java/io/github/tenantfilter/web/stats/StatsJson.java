package io.github.tenantfilter.web.stats;

import java.time.Instant;
import java.util.Map;

/**
 * The stats page as JSON, written by hand (the JAR carries no JSON library; the values are
 * numbers, booleans and strings, every string escaped).
 *
 * <pre>{@code
 * {"application":"/shop","generatedAt":"2026-11-26T14:00:00Z","intervalSeconds":10,
 *  "breaker":"closed","redis":"up","localSize":3,
 *  "totals":{"lookups":40,"localHits":38,...,"hitRate":0.95},
 *  "series":[{"time":"...","lookups":40,"localHitRate":0.95,"redisHitRate":0.0,
 *             "hitRate":0.95,"storeLoads":2}],
 *  "tenantRequests":40,"topTenants":[{"id":"acme","requests":30,"error":0},...],
 *  "settings":{"tenant-filter.enabled":"true",...}}
 * }</pre>
 */
public final class StatsJson {

  private StatsJson() {}

  /** {@code view} as one JSON object. */
  public static String render(StatsView view) {
    StringBuilder out = new StringBuilder(1024 + view.points().size() * 120);
    out.append("{\"application\":");
    string(out, view.application());
    out.append(",\"generatedAt\":");
    string(out, Instant.ofEpochMilli(view.generatedAtMillis()).toString());
    out.append(",\"intervalSeconds\":").append(view.intervalSeconds());
    out.append(",\"breaker\":");
    string(out, view.breaker());
    out.append(",\"redis\":");
    string(out, view.redis());
    out.append(",\"localSize\":").append(view.totals().localSize());
    out.append(",\"totals\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : view.totalsShown().entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, e.getKey());
      out.append(':').append(literal(e.getValue()));
    }
    out.append("},\"series\":[");
    first = true;
    for (HitRateHistory.Point p : view.points()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append("{\"time\":");
      string(out, Instant.ofEpochMilli(p.timeMillis()).toString());
      out.append(",\"lookups\":").append(p.lookups());
      out.append(",\"localHitRate\":").append(rate(p.localHitRate()));
      out.append(",\"redisHitRate\":").append(rate(p.redisHitRate()));
      out.append(",\"hitRate\":").append(rate(p.hitRate()));
      out.append(",\"storeLoads\":").append(p.storeLoads()).append('}');
    }
    out.append("],\"tenantRequests\":").append(view.tenantRequests());
    out.append(",\"topTenants\":[");
    first = true;
    for (TopTenants.Entry t : view.topTenants()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append("{\"id\":");
      string(out, t.tenantId());
      out.append(",\"requests\":").append(t.count()).append(",\"error\":").append(t.error())
          .append('}');
    }
    out.append("],\"settings\":{");
    first = true;
    for (Map.Entry<String, String> e : view.settings().entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, e.getKey());
      out.append(':');
      string(out, e.getValue());
    }
    return out.append("}}").toString();
  }

  /** A counter's text as a JSON number or boolean; anything else as a string. */
  private static String literal(String value) {
    if (value.equals("true") || value.equals("false")
        || value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
      return value;
    }
    StringBuilder quoted = new StringBuilder();
    string(quoted, value);
    return quoted.toString();
  }

  private static String rate(Double rate) {
    return rate == null ? "null" : Double.toString(Math.round(rate * 1_000_000) / 1_000_000.0);
  }

  /** Appends {@code text} as a JSON string (RFC 8259: quote, backslash, controls escaped). */
  static void string(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
            // <, >, & escaped too: the JSON stays inert if a browser ever sniffs it as HTML
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
