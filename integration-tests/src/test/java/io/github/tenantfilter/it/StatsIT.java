// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import static io.github.tenantfilter.it.Deployments.contextParam;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.it.stats.StatsIdentityStore;
import io.github.tenantfilter.it.stats.StatsSecurityDomainSetup;
import io.github.tenantfilter.testing.RawHttp;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stats page on the real servers: absent unless {@code tenant-filter.stats.enabled}; when on,
 * the application's own authentication (Jakarta Security, HTTP Basic) guards it with the role
 * {@code tenant-filter-admin} (401 without credentials or with wrong ones, 403 without the
 * role), and its JSON counts exactly the traffic this test sends and agrees with the cache
 * statistics the application reads through {@code TenantCache}.
 */
@ExtendWith(ItServices.class)
@ExtendWith(ArquillianExtension.class)
@ServerSetup({WildFlyOperatorSetup.class, StatsSecurityDomainSetup.class})
@RunAsClient
class StatsIT {

  private static final String PASSWORD = UUID.randomUUID().toString();
  private static final String OPS = RawHttp.basic("ops", PASSWORD);
  private static final String VIEWER = RawHttp.basic("viewer", PASSWORD);
  private static final String PAGE = "/tenant-filter/stats";

  @Deployment(name = "on", testable = false)
  static WebArchive on() {
    return authenticated(Deployments.war("statson",
        contextParam("tenant-filter.stats.enabled", "true")
            + contextParam("tenant-filter.stats.interval", "1s")
            + contextParam("tenant-filter.stats.history", "600")));
  }

  @Deployment(name = "off", testable = false)
  static WebArchive off() {
    return authenticated(Deployments.war("statsoff"));
  }

  /** The application's authentication: Jakarta Security with this run's password. */
  static WebArchive authenticated(WebArchive war) {
    return war.addClass(StatsIdentityStore.class)
        .addAsResource(new StringAsset("password=" + PASSWORD + "\n"), "stats-it.properties")
        // WildFly: Jakarta Security needs the deployment in an Elytron application security
        // domain, one whose identities may come from the application's IdentityStore
        .addAsWebInfResource(new StringAsset("<jboss-web><security-domain>"
            + StatsSecurityDomainSetup.DOMAIN + "</security-domain></jboss-web>\n"),
            "jboss-web.xml");
  }

  private static RawHttp.Response get(Http http, String path, String... headers) {
    return RawHttp.get(http.port(), "localhost", http.path(path), headers);
  }

  private static JsonObject json(RawHttp.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  @Test
  void stats_offByDefault_404EvenWithTheRole(
      @ArquillianResource @OperateOnDeployment("off") URL url) {
    Http http = new Http(url);
    for (String path : new String[] {PAGE, PAGE + ".json", PAGE + "?format=json"}) {
      // a tenant's host, so that the 404 is not the filter's unknown tenant
      RawHttp.Response response =
          RawHttp.get(http.port(), "acme.app.localhost", http.path(path), OPS);
      assertThat(response.status()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).doesNotContain("topTenants").doesNotContain("<svg");
    }
    assertThat(http.get("acme.app.localhost", "/probe/whoami").body())
        .isEqualTo("tenant=acme cdi=acme");
  }

  @Test
  void stats_withoutCredentials_401(@ArquillianResource @OperateOnDeployment("on") URL url) {
    Http http = new Http(url);
    for (String path : new String[] {PAGE, PAGE + ".json", PAGE + "?format=json"}) {
      RawHttp.Response response = get(http, path);
      assertThat(response.status()).as(path).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate")).as(path).startsWith("Basic");
      assertThat(response.body()).as(path).doesNotContain("topTenants").doesNotContain("<svg");
    }
  }

  @Test
  void stats_wrongPassword_401(@ArquillianResource @OperateOnDeployment("on") URL url) {
    RawHttp.Response response =
        get(new Http(url), PAGE + ".json", RawHttp.basic("ops", "not-" + PASSWORD));
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("topTenants");
  }

  @Test
  void stats_withoutTheRole_403(@ArquillianResource @OperateOnDeployment("on") URL url) {
    RawHttp.Response response = get(new Http(url), PAGE + ".json", VIEWER);
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).doesNotContain("topTenants");
  }

  @Test
  void stats_withTheRole_htmlPageWithChart(
      @ArquillianResource @OperateOnDeployment("on") URL url) {
    RawHttp.Response response = get(new Http(url), PAGE, OPS);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("text/html");
    assertThat(response.header("Content-Security-Policy")).startsWith("default-src 'none'");
    assertThat(response.body()).contains("<svg id=\"chart\"").contains("Circuit breaker")
        .doesNotContain("<script");
  }

  /**
   * 30 requests for globex and 10 for initech (tenants no other test of this class asks for):
   * listed in that order with exactly those counts; the totals equal what the application's
   * {@code TenantCache} reports; once sampled, the per-interval rates add up to the totals.
   */
  @Test
  void stats_withTheRole_jsonCountsTheTrafficSentAndMatchesTheCacheStats(
      @ArquillianResource @OperateOnDeployment("on") URL url) throws InterruptedException {
    Http http = new Http(url);
    JsonObject before = json(get(http, PAGE + ".json", OPS));
    for (int i = 0; i < 30; i++) {
      assertThat(http.get("globex.app.localhost", "/probe/whoami").status()).isEqualTo(200);
    }
    for (int i = 0; i < 10; i++) {
      assertThat(http.get("initech.app.localhost", "/probe/whoami").status()).isEqualTo(200);
    }
    JsonObject after = json(get(http, PAGE + "?format=json", OPS));
    System.out.printf("%s: stats JSON after the traffic: %s%n", ItServices.server(), after);

    assertThat(requests(after, "globex") - requests(before, "globex")).isEqualTo(30);
    assertThat(requests(after, "initech") - requests(before, "initech")).isEqualTo(10);
    JsonArray top = after.getJsonArray("topTenants");
    assertThat(top.getJsonObject(0).getString("id")).isEqualTo("globex");
    assertThat(top.getJsonObject(1).getString("id")).isEqualTo("initech");
    assertThat(top.getJsonObject(0).getInt("error")).isZero();
    assertThat(after.getJsonNumber("tenantRequests").longValue()
        - before.getJsonNumber("tenantRequests").longValue()).isEqualTo(40);
    // the page's own requests are no tenant lookups: exactly the 40 sent
    assertThat(total(after, "lookups") - total(before, "lookups")).isEqualTo(40);
    assertThat(after.getString("breaker")).isEqualTo("closed");
    assertThat(after.getString("application")).isEqualTo("/statson");

    // the same counters as the application's TenantCache (the probe's request is one lookup)
    String cache = http.get("acme.app.localhost", "/probe/stats").body();
    JsonObject now = json(get(http, PAGE + ".json", OPS));
    for (String counter : new String[] {"lookups", "localHits", "redisHits", "storeLoads"}) {
      assertThat(cache).as(counter).contains(counter + "=" + total(now, counter) + " ");
    }

    // every lookup sampled: the per-interval figures add up to the totals
    JsonObject sampled = now;
    for (int i = 0; i < 300 && sum(sampled, "lookups") < total(now, "lookups"); i++) {
      Thread.sleep(100);
      sampled = json(get(http, PAGE + ".json", OPS));
    }
    assertThat(sum(sampled, "lookups")).isEqualTo(total(sampled, "lookups"));
    assertThat(sum(sampled, "storeLoads")).isEqualTo(total(sampled, "storeLoads"));
    long answered = total(sampled, "localHits") + total(sampled, "negativeHits")
        + total(sampled, "redisHits");
    assertThat(weighted(sampled, "hitRate")).isCloseTo(answered, Offset
        .offset(0.01));
    assertThat(weighted(sampled, "localHitRate")).isCloseTo(
        total(sampled, "localHits") + total(sampled, "negativeHits"),
        Offset.offset(0.01));
  }

  private static long requests(JsonObject stats, String tenant) {
    return stats.getJsonArray("topTenants").stream().map(JsonValue::asJsonObject)
        .filter(t -> t.getString("id").equals(tenant))
        .mapToLong(t -> t.getJsonNumber("requests").longValue())
        .findFirst().orElse(0);
  }

  private static long total(JsonObject stats, String counter) {
    return stats.getJsonObject("totals").getJsonNumber(counter).longValue();
  }

  private static long sum(JsonObject stats, String field) {
    return stats.getJsonArray("series").stream().map(JsonValue::asJsonObject)
        .mapToLong(p -> p.getJsonNumber(field).longValue()).sum();
  }

  /** Σ rate × lookups over the intervals: the hits the rates stand for. */
  private static double weighted(JsonObject stats, String rate) {
    return stats.getJsonArray("series").stream().map(JsonValue::asJsonObject)
        .filter(p -> p.get(rate) instanceof JsonNumber)
        .mapToDouble(p -> p.getJsonNumber(rate).doubleValue() * p.getInt("lookups")).sum();
  }
}
