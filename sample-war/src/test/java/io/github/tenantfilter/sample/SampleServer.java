// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import io.github.tenantfilter.sample.dev.SampleDatabase;
import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.PayaraMicro;
import io.github.tenantfilter.testing.Ports;
import io.github.tenantfilter.testing.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The sample WAR, exactly as built, on a real Payara Micro with the real PostgreSQL (a schema of
 * its own with the demo tenants) and a Redis of its own (so that its command counts are ours
 * alone), ready to answer.
 *
 * <pre>{@code
 * SampleServer server = SampleServer.start("sample_it", Map.of("sample.admin.password", pw));
 * RawHttp.get(server.port(), "acme.app.localhost", "/api/whoami");
 * server.close();
 * }</pre>
 */
final class SampleServer implements AutoCloseable {

  private RedisProcess redis;
  private LocalPostgres.Schema schema;
  private PayaraMicro payara;
  private int port;

  private SampleServer() {}

  /**
   * Starts it; {@code settings} are system properties besides the database and Redis.
   *
   * @param name prefix of the schema and of the log ({@code target/it-logs/<name>.log})
   */
  static SampleServer start(String name, Map<String, String> settings) throws Exception {
    SampleServer server = new SampleServer();
    try {
      server.redis = RedisProcess.start();
      server.schema = SampleDatabase.prepare(LocalPostgres.get(),
          name + "_" + UUID.randomUUID().toString().substring(0, 8));
      server.port = Ports.free();
      Path target = target();
      Path log = Files.createDirectories(target.resolve("it-logs")).resolve(name + ".log");
      Map<String, String> all = new HashMap<>(settings);
      all.put("tenant-filter.jdbc.url", server.schema.jdbcUrl());
      all.put("tenant-filter.jdbc.user", server.schema.user());
      all.put("tenant-filter.redis.url", server.redis.url());
      server.payara = PayaraMicro.start(Path.of(System.getProperty("payara.micro.jar")),
          Path.of(System.getProperty("sample.war")), server.port, all, target, log);
      server.payara.awaitReady("/api/health", Duration.ofMinutes(5));
      return server;
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
  }

  /** The build directory (where the WAR is). */
  static Path target() {
    return Path.of(System.getProperty("sample.war")).getParent();
  }

  int port() {
    return port;
  }

  RedisProcess redis() {
    return redis;
  }

  LocalPostgres.Schema schema() {
    return schema;
  }

  @Override
  public void close() {
    if (payara != null) {
      payara.close();
    }
    if (redis != null) {
      redis.close();
    }
    if (schema != null) {
      schema.close();
    }
  }
}
