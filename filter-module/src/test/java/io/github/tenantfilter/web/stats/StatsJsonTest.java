// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.internal.config.SettingSource;
import io.github.tenantfilter.internal.config.SettingsReader;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsJsonTest {

  private static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }

  @Test
  void render_isJsonWithTotalsSeriesAndTopTenants() {
    StatsView view = StatsViews.of(
        List.of(new HitRateHistory.Point(1_764_165_590_000L, 40, 0.9, 0.25, 0.925, 3),
            new HitRateHistory.Point(1_764_165_600_000L, 0, null, null, null, 0)),
        List.of(new TopTenants.Entry("acme", 30, 0), new TopTenants.Entry("globex", 11, 2)),
        Map.of("tenant-filter.stats.enabled", "true"));
    JsonObject json = parse(StatsJson.render(view));
    assertThat(json.getString("application")).isEqualTo("/shop");
    assertThat(json.getString("generatedAt")).isEqualTo("2025-11-26T14:00:00Z");
    assertThat(json.getString("breaker")).isEqualTo("closed");
    assertThat(json.getString("redis")).isEqualTo("up");
    assertThat(json.getInt("localSize")).isEqualTo(3);
    assertThat(json.getJsonObject("totals").getInt("lookups")).isEqualTo(40);
    assertThat(json.getJsonObject("totals").getBoolean("redisCircuitOpen")).isFalse();
    assertThat(json.getJsonObject("totals").getJsonNumber("hitRate").doubleValue())
        .isEqualTo(0.925);
    JsonObject first = json.getJsonArray("series").getJsonObject(0);
    assertThat(first.getJsonNumber("localHitRate").doubleValue()).isEqualTo(0.9);
    assertThat(first.getJsonNumber("redisHitRate").doubleValue()).isEqualTo(0.25);
    assertThat(first.getInt("storeLoads")).isEqualTo(3);
    JsonObject idle = json.getJsonArray("series").getJsonObject(1);
    assertThat(idle.get("hitRate")).isEqualTo(JsonValue.NULL);
    assertThat(json.getInt("tenantRequests")).isEqualTo(41);
    assertThat(json.getJsonArray("topTenants").getJsonObject(1).getString("id"))
        .isEqualTo("globex");
    assertThat(json.getJsonArray("topTenants").getJsonObject(1).getInt("requests")).isEqualTo(11);
    assertThat(json.getJsonArray("topTenants").getJsonObject(1).getInt("error")).isEqualTo(2);
    assertThat(json.getJsonObject("settings").getString("tenant-filter.stats.enabled"))
        .isEqualTo("true");
  }

  @Test
  void render_tenantIdWithQuotesControlsAndMarkup_escapedAndRoundTrips() {
    String nasty = "a\"b\\c\nd\u0001</script><b>&";
    String json = StatsJson.render(StatsViews.of(List.of(),
        List.of(new TopTenants.Entry(nasty, 1, 0)), Map.of()));
    assertThat(json).doesNotContain("</script>").doesNotContain("<b>");
    assertThat(parse(json).getJsonArray("topTenants").getJsonObject(0).getString("id"))
        .isEqualTo(nasty);
  }

  @Test
  void render_fieldNamesOrderAndNumberFormats_asBefore() {
    // the document the hand-written renderer gave for this view, to the character
    StatsView view = StatsViews.of(
        List.of(new HitRateHistory.Point(1_764_165_590_000L, 40, 0.9, 0.25, 0.925, 3),
            new HitRateHistory.Point(1_764_165_600_000L, 0, null, null, null, 0),
            new HitRateHistory.Point(1_764_165_610_000L, 7, 1.0 / 3, 1.0, 0.0, 1)),
        List.of(new TopTenants.Entry("acme", 30, 0), new TopTenants.Entry("globex", 11, 2)),
        Map.of("tenant-filter.stats.enabled", "true"));
    assertThat(StatsJson.render(view)).isEqualTo("{\"application\":\"/shop\","
        + "\"generatedAt\":\"2025-11-26T14:00:00Z\",\"intervalSeconds\":10,"
        + "\"breaker\":\"closed\",\"redis\":\"up\",\"localSize\":3,"
        + "\"totals\":{\"lookups\":40,\"redisCircuitOpen\":false,\"hitRate\":0.925},"
        + "\"series\":[{\"time\":\"2025-11-26T13:59:50Z\",\"lookups\":40,"
        + "\"localHitRate\":0.9,\"redisHitRate\":0.25,\"hitRate\":0.925,\"storeLoads\":3},"
        + "{\"time\":\"2025-11-26T14:00:00Z\",\"lookups\":0,\"localHitRate\":null,"
        + "\"redisHitRate\":null,\"hitRate\":null,\"storeLoads\":0},"
        + "{\"time\":\"2025-11-26T14:00:10Z\",\"lookups\":7,\"localHitRate\":0.333333,"
        + "\"redisHitRate\":1.0,\"hitRate\":0.0,\"storeLoads\":1}],"
        + "\"tenantRequests\":41,\"topTenants\":[{\"id\":\"acme\",\"requests\":30,"
        + "\"error\":0},{\"id\":\"globex\",\"requests\":11,\"error\":2}],"
        + "\"settings\":{\"tenant-filter.stats.enabled\":\"true\"}}");
  }

  @Test
  void render_hostileSettingNamesAndValues_inertAndRoundTrip() {
    Map<String, String> settings = Map.of(
        "tenant-filter.x\"<b>", "</script><img src=x onerror=alert(1)>&amp;\u2028\u2029\\\"",
        "tenant-filter.header", "\u0000\u001f\u007f\ud800 ünï\ud83d\ude00");
    String json = StatsJson.render(StatsViews.of(List.of(), List.of(), settings));
    assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&")
        .doesNotContain("\u2028").doesNotContain("\u2029").doesNotContain("\u0000");
    JsonObject shown = parse(json).getJsonObject("settings");
    assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(settings.keySet());
    settings.forEach((name, value) -> assertThat(shown.getString(name)).isEqualTo(value));
  }

  @Test
  void render_hostApplicationAndTenantIds_inertAndRoundTrip() {
    String host = "evil.example\"><script>alert(1)</script>";
    StatsView view = new StatsView(host, 0, 10, StatsViews.TOTALS, Map.of("lookups", "<1>"),
        "closed", "up", List.of(), List.of(new TopTenants.Entry(host, 1, 0)), 1, Map.of());
    String json = StatsJson.render(view);
    assertThat(json).doesNotContain("<").doesNotContain(">");
    JsonObject parsed = parse(json);
    assertThat(parsed.getString("application")).isEqualTo(host);
    assertThat(parsed.getJsonObject("totals").getString("lookups")).isEqualTo("<1>");
    assertThat(parsed.getJsonArray("topTenants").getJsonObject(0).getString("id"))
        .isEqualTo(host);
  }

  @Test
  void render_settingsFromTheReader_secretsMasked() {
    SettingsReader reader = new SettingsReader(List.of(SettingSource.ofMap("test", Map.of(
        "tenant-filter.redis.url", "redis://app:s3cret@redis:6379",
        "tenant-filter.jdbc.password", "hunter2"))));
    String json = StatsJson.render(StatsViews.of(List.of(), List.of(), reader.shown()));
    assertThat(json).doesNotContain("s3cret").doesNotContain("hunter2");
    JsonObject settings = parse(json).getJsonObject("settings");
    assertThat(settings.getString("tenant-filter.redis.url")).isEqualTo("redis://app:****@redis:6379");
    assertThat(settings.getString("tenant-filter.jdbc.password")).isEqualTo("****");
  }
}
