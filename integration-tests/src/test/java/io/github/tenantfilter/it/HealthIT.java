// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.Ports;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's own MicroProfile Health report holds the readiness check {@code tenant-filter} of
 * each application (Payara Micro: {@code /health/ready} on the HTTP port; WildFly: on the
 * management port), UP with the state of Redis and the store, and still UP when only Redis is
 * unreachable.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class HealthIT {

  @Deployment(name = "healthy", testable = false)
  static WebArchive healthy() {
    // Redis and the store from the operator's settings; Redis's timeout longer than the default
    // 100 ms: the first read of a cold node on a busy machine took longer, and a read that times
    // out rightly reports Redis "down" until the next one answers (seen once in CI's run)
    return Deployments.war("healthit", contextParam("tenant-filter.redis.timeout", "2s"));
  }

  @Deployment(name = "deadredis", testable = false)
  static WebArchive deadRedis() {
    // a port where nothing listens: every Redis call fails at once
    return Deployments.war("healthdeadredis",
        contextParam("tenant-filter.redis.url", "redis://127.0.0.1:" + Ports.free()));
  }

  private static boolean wildfly() {
    return ItServices.onWildFly();
  }

  private static String get(int port, String path) {
    return Http.server(port, path).body();
  }

  /** The server's readiness report: on the management port on WildFly, else the HTTP port. */
  private static JsonObject readiness(URL deployment) {
    int port = wildfly()
        ? Integer.parseInt(System.getProperty("tf.wildfly.management.port"))
        : deployment.getPort();
    String body = get(port, "/health/ready");
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new AssertionError("not a health report: " + body, e);
    }
  }

  /** The {@code tenant-filter} check of {@code application} in the report. */
  private static JsonObject check(JsonObject report, String application) {
    return report.getJsonArray("checks").stream()
        .map(JsonObject.class::cast)
        .filter(c -> c.getString("name").equals("tenant-filter"))
        .filter(c -> c.getJsonObject("data").getString("application", "").equals(application))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no tenant-filter check of " + application
            + " in " + report));
  }

  @Test
  void readiness_redisAndStoreUp_up(
      @ArquillianResource @OperateOnDeployment("healthy") URL url) {
    Http http = new Http(url);
    assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");
    JsonObject report = readiness(url);
    JsonObject check = check(report, "/healthit");
    System.out.printf("%s: %s%n", ItServices.server(), check);
    assertThat(check.getString("status")).isEqualTo("UP");
    assertThat(check.getJsonObject("data").getString("redis")).isEqualTo("up");
    assertThat(check.getJsonObject("data").getString("store")).isEqualTo("up");
  }

  @Test
  void readiness_onlyRedisDown_stillUp_redisReported(
      @ArquillianResource @OperateOnDeployment("deadredis") URL url) {
    Http http = new Http(url);
    for (int i = 0; i < 5; i++) {
      assertThat(http.get("nobody-" + i + ".localhost", "/probe/whoami").status()).isEqualTo(404);
    }
    assertThat(http.get("globex.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=globex cdi=globex");
    JsonObject check = check(readiness(url), "/healthdeadredis");
    System.out.printf("%s, Redis down: %s%n", ItServices.server(), check);
    assertThat(check.getString("status")).isEqualTo("UP");
    assertThat(check.getJsonObject("data").getString("redis")).isIn("down", "circuit-open");
    assertThat(check.getJsonObject("data").getString("store")).isEqualTo("up");
  }

  /**
   * Payara offers MicroProfile Metrics, WildFly 39 does not (Micrometer instead, with its
   * subsystem added), nor does the Open Liberty lane (MicroProfile 7.0, which dropped Metrics):
   * there the API is absent and the deployment works without it. What is published on each:
   * MetricsIT.
   */
  @Test
  void metricsApi_whereTheServerOffersIt_deploymentWorksWithout(
      @ArquillianResource @OperateOnDeployment("healthy") URL url) {
    Http http = new Http(url);
    String api = http.get("acme.app.localhost",
        "/classprobe?name=org.eclipse.microprofile.metrics.MetricRegistry").body();
    assertThat(api).isEqualTo(wildfly() || ItServices.onLiberty() ? "absent" : "present");
    assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");
  }
}
