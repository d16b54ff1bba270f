// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.LogCapture;
import io.github.tenantfilter.testing.RedisProcess;
import io.github.tenantfilter.testing.TenantSchema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Redis AUTH against a redis-server of the test's own started with {@code --requirepass} and an
 * ACL user ({@code --user tenant-app on >... ~* &* +@all}): the heap tier, Redis and the
 * invalidation pub/sub work with the password of the default user and with the ACL user; a wrong
 * or missing password is a Redis failure like any other (counted, circuit opened, requests served
 * by the store), and no password appears in any log record (the filter's and Jedis's, at every
 * level), in the stats or in the startup line.
 */
class RedisAuthIT {

  private static final String ADMIN_PASSWORD = "adm1n-Pa55-" + Long.toHexString(System.nanoTime());
  /** With the characters a URL must escape: the URL carries it percent-encoded. */
  private static final String APP_PASSWORD = "app-P@ss:w/rd?#%-" + Long.toHexString(System.nanoTime());
  private static final String WRONG_PASSWORD = "wr0ng-Pa55-" + Long.toHexString(System.nanoTime());
  private static final String HOST = "acme.app.example";

  private static LocalPostgres.Schema schema;

  @BeforeAll
  static void prepare() {
    schema = TenantSchema.create("redis_auth_it");
    for (String id : new String[] {"acme", "t1", "t2", "t3", "t4", "t5"}) {
      TenantSchema.insert(schema, id, id);
    }
  }

  @AfterAll
  static void cleanUp() {
    schema.close();
  }

  static Map<String, String> settings(LocalPostgres.Schema schema, String redisUrl) {
    Map<String, String> settings = new HashMap<>();
    settings.put("tenant-filter.base-domains", "app.example");
    settings.put("tenant-filter.jdbc.url", schema.jdbcUrl());
    settings.put("tenant-filter.jdbc.user", schema.user());
    settings.put("tenant-filter.redis.url", redisUrl);
    return settings;
  }

  static void await(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static String encoded(String password) {
    return URLEncoder.encode(password, StandardCharsets.UTF_8);
  }

  /** {@code CLIENT LIST}: one line per connection, with its user and name. */
  static String clientList(RedisClient admin) {
    Object reply = admin.sendCommand(Protocol.Command.CLIENT, "LIST");
    return reply instanceof byte[] bytes ? SafeEncoder.encode(bytes) : String.valueOf(reply);
  }

  /**
   * Two nodes (class loaders of their own) that share a Redis needing a password: a tenant loaded
   * by one is a Redis hit on the other, and an invalidation on one reaches the other's heap tier
   * through pub/sub. Every connection of theirs is authenticated as the URL's user.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"requirepass", "acl-user"})
  void auth_l2AndInvalidationPubSub_workAsTheUrlsUser(String mode) throws Exception {
    boolean acl = mode.equals("acl-user");
    try (RedisProcess redis = RedisProcess.builder()
            .requirePass(ADMIN_PASSWORD)
            .user("tenant-app", APP_PASSWORD)
            .start();
        RedisClient admin = redis.client()) {
      String url = acl ? redis.url("tenant-app", encoded(APP_PASSWORD))
          : redis.url(null, ADMIN_PASSWORD);
      Map<String, String> settings = settings(schema, url);
      try (IsolatedNode first = new IsolatedNode(settings);
          IsolatedNode second = new IsolatedNode(settings)) {
        assertThat(first.awaitInvalidationChannel(10_000)).as("first subscribed").isTrue();
        assertThat(second.awaitInvalidationChannel(10_000)).as("second subscribed").isTrue();

        assertThat(first.tenantOf(HOST)).isEqualTo("acme");
        assertThat(first.counters().storeLoads()).isEqualTo(1);
        assertThat(admin.exists("{tenant}:subdomain:acme")).as("written to Redis").isTrue();
        assertThat(second.tenantOf(HOST)).isEqualTo("acme");
        assertThat(second.counters().redisHits()).as(second.describe()).isEqualTo(1);
        assertThat(second.counters().storeLoads()).isZero();
        assertThat(first.counters().redisErrors() + second.counters().redisErrors()).isZero();

        // pool connections and the two subscriptions: all logged in as the URL's user
        String user = acl ? "tenant-app" : "default";
        var ours = clientList(admin).lines().filter(line -> line.contains(" name=tenant-filter "))
            .toList();
        assertThat(ours).as("connections of the nodes").hasSizeGreaterThanOrEqualTo(4)
            .allSatisfy(line -> assertThat(line).contains(" user=" + user + " "));
        assertThat(ours).as("two subscriptions").filteredOn(line -> line.contains(" sub=1 "))
            .hasSize(2);

        first.invalidate("acme");
        await(() -> "acme".equals(second.tenantOf(HOST)) && second.counters().storeLoads() == 1,
            Duration.ofSeconds(5), "the second node drops acme and reloads it from the store");
        assertThat(admin.exists("{tenant}:subdomain:acme")).as("filled again").isTrue();
      }
    }
  }

  /**
   * A wrong password, a missing one, a wrong ACL user's password: every request is still
   * answered with its own tenant (by the store), the failures are counted as Redis errors and
   * open the circuit, and none of the passwords shows up anywhere.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "wrong password of the default user, ",
    "wrong password of the ACL user, tenant-app",
    "no password, -",
  })
  void badCredentials_servedByStore_countedAsRedisErrors_noPasswordAnywhere(
      String name, String user) throws Exception {
    try (RedisProcess redis = RedisProcess.builder()
            .requirePass(ADMIN_PASSWORD)
            .user("tenant-app", APP_PASSWORD)
            .start();
        LogCapture logs = LogCapture.start()) {
      String url = "-".equals(user) ? redis.url() : redis.url(user, WRONG_PASSWORD);
      try (Node node = Node.start(settings(schema, url))) {
        assertThat(node.awaitInvalidationChannel(500)).as("no subscription without AUTH").isFalse();
        for (int round = 0; round < 3; round++) {
          for (String id : new String[] {"acme", "t1", "t2", "t3", "t4", "t5"}) {
            Node.Result result = node.request(id + ".app.example");
            assertThat(result.status()).as(id).isEqualTo(200);
            assertThat(result.tenant()).as(id).isEqualTo(id);
          }
        }
        var stats = node.stats();
        assertThat(stats.redisErrors()).as(stats.toString()).isGreaterThanOrEqualTo(3);
        assertThat(stats.redisCircuitOpens()).as(stats.toString()).isEqualTo(1);
        assertThat(stats.redisCircuitOpen()).isTrue();
        assertThat(stats.storeLoads()).isEqualTo(6);
        assertThat(stats.toString()).doesNotContain(WRONG_PASSWORD, ADMIN_PASSWORD, APP_PASSWORD);
      }
      String text = logs.text();
      assertThat(text).as("the startup line").contains("tenant-filter: started with");
      assertThat(text).as("what the operator is told")
          .containsAnyOf("WRONGPASS", "NOAUTH");
      assertThat(text).doesNotContain(WRONG_PASSWORD, ADMIN_PASSWORD, APP_PASSWORD,
          encoded(APP_PASSWORD));
      if (!"-".equals(user)) {
        assertThat(text).as("the masked URL").contains(":****@127.0.0.1:" + redis.port());
      }
    }
  }
}
