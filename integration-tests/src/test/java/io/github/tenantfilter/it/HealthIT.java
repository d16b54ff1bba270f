package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.Ports;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * unreachable. On Payara, whose MicroProfile Metrics WildFly lacks, the {@code tenantfilter.*}
 * gauges count the application's requests.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup(WildFlyOperatorSetup.class)
@RunAsClient
class HealthIT {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Deployment(name = "healthy", testable = false)
  static WebArchive healthy() {
    return Deployments.war("healthit"); // Redis and the store from the operator's settings
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
    try {
      HttpResponse<String> response = CLIENT.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
   * Payara offers MicroProfile Metrics: the gauges count requests. WildFly 39 does not
   * (Micrometer instead, not in its default profiles): there the API is absent and the
   * deployment works without it.
   */
  @Test
  void metrics_gaugesWhereTheServerOffersMicroProfileMetrics(
      @ArquillianResource @OperateOnDeployment("healthy") URL url) {
    Http http = new Http(url);
    String api = http.get("acme.app.localhost",
        "/classprobe?name=org.eclipse.microprofile.metrics.MetricRegistry").body();
    if (wildfly()) {
      assertThat(api).isEqualTo("absent");
      assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
          .isEqualTo("tenant=acme cdi=acme");
      return;
    }
    assertThat(api).isEqualTo("present");
    http.get("acme.app.localhost", "/probe/whoami");
    long lookups = gauge(url, "lookups");
    long storeLoads = gauge(url, "storeLoads");
    for (int i = 0; i < 4; i++) {
      http.get("metrics-" + i + ".localhost", "/probe/whoami"); // unknown: a store load each
    }
    assertThat(gauge(url, "lookups")).isEqualTo(lookups + 4);
    assertThat(gauge(url, "storeLoads")).isEqualTo(storeLoads + 4);
    assertThat(gauge(url, "redisCircuitOpen")).isZero();
    assertThat(gauge(url, "localSize")).isPositive();
  }

  /** A {@code tenantfilter.*} gauge of the {@code /healthit} application, in Prometheus text. */
  private static long gauge(URL url, String name) {
    String body = get(url.getPort(), "/metrics?scope=application");
    Matcher m = Pattern.compile("(?m)^tenantfilter_" + name
        + "\\{[^}]*application=\"/healthit\"[^}]*}\\s+([0-9.Ee+-]+)$").matcher(body);
    if (!m.find()) {
      throw new AssertionError("no tenantfilter_" + name + " in\n" + body);
    }
    return (long) Double.parseDouble(m.group(1));
  }
}
