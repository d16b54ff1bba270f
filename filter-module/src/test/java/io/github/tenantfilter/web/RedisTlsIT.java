// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static io.github.tenantfilter.web.RedisAuthIT.await;
import static io.github.tenantfilter.web.RedisAuthIT.clientList;
import static io.github.tenantfilter.web.RedisAuthIT.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.LogCapture;
import io.github.tenantfilter.testing.RedisProcess;
import io.github.tenantfilter.testing.TenantSchema;
import io.github.tenantfilter.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.RedisClient;

/**
 * {@code rediss://} against a redis-server of the test's own that speaks TLS only ({@code --port
 * 0 --tls-port}), with certificates made at run time by a CA of the test's own: the Redis tier
 * and the invalidation pub/sub over TLS, with the CA given by {@code tenant-filter.redis.tls.ca-file}
 * and the server's certificate checked against the URL's host; a client certificate where the
 * server asks for one. Every way of getting TLS wrong (the JVM's trust store, another CA, a
 * certificate for another host, plain text to the TLS port, TLS to a plain port, no client
 * certificate) fails cleanly: requests served by the store, failures counted as Redis errors.
 */
class RedisTlsIT {

  private static final String PASSWORD = "tls-Pa55-" + Long.toHexString(System.nanoTime());
  private static final String HOST = "acme.app.example";

  @TempDir static Path dir;
  private static LocalPostgres.Schema schema;
  private static TestCertificates ca;
  private static TestCertificates.Issued server;

  @BeforeAll
  static void prepare() {
    schema = TenantSchema.create("redis_tls_it");
    TenantSchema.insert(schema, "acme", "acme");
    ca = TestCertificates.authority(dir, "tenant-filter test CA");
    server = ca.issue("redis-server", "localhost", "127.0.0.1");
  }

  @AfterAll
  static void cleanUp() {
    schema.close();
  }

  private static Map<String, String> tls(String url, String... more) {
    Map<String, String> settings = settings(schema, url);
    settings.put("tenant-filter.redis.tls.ca-file", ca.caFile().toString());
    for (int i = 0; i < more.length; i += 2) {
      settings.put(more[i], more[i + 1]);
    }
    return settings;
  }

  /**
   * A node loads a tenant into Redis over TLS; a new node (an empty heap, as after a restart) and
   * a second one, by {@code localhost} (the certificate's DNS name) instead of {@code 127.0.0.1}
   * (its IP name), find it there; an invalidation on one reaches the other through pub/sub over
   * TLS. AUTH travels inside TLS.
   */
  @Test
  void rediss_caFile_l2HitAfterHeapRestart_invalidationAcrossNodesOverTls() throws Exception {
    try (RedisProcess redis = RedisProcess.builder().requirePass(PASSWORD).tls(ca, server).start();
        RedisClient admin = redis.client()) {
      String byIp = redis.url(null, PASSWORD);
      assertThat(byIp).startsWith("rediss://:");
      try (IsolatedNode loader = new IsolatedNode(tls(byIp))) {
        assertThat(loader.awaitInvalidationChannel(10_000)).as("subscribed over TLS").isTrue();
        assertThat(loader.tenantOf(HOST)).isEqualTo("acme");
        assertThat(loader.counters().storeLoads()).isEqualTo(1);
      }
      assertThat(admin.exists("{tenant}:subdomain:acme")).as("written to Redis over TLS").isTrue();

      String byName = byIp.replace("127.0.0.1", "localhost");
      try (IsolatedNode first = new IsolatedNode(tls(byIp));
          IsolatedNode second = new IsolatedNode(tls(byName))) {
        assertThat(first.awaitInvalidationChannel(10_000)).as("first subscribed").isTrue();
        assertThat(second.awaitInvalidationChannel(10_000)).as("second subscribed").isTrue();
        assertThat(first.tenantOf(HOST)).isEqualTo("acme");
        assertThat(second.tenantOf(HOST)).isEqualTo("acme");
        for (IsolatedNode node : new IsolatedNode[] {first, second}) {
          assertThat(node.counters().redisHits()).as(node.describe()).isEqualTo(1);
          assertThat(node.counters().storeLoads()).as(node.describe()).isZero();
          assertThat(node.counters().redisErrors()).as(node.describe()).isZero();
        }
        assertThat(clientList(admin).lines().filter(line -> line.contains(" sub=1 ")).count())
            .as("two subscriptions over TLS").isEqualTo(2);

        first.invalidate("acme");
        await(() -> "acme".equals(second.tenantOf(HOST)) && second.counters().storeLoads() == 1,
            Duration.ofSeconds(5), "the second node drops acme and reloads it from the store");
      }
    }
  }

  /** Mutual TLS: with the client certificate and key the node works; without, it fails cleanly. */
  @Test
  void mutualTls_clientCertificate_acceptedAndRequired() throws Exception {
    TestCertificates.Issued client = ca.issue("tenant-filter-client");
    try (RedisProcess redis = RedisProcess.builder().tls(ca, server).tlsAuthClients(true).start();
        RedisClient admin = redis.client()) {
      try (IsolatedNode node = new IsolatedNode(tls(redis.url(),
          "tenant-filter.redis.tls.cert-file", client.certFile().toString(),
          "tenant-filter.redis.tls.key-file", client.keyFile().toString()))) {
        assertThat(node.awaitInvalidationChannel(10_000)).as("subscribed with mTLS").isTrue();
        assertThat(node.tenantOf(HOST)).isEqualTo("acme");
        assertThat(node.counters().redisErrors()).as(node.describe()).isZero();
        assertThat(admin.exists("{tenant}:subdomain:acme")).isTrue();
      }
      assertFailsCleanly(tls(redis.url()));
    }
  }

  /** Trust and names wrong: the JVM's trust store, another CA, a certificate for another host. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jvm trust store", "another CA", "certificate for another host"})
  void rediss_untrustedOrMisnamedServer_failsCleanly_servedByStore(String fault) throws Exception {
    TestCertificates.Issued certificate =
        fault.equals("certificate for another host") ? ca.issue("elsewhere", "redis.elsewhere")
            : server;
    try (RedisProcess redis = RedisProcess.builder().tls(ca, certificate).start()) {
      Map<String, String> settings = tls(redis.url());
      if (fault.equals("jvm trust store")) {
        settings.remove("tenant-filter.redis.tls.ca-file");
      } else if (fault.equals("another CA")) {
        TestCertificates other = TestCertificates.authority(dir.resolve("other"), "other CA");
        settings.put("tenant-filter.redis.tls.ca-file", other.caFile().toString());
      }
      assertFailsCleanly(settings);
      if (certificate == server) { // the test's own client checks names too
        try (RedisClient admin = redis.client()) {
          assertThat(admin.exists("{tenant}:subdomain:acme")).as("nothing reached Redis").isFalse();
        }
      }
    }
  }

  /** A redis:// client on the TLS port, and a rediss:// client on a plain port. */
  @Test
  void wrongProtocolOnEitherSide_failsCleanly_servedByStore() throws Exception {
    try (RedisProcess tlsOnly = RedisProcess.builder().tls(ca, server).start();
        RedisProcess plain = RedisProcess.start()) {
      assertFailsCleanly(settings(schema, tlsOnly.url().replace("rediss://", "redis://")));
      assertFailsCleanly(tls(plain.url().replace("redis://", "rediss://")));
    }
  }

  /**
   * A node with {@code settings} cannot use Redis: not subscribed, every request served with its
   * tenant by the store, the failures counted and logged once, with the TLS reason.
   */
  private static void assertFailsCleanly(Map<String, String> settings) throws Exception {
    try (LogCapture logs = LogCapture.start();
        Node node = Node.start(settings)) {
      assertThat(node.awaitInvalidationChannel(500)).as("not subscribed").isFalse();
      for (int i = 0; i < 5; i++) {
        Node.Result result = node.request(HOST);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.tenant()).isEqualTo("acme");
      }
      var stats = node.stats();
      assertThat(stats.redisErrors()).as(stats.toString()).isGreaterThanOrEqualTo(1);
      assertThat(stats.redisHits()).isZero();
      assertThat(stats.storeLoads()).isEqualTo(1);
      assertThat(logs.text()).as("the failure is logged")
          .contains("WARNING: tenant-filter: Redis read failed at");
    }
  }
}
