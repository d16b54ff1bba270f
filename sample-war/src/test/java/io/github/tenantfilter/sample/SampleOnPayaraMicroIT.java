// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.RawHttp;
import io.github.tenantfilter.testing.RedisCommands;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The sample WAR, exactly as built, on a real Payara Micro with the real PostgreSQL and a Redis
 * of the test's own (so that its command counts are ours alone). Requests go over real HTTP.
 */
class SampleOnPayaraMicroIT {

  private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();
  private static final String ADMIN = RawHttp.basic("admin", ADMIN_PASSWORD);

  private static SampleServer server;
  private static RedisClient redisClient;
  private static RedisCommands redisCommands;
  private static LocalPostgres.Schema schema;
  private static int port;

  @BeforeAll
  static void startServer() throws Exception {
    server = SampleServer.start("sample_it", Map.of("sample.admin.password", ADMIN_PASSWORD));
    port = server.port();
    schema = server.schema();
    redisClient = RedisClient.create(server.redis().url());
    redisCommands = new RedisCommands(server.redis().url());
  }

  @AfterAll
  static void stopServer() {
    if (redisClient != null) {
      redisClient.close();
      redisCommands.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static RawHttp.Response get(String host, String path) {
    return RawHttp.get(port, host, path);
  }

  private static JsonObject json(RawHttp.Response response) {
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  private static JsonObject stats() {
    return json(RawHttp.get(port, "localhost", "/api/admin/stats", ADMIN));
  }

  @Test
  void whoami_subdomainOfBaseDomain_returnsTenant() {
    RawHttp.Response response = get("acme.app.localhost:" + port, "/api/whoami");
    assertThat(response.status()).isEqualTo(200);
    JsonObject tenant = json(response);
    assertThat(tenant.getString("id")).isEqualTo("acme");
    assertThat(tenant.getString("plan")).isEqualTo("enterprise");
    assertThat(tenant.getJsonObject("settings").getInt("seats")).isEqualTo(250);
  }

  @Test
  void whoami_customDomain_returnsItsTenant() {
    RawHttp.Response response = get("globex-corp.localhost", "/api/whoami");
    assertThat(response.status()).isEqualTo(200);
    assertThat(json(response).getString("id")).isEqualTo("globex");
  }

  @Test
  void whoami_unknownTenant_returns404WithShortMessage() {
    RawHttp.Response response = get("nobody.app.localhost", "/api/whoami");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("Not Found: unknown tenant\n");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void whoami_malformedHosts_return400NeverAServerError() {
    for (String host : new String[] {"bad..host", "a_b.app.localhost", "-x.app.localhost",
        "acme.app.localhost/x", "acme.app.localhost:123456", "b\u00fccher..app.localhost"}) {
      RawHttp.Response response = get(host, "/api/whoami");
      assertThat(response.status()).as(host).isEqualTo(400);
      assertThat(response.body()).as(host).doesNotContain("Exception");
    }
    RawHttp.Response twoHosts = RawHttp.send(port,
        "GET /api/whoami HTTP/1.1\r\nHost: acme.app.localhost\r\nHost: globex.app.localhost\r\n"
            + "Connection: close\r\n\r\n");
    assertThat(twoHosts.status()).isEqualTo(400);
  }

  /**
   * Payara's connector (Grizzly) parses the Host port itself before any filter runs: a
   * non-numeric or out-of-range port is answered by the server (seen: 500, 404 or 200 with the
   * server's own page) and never reaches the application. This pins down the part we own: no
   * tenant is ever served for such a host.
   */
  @Test
  void whoami_portTheServerCannotParse_neverServesATenant() {
    for (String host : new String[] {"acme.app.localhost:x", "acme.app.localhost:-1",
        "acme.app.localhost:99999"}) {
      RawHttp.Response response = get(host, "/api/whoami");
      assertThat(response.body()).as(host + " -> " + response.status()).doesNotContain("\"id\"");
    }
  }

  @Test
  void health_excludedPath_answersOnAnyHost() {
    assertThat(get("nobody.app.localhost", "/api/health").status()).isEqualTo(200);
    assertThat(get("127.0.0.1", "/api/health").body()).contains("UP");
  }

  @Test
  void repeatedRequest_isServedFromHeapWithNoRedisOrDatabaseCall() {
    get("initech.app.localhost", "/api/whoami"); // warm
    JsonObject before = stats();
    long redisBefore = redisCommands.total();
    int requests = 200;
    for (int i = 0; i < requests; i++) {
      assertThat(get("initech.app.localhost", "/api/whoami").status()).isEqualTo(200);
    }
    long redisCalls = redisCommands.total() - redisBefore;
    JsonObject after = stats();
    long storeLoads = after.getJsonNumber("storeLoads").longValue()
        - before.getJsonNumber("storeLoads").longValue();
    long localHits = after.getJsonNumber("localHits").longValue()
        - before.getJsonNumber("localHits").longValue();

    assertThat(redisCalls).isZero();
    assertThat(storeLoads).isZero();
    assertThat(localHits).isGreaterThanOrEqualTo(requests);
    System.out.printf("Payara Micro, %d repeated requests: %.3f Redis commands/request (INFO"
        + " commandstats), %.3f store queries/request (filter stats)%n",
        requests, (double) redisCalls / requests, (double) storeLoads / requests);
  }

  @Test
  void invalidate_afterDatabaseChange_servesNewRecord() {
    assertThat(json(get("globex.app.localhost", "/api/whoami")).getString("plan")).isEqualTo("pro");
    schema.execute("UPDATE tenants SET plan = 'enterprise' WHERE id = 'globex'");
    // still cached
    assertThat(json(get("globex.app.localhost", "/api/whoami")).getString("plan")).isEqualTo("pro");

    assertThat(RawHttp.post(port, "localhost", "/api/admin/tenants/globex/invalidate", ADMIN).status())
        .isEqualTo(204);
    assertThat(redisClient.keys("tenant-filter-sample:{tenant}:*globex*")).isEmpty();
    assertThat(json(get("globex.app.localhost", "/api/whoami")).getString("plan"))
        .isEqualTo("enterprise");
    assertThat(json(get("globex-corp.localhost", "/api/whoami")).getString("plan"))
        .isEqualTo("enterprise");
  }

  private static JsonObject regionsAdmin() {
    return json(RawHttp.get(port, "localhost", "/api/admin/regions", ADMIN));
  }

  private static JsonObject region(String name) {
    return regionsAdmin().getJsonArray("regions").getValuesAs(JsonObject.class).stream()
        .filter(region -> region.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no region " + name + " in " + regionsAdmin()));
  }

  @Test
  void plan_secondRequest_isServedFromHeapWithNoDatabaseOrRedisCall() {
    RawHttp.Response first = get("initech.app.localhost", "/api/plan");
    assertThat(first.status()).isEqualTo(200);
    assertThat(json(first).getString("plan")).isEqualTo("free");
    long queries = regionsAdmin().getJsonNumber("planQueries").longValue();
    long localHits = region("plans").getJsonNumber("localHits").longValue();
    long redisBefore = redisCommands.total();

    RawHttp.Response second = get("initech.app.localhost", "/api/plan");

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(redisCommands.total() - redisBefore).as("Redis commands").isZero();
    assertThat(regionsAdmin().getJsonNumber("planQueries").longValue()).as("plan queries")
        .isEqualTo(queries);
    JsonObject plans = region("plans");
    assertThat(plans.getJsonNumber("localHits").longValue()).isEqualTo(localHits + 1);
    assertThat(plans.getJsonNumber("localCapacity").longValue())
        .as("web.xml's tenant-filter.region.plans.size").isEqualTo(100);
    assertThat(plans.getJsonNumber("ttlSeconds").longValue()).as("TtlClass.LONG").isEqualTo(3600);
  }

  @Test
  void plan_changedInDatabase_invalidatedThroughTheRegion_servesNewLimits() {
    int seats = json(get("acme.app.localhost", "/api/plan")).getInt("seats");
    schema.execute("UPDATE plans SET seats = seats + 1 WHERE name = 'enterprise'");
    assertThat(json(get("acme.app.localhost", "/api/plan")).getInt("seats")).as("cached")
        .isEqualTo(seats);
    assertThat(redisClient.exists("tenant-filter-sample:region:{plans}:k:enterprise")).isTrue();

    assertThat(RawHttp.post(port, "localhost",
        "/api/admin/regions/plans/keys/enterprise/invalidate", ADMIN).status()).isEqualTo(204);

    assertThat(redisClient.exists("tenant-filter-sample:region:{plans}:k:enterprise")).isFalse();
    assertThat(json(get("acme.app.localhost", "/api/plan")).getInt("seats")).isEqualTo(seats + 1);
  }

  @Test
  void regions_listTheTenantCacheFirst_unknownRegion404_badKey400_withoutRole401() {
    get("acme.app.localhost", "/api/plan");
    JsonObject tenant = regionsAdmin().getJsonArray("regions").getJsonObject(0);
    assertThat(tenant.getString("name")).isEqualTo("tenant");
    assertThat(tenant.getJsonNumber("ttlSeconds").longValue()).isEqualTo(3600);
    assertThat(tenant.getJsonNumber("gets").longValue()).isPositive();

    assertThat(RawHttp.post(port, "localhost", "/api/admin/regions/nothing/invalidate", ADMIN)
        .status()).isEqualTo(404);
    assertThat(RawHttp.post(port, "localhost",
        "/api/admin/regions/plans/keys/" + "k".repeat(600) + "/invalidate", ADMIN).status())
        .isEqualTo(400);
    assertThat(RawHttp.post(port, "localhost",
        "/api/admin/regions/tenant/keys/a*b/invalidate", ADMIN).status()).isEqualTo(400);
    assertThat(RawHttp.get(port, "localhost", "/api/admin/regions").status()).isEqualTo(401);
  }

  @Test
  void invalidate_malformedId_returns400() {
    assertThat(RawHttp.post(port, "localhost", "/api/admin/tenants/a*b/invalidate", ADMIN).status())
        .isEqualTo(400);
  }

  @Test
  void adminOperations_withoutTheRole_are401AndDoNothing() {
    for (String[] credentials : new String[][] {{}, {RawHttp.basic("admin", "wrong")},
        {RawHttp.basic("root", ADMIN_PASSWORD)}}) {
      assertThat(RawHttp.get(port, "localhost", "/api/admin/stats", credentials).status())
          .isEqualTo(401);
      RawHttp.Response invalidate =
          RawHttp.post(port, "localhost", "/api/admin/tenants/acme/invalidate", credentials);
      assertThat(invalidate.status()).isEqualTo(401);
      assertThat(invalidate.body()).doesNotContain(ADMIN_PASSWORD).doesNotContain("Exception");
    }
  }
}
