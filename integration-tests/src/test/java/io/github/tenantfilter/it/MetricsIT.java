// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's own Prometheus endpoint carries the application's {@code tenantfilter_*} meters:
 * Payara Micro through MicroProfile Metrics ({@code /metrics} on the HTTP port), WildFly through
 * its {@code micrometer} subsystem ({@link MicrometerSetup}: {@code /prometheus} on the
 * management port). Lookups through the deployed WAR raise the counters, which Prometheus sees
 * typed {@code counter}; the breaker and the heap tier's size are typed {@code gauge}; and every
 * metric the Grafana dashboard and the alert rules in {@code docs/monitoring} use is there.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup({WildFlyOperatorSetup.class, MicrometerSetup.class})
@RunAsClient
class MetricsIT {

  private static final String APPLICATION = "/metricsit";

  @ArquillianResource URL url;

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.war("metricsit"); // Redis and the store from the operator's settings
  }

  /** The server's Prometheus text: the management port on WildFly, else the HTTP port. */
  private String scrape() {
    int port = ItServices.onWildFly()
        ? Integer.parseInt(System.getProperty("tf.wildfly.management.port"))
        : url.getPort();
    String path = ItServices.onWildFly() ? MicrometerSetup.CONTEXT : "/metrics";
    HttpResponse<String> response = Http.server(port, path);
    assertThat(response.statusCode()).as(port + path).isEqualTo(200);
    return response.body();
  }

  /** The value of {@code name} for this application in {@code text}. */
  private static long value(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*application=\"" + APPLICATION
        + "\"[^}]*}\\s+([0-9.Ee+-]+)").matcher(text);
    if (!m.find()) {
      throw new AssertionError("no " + name + " of " + APPLICATION + " in\n" + text);
    }
    return (long) Double.parseDouble(m.group(1));
  }

  private static String type(String text, String name) {
    Matcher m = Pattern.compile("(?m)^# TYPE " + name + " (\\w+)$").matcher(text);
    if (!m.find()) {
      throw new AssertionError("no # TYPE of " + name + " in\n" + text);
    }
    return m.group(1);
  }

  @Test
  void lookups_raiseTheCounters_typedCounter_gaugesTypedGauge() {
    Http http = new Http(url);
    assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");
    String before = scrape();
    long lookups = value(before, "tenantfilter_lookups_total");
    long storeLoads = value(before, "tenantfilter_store_loads_total");
    long localHits = value(before, "tenantfilter_local_hits_total");
    for (int i = 0; i < 4; i++) {
      http.get("metrics-" + i + ".localhost", "/probe/whoami"); // unknown: a store load each
    }
    for (int i = 0; i < 3; i++) {
      http.get("acme.app.localhost", "/probe/whoami"); // a heap hit each
    }
    String after = scrape();
    System.out.printf("%s:%n%s%n", ItServices.server(), after.lines()
        .filter(l -> l.contains("tenantfilter_")).reduce("", (a, b) -> a + b + "\n"));

    assertThat(value(after, "tenantfilter_lookups_total")).isEqualTo(lookups + 7);
    assertThat(value(after, "tenantfilter_store_loads_total")).isEqualTo(storeLoads + 4);
    assertThat(value(after, "tenantfilter_local_hits_total")).isEqualTo(localHits + 3);
    for (String counter : Set.of("tenantfilter_lookups_total", "tenantfilter_store_loads_total",
        "tenantfilter_local_hits_total", "tenantfilter_store_errors_total",
        "tenantfilter_redis_errors_total")) {
      assertThat(type(after, counter)).as(counter).isEqualTo("counter");
    }
    assertThat(type(after, "tenantfilter_redis_circuit_open")).isEqualTo("gauge");
    assertThat(value(after, "tenantfilter_redis_circuit_open")).isZero();
    assertThat(type(after, "tenantfilter_local_size")).isEqualTo("gauge");
    assertThat(value(after, "tenantfilter_local_size")).isPositive();
  }

  /** What the dashboard and the alert rules query is what the server publishes. */
  @Test
  void everyMetricOfTheDashboardAndTheAlerts_isPublished() throws IOException {
    new Http(url).get("acme.app.localhost", "/probe/whoami");
    Path monitoring = Path.of(System.getProperty("tf.src.dir")).getParent()
        .resolve("docs/monitoring");
    Set<String> used = new TreeSet<>();
    for (String file : new String[] {"tenant-filter-dashboard.json", "tenant-filter-alerts.yml"}) {
      Matcher m = Pattern.compile("tenantfilter_[a-z_]+")
          .matcher(Files.readString(monitoring.resolve(file)));
      while (m.find()) {
        used.add(m.group());
      }
    }
    assertThat(used).isNotEmpty();
    String text = scrape();
    for (String name : used) {
      value(text, name);
    }
  }
}
