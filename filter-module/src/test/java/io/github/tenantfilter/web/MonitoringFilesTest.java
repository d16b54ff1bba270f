// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.web.TenantFilterMeters.Kind;
import io.github.tenantfilter.web.TenantFilterMeters.Meter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard and the Prometheus alert rules in docs/monitoring parse, and every
 * metric they query is one the filter publishes, of the right kind ({@code rate} and {@code
 * increase} only over counters): renaming a meter without them fails here. That the server's
 * endpoint has them under these names is MetricsIT's (integration-tests).
 */
class MonitoringFilesTest {

  private static final Path MONITORING = Path.of(
      Objects.requireNonNull(System.getProperty("tf.root.dir"), "tf.root.dir is not set"),
      "docs", "monitoring");
  private static final Pattern METRIC = Pattern.compile("tenantfilter_[a-z_]+");
  private static final Pattern OVER_TIME =
      Pattern.compile("(?:rate|increase)\\((tenantfilter_[a-z_]+)");

  private static final Map<String, Kind> PUBLISHED = TenantFilterMeters.ALL.stream()
      .collect(Collectors.toMap(Meter::prometheusName, Meter::kind));

  /** Checks the metrics of {@code expressions}; returns them. */
  private static Set<String> checkMetrics(String file, List<String> expressions) {
    Set<String> used = new TreeSet<>();
    for (String expr : expressions) {
      Matcher m = METRIC.matcher(expr);
      while (m.find()) {
        assertThat(PUBLISHED).as(file + ": " + m.group() + " in " + expr)
            .containsKey(m.group());
        used.add(m.group());
      }
      Matcher overTime = OVER_TIME.matcher(expr);
      while (overTime.find()) {
        assertThat(PUBLISHED.get(overTime.group(1))).as(file + ": rate of a gauge in " + expr)
            .isEqualTo(Kind.COUNTER);
      }
    }
    return used;
  }

  @Test
  void dashboard_importable_queriesOnlyPublishedMetrics() throws IOException {
    JsonObject dashboard;
    try (Reader in = Files.newBufferedReader(MONITORING.resolve("tenant-filter-dashboard.json"));
        JsonReader reader = Json.createReader(in)) {
      dashboard = reader.readObject();
    }
    assertThat(dashboard.getString("title")).isEqualTo("tenant-filter");
    assertThat(dashboard.getString("uid")).isNotBlank();
    assertThat(dashboard.containsKey("id")).as("no id: Grafana gives one on import").isFalse();
    List<JsonObject> variables = dashboard.getJsonObject("templating").getJsonArray("list")
        .getValuesAs(JsonObject.class);
    assertThat(variables).anySatisfy(v -> {
      assertThat(v.getString("name")).isEqualTo("datasource");
      assertThat(v.getString("type")).isEqualTo("datasource");
      assertThat(v.getString("query")).isEqualTo("prometheus");
    });

    List<String> expressions = new ArrayList<>();
    for (JsonObject variable : variables) {
      if (variable.get("query") instanceof JsonObject query) {
        expressions.add(query.getString("query"));
      }
    }
    List<JsonObject> panels = dashboard.getJsonArray("panels").getValuesAs(JsonObject.class);
    assertThat(panels).hasSizeGreaterThanOrEqualTo(4);
    for (JsonObject panel : panels) {
      assertThat(panel.getJsonObject("datasource").getString("uid"))
          .as(panel.getString("title")).isEqualTo("${datasource}");
      for (JsonValue target : panel.getJsonArray("targets")) {
        assertThat(target.asJsonObject().getJsonObject("datasource").getString("uid"))
            .isEqualTo("${datasource}");
        expressions.add(target.asJsonObject().getString("expr"));
      }
    }
    Set<String> used = checkMetrics("dashboard", expressions);
    assertThat(used).contains("tenantfilter_lookups_total", "tenantfilter_redis_circuit_open",
        "tenantfilter_store_errors_total", "tenantfilter_local_hits_total",
        "tenantfilter_redis_hits_total");
    assertThat(dashboard.toString()).doesNotContain("${DS_"); // no import-time input left
    assertThat(panels.stream().map(p -> ((JsonString) p.get("type")).getString()))
        .contains("timeseries", "stat");
  }

  @Test
  @SuppressWarnings("unchecked")
  void alerts_circuitOpenHitRateStoreErrors_queryOnlyPublishedMetrics() throws IOException {
    Map<String, Object> file;
    try (Reader in = Files.newBufferedReader(MONITORING.resolve("tenant-filter-alerts.yml"))) {
      file = new Yaml().load(in);
    }
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
      assertThat(group.get("name")).isNotNull();
      rules.addAll((List<Map<String, Object>>) group.get("rules"));
    }
    Map<String, Map<String, Object>> byName = rules.stream()
        .collect(Collectors.toMap(r -> (String) r.get("alert"), r -> r));
    assertThat(byName).containsOnlyKeys("TenantFilterRedisCircuitOpen",
        "TenantFilterHitRateLow", "TenantFilterStoreErrors");

    Map<String, Object> circuit = byName.get("TenantFilterRedisCircuitOpen");
    assertThat((String) circuit.get("expr")).contains("tenantfilter_redis_circuit_open", "== 1");
    assertThat(circuit.get("for")).isEqualTo("1m");

    String hitRate = (String) byName.get("TenantFilterHitRateLow").get("expr");
    assertThat(hitRate).contains("tenantfilter_local_hits_total", "tenantfilter_redis_hits_total",
        "tenantfilter_lookups_total", "[10m]", "< 0.85");

    String storeErrors = (String) byName.get("TenantFilterStoreErrors").get("expr");
    assertThat(storeErrors).contains("rate(tenantfilter_store_errors_total").endsWith("> 0");

    for (Map<String, Object> rule : rules) {
      assertThat(rule).containsKeys("expr", "labels", "annotations");
    }
    checkMetrics("alerts", rules.stream().map(r -> (String) r.get("expr")).toList());
  }
}
