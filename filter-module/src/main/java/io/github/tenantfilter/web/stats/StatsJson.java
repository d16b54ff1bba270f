// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The stats page as JSON, built with the server's JSON-P (as {@code TenantCodec} is), then made
 * inert for HTML: {@code <}, {@code >}, {@code &}, U+2028 and U+2029 are written as {@code \}{@code
 * u} escapes, so that the document stays harmless if a browser ever sniffs it as HTML.
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

  /** The server's provider, looked up once (the lookup is slow). */
  private static final JsonProvider JSON = JsonProvider.provider();
  /** A counter's text that is a JSON number. */
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private StatsJson() {}

  /** {@code view} as one JSON object. */
  public static String render(StatsView view) {
    JsonObjectBuilder totals = JSON.createObjectBuilder();
    for (Map.Entry<String, String> e : view.totalsShown().entrySet()) {
      totals.add(e.getKey(), literal(e.getValue()));
    }
    JsonArrayBuilder series = JSON.createArrayBuilder();
    for (HitRateHistory.Point p : view.points()) {
      series.add(JSON.createObjectBuilder()
          .add("time", Instant.ofEpochMilli(p.timeMillis()).toString())
          .add("lookups", p.lookups())
          .add("localHitRate", rate(p.localHitRate()))
          .add("redisHitRate", rate(p.redisHitRate()))
          .add("hitRate", rate(p.hitRate()))
          .add("storeLoads", p.storeLoads()));
    }
    JsonArrayBuilder top = JSON.createArrayBuilder();
    for (TopTenants.Entry t : view.topTenants()) {
      top.add(JSON.createObjectBuilder()
          .add("id", t.tenantId())
          .add("requests", t.count())
          .add("error", t.error()));
    }
    JsonObjectBuilder settings = JSON.createObjectBuilder();
    view.settings().forEach(settings::add);
    String json = JSON.createObjectBuilder()
        .add("application", view.application())
        .add("generatedAt", Instant.ofEpochMilli(view.generatedAtMillis()).toString())
        .add("intervalSeconds", view.intervalSeconds())
        .add("breaker", view.breaker())
        .add("redis", view.redis())
        .add("localSize", view.totals().localSize())
        .add("totals", totals)
        .add("series", series)
        .add("tenantRequests", view.tenantRequests())
        .add("topTenants", top)
        .add("settings", settings)
        .build()
        .toString();
    return inert(json);
  }

  /** A counter's text as a JSON number or boolean; anything else as a string. */
  private static JsonValue literal(String value) {
    if (value.equals("true") || value.equals("false")) {
      return value.equals("true") ? JsonValue.TRUE : JsonValue.FALSE;
    }
    return NUMBER.matcher(value).matches()
        ? JSON.createValue(new BigDecimal(value)) : JSON.createValue(value);
  }

  /** A rate rounded to six decimals, or {@code null} where undefined. */
  private static JsonValue rate(Double rate) {
    return rate == null ? JsonValue.NULL
        : JSON.createValue(Math.round(rate * 1_000_000) / 1_000_000.0);
  }

  /**
   * {@code json} with {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as {@code \}{@code u}
   * escapes. Outside strings JSON has none of them, and inside one the escape means the same
   * character, so the document is unchanged for a JSON reader.
   */
  static String inert(String json) {
    StringBuilder out = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
        if (out == null) {
          out = new StringBuilder(json.length() + 32).append(json, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? json : out.toString();
  }
}
