// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.sample.dev.SampleDatabase;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.PayaraMicro;
import io.github.tenantfilter.testing.Ports;
import io.github.tenantfilter.testing.RawHttp;
import io.github.tenantfilter.testing.RedisProcess;
import jakarta.json.Json;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real Payara Micro servers with the sample WAR, sharing a Redis of the test's own and
 * PostgreSQL: a custom domain moved between tenants stops resolving to the old owner on both,
 * through the API on one of them (Redis pub/sub) and through plain SQL (the trigger).
 */
class TwoNodesOnPayaraMicroIT {

  private static final String ADMIN_PASSWORD = UUID.randomUUID().toString();
  private static final String ADMIN = RawHttp.basic("admin", ADMIN_PASSWORD);

  private static final String DOMAIN = "globex-corp.localhost";
  private static RedisProcess redis;
  private static LocalPostgres.Schema schema;
  private static final List<PayaraMicro> nodes = new ArrayList<>();

  @BeforeAll
  static void startTwoServers() throws Exception {
    redis = RedisProcess.start();
    schema = SampleDatabase.prepare(LocalPostgres.get(),
        "two_nodes_" + UUID.randomUUID().toString().substring(0, 8));
    schema.executeResource(LocalPostgres.NOTIFY_SQL);
    Path target = Path.of(System.getProperty("sample.war")).getParent();
    Path logs = Files.createDirectories(target.resolve("it-logs"));
    Map<String, String> settings = Map.of(
        "tenant-filter.jdbc.url", schema.jdbcUrl(),
        "tenant-filter.jdbc.user", schema.user(),
        "tenant-filter.redis.url", redis.url(),
        "tenant-filter.store.notify-channel", "tenant_filter",
        "sample.admin.password", ADMIN_PASSWORD);
    for (int i = 1; i <= 2; i++) {
      nodes.add(PayaraMicro.start(
          Path.of(System.getProperty("payara.micro.jar")),
          Path.of(System.getProperty("sample.war")),
          Ports.free(), settings, target, logs.resolve("payara-node-" + i + ".log")));
    }
    for (PayaraMicro node : nodes) {
      node.awaitReady("/api/health", Duration.ofMinutes(5));
    }
  }

  @AfterAll
  static void stop() {
    nodes.forEach(PayaraMicro::close);
    if (redis != null) {
      redis.close();
    }
    if (schema != null) {
      schema.close();
    }
  }

  private static String owner(PayaraMicro node) {
    RawHttp.Response response = RawHttp.get(node.port(), DOMAIN, "/api/whoami");
    return response.status() == 200
        ? Json.createReader(new StringReader(response.body())).readObject().getString("id")
        : "status " + response.status();
  }

  /** Milliseconds until both servers serve {@code expected}; fails after 5 s. */
  private static List<Double> untilBothServe(String expected, long start) {
    List<Double> times = new ArrayList<>();
    for (PayaraMicro node : nodes) {
      while (!owner(node).equals(expected)) {
        assertThat(System.nanoTime() - start).as("node on port %d", node.port())
            .isLessThan(Duration.ofSeconds(5).toNanos());
      }
      times.add((System.nanoTime() - start) / 1e6);
    }
    return times;
  }

  private static void move(String to) {
    schema.execute("UPDATE tenant_domains SET tenant_id = '" + to + "' WHERE domain = '"
        + DOMAIN + "'");
  }

  @Test
  void domainMoved_invalidatedThroughOneServer_bothServeNewOwner() {
    List<Double> times = new ArrayList<>();
    String owner = "globex";
    untilBothServe(owner, System.nanoTime());
    for (int i = 0; i < 10; i++) {
      String from = owner;
      owner = from.equals("globex") ? "acme" : "globex";
      // the trigger off for this one: only the API call may tell the servers
      schema.execute("ALTER TABLE tenant_domains DISABLE TRIGGER tenant_filter_notify");
      move(owner);
      schema.execute("ALTER TABLE tenant_domains ENABLE TRIGGER tenant_filter_notify");
      assertThat(owner(nodes.get(1))).as("cached on the other server").isEqualTo(from);
      PayaraMicro caller = nodes.get(i % 2);
      assertThat(RawHttp.post(caller.port(), "localhost",
              "/api/admin/tenants/" + from + "/invalidate", ADMIN).status()).isEqualTo(204);
      assertThat(RawHttp.post(caller.port(), "localhost",
              "/api/admin/tenants/" + owner + "/invalidate", ADMIN).status()).isEqualTo(204);
      times.addAll(untilBothServe(owner, System.nanoTime()));
    }
    System.out.println("COHERENCE two Payara Micro, API + pub/sub, 10 moves: ms " + times);
  }

  private static int seats(PayaraMicro node) {
    RawHttp.Response response = RawHttp.get(node.port(), "initech.app.localhost", "/api/plan");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return Json.createReader(new StringReader(response.body())).readObject().getInt("seats");
  }

  @Test
  void planChanged_invalidatedThroughOneServer_bothServeTheNewLimits() {
    int seats = seats(nodes.get(0));
    assertThat(seats(nodes.get(1))).isEqualTo(seats);
    schema.execute("UPDATE plans SET seats = seats + 10 WHERE name = 'free'");
    assertThat(seats(nodes.get(1))).as("cached on the other server").isEqualTo(seats);

    assertThat(RawHttp.post(nodes.get(0).port(), "localhost",
        "/api/admin/regions/plans/keys/free/invalidate", ADMIN).status()).isEqualTo(204);

    assertThat(seats(nodes.get(0))).isEqualTo(seats + 10);
    long start = System.nanoTime();
    while (seats(nodes.get(1)) != seats + 10) {
      assertThat(System.nanoTime() - start).as("the other server drops its copy")
          .isLessThan(Duration.ofSeconds(5).toNanos());
    }
  }

  @Test
  void domainMoved_byPlainSql_bothServersFollowTheTrigger() {
    List<Double> times = new ArrayList<>();
    String owner = owner(nodes.get(0));
    untilBothServe(owner, System.nanoTime());
    for (int i = 0; i < 10; i++) {
      owner = owner.equals("globex") ? "acme" : "globex";
      move(owner);
      times.addAll(untilBothServe(owner, System.nanoTime()));
    }
    System.out.println("COHERENCE two Payara Micro, trigger, 10 moves: ms " + times);
  }
}
