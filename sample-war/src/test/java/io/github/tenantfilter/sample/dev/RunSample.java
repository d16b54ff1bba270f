// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample.dev;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.PayaraMicro;
import io.github.tenantfilter.testing.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the sample WAR on a real Payara Micro: {@code mvn -pl sample-war -am -DskipTests -Prun
 * package}. Uses the PostgreSQL on 127.0.0.1:5432 when it answers (schema {@code
 * tenant_filter_sample}), otherwise starts an embedded one; uses the Redis on 127.0.0.1:6379 when
 * it answers, otherwise runs without Redis. {@code REDIS_URL}, {@code DATABASE_URL} and the
 * filter's own variables win over both, and {@code -Dsample.notify=true} turns LISTEN/NOTIFY on
 * ({@link RunSettings}). Stops with Ctrl+C.
 */
public final class RunSample {

  private RunSample() {}

  public static void main(String[] args) throws Exception {
    Path war = Path.of(System.getProperty("sample.war"));
    Path payaraJar = Path.of(System.getProperty("payara.micro.jar"));
    Path workDir = Path.of(System.getProperty("work.dir", "target"));
    int port = Integer.parseInt(System.getProperty("sample.port", "8080"));
    if (Ports.answers(port)) {
      System.err.println("Port " + port + " is taken. Stop what runs there, or add"
          + " -Dsample.port=8081 to the command.");
      System.exit(2);
    }
    RunSettings run;
    try {
      run = RunSettings.decide(
          System.getenv(), System.getProperty("sample.notify"), () -> Ports.answers(6379));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }

    Map<String, String> settings = new LinkedHashMap<>();
    String databaseShown;
    String tenantsTable;
    RunSettings.Database database = run.database();
    if (database == null) {
      LocalPostgres postgres = LocalPostgres.get();
      LocalPostgres.Schema schema =
          SampleDatabase.prepare(postgres, "tenant_filter_sample").keep();
      if (run.listenNotify()) {
        schema.executeResource(LocalPostgres.NOTIFY_SQL);
      }
      settings.put("tenant-filter.jdbc.url", schema.jdbcUrl());
      settings.put("tenant-filter.jdbc.user", schema.user());
      if (!schema.password().isEmpty()) {
        settings.put("tenant-filter.jdbc.password", schema.password());
      }
      databaseShown = postgres.origin();
      tenantsTable = "PostgreSQL, schema tenant_filter_sample (" + schema.jdbcUrl() + ")";
    } else {
      SampleDatabase.prepare(database.jdbcUrl(), database.user(), database.password(),
          run.listenNotify());
      if (database.passed()) {
        settings.put("tenant-filter.jdbc.url", database.jdbcUrl());
        if (database.user() != null) {
          settings.put("tenant-filter.jdbc.user", database.user());
        }
        if (database.password() != null) {
          settings.put("tenant-filter.jdbc.password", database.password());
        }
      }
      databaseShown = "from " + database.variable();
      tenantsTable = "the database named by " + database.variable();
    }
    if (run.redisUrl() != null) {
      settings.put("tenant-filter.redis.url", run.redisUrl());
    }
    if (run.listenNotify()) {
      settings.put("tenant-filter.store.notify-channel", RunSettings.NOTIFY_CHANNEL);
    }

    System.out.println("tenant-filter sample: PostgreSQL " + databaseShown + ", Redis "
        + run.redisShown() + ", LISTEN/NOTIFY " + (run.listenNotify() ? "on" : "off")
        + "; starting Payara Micro on port " + port + " ...");
    // the admin operations need a password; without one they are off (401 for everyone)
    String adminPassword = System.getenv("SAMPLE_ADMIN_PASSWORD");
    if (adminPassword == null || adminPassword.isEmpty()) {
      adminPassword = UUID.randomUUID().toString().substring(0, 13);
    }
    settings.put("sample.admin.password", adminPassword);
    settings.put("tenant-filter.stats.enabled", "true"); // the stats page, for the admin role
    PayaraMicro payara = PayaraMicro.start(payaraJar, war, port, settings, workDir, null);
    Runtime.getRuntime().addShutdownHook(new Thread(payara::close));
    payara.awaitReady("/api/health", Duration.ofMinutes(5));

    String base = "http://%s:" + port;
    System.out.println();
    System.out.println("=== tenant-filter sample is running on http://localhost:" + port + " ===");
    System.out.println("Try (curl resolves *.localhost to 127.0.0.1):");
    System.out.println("  curl -s " + base.formatted("acme.app.localhost") + "/api/whoami");
    System.out.println("  curl -s " + base.formatted("globex.app.localhost") + "/api/whoami");
    System.out.println("  curl -s " + base.formatted("globex-corp.localhost")
        + "/api/whoami      # a custom domain");
    System.out.println("  curl -si " + base.formatted("nobody.app.localhost")
        + "/api/whoami     # unknown tenant: 404");
    System.out.println("  curl -si -H 'Host: bad..host' http://127.0.0.1:" + port
        + "/api/whoami  # malformed host: 400");
    System.out.println("  curl -s " + base.formatted("acme.app.localhost")
        + "/api/plan         # the tenant's plan, through the cache region plans");
    System.out.println("  curl -s " + base.formatted("localhost") + "/api/health");
    System.out.println("  curl -s -u admin:" + adminPassword + " " + base.formatted("localhost")
        + "/api/admin/stats   # role tenant-admin; set SAMPLE_ADMIN_PASSWORD to choose");
    System.out.println("  curl -s -u admin:" + adminPassword + " -X POST "
        + base.formatted("localhost") + "/api/admin/tenants/acme/invalidate");
    System.out.println("  curl -s -u admin:" + adminPassword + " " + base.formatted("localhost")
        + "/api/admin/regions   # every cache region's counters");
    System.out.println("  curl -s -u admin:" + adminPassword + " -X POST "
        + base.formatted("localhost") + "/api/admin/regions/plans/keys/enterprise/invalidate");
    System.out.println("Stats page (hit rates, breaker, top tenants; .json for JSON), in a"
        + " browser:\n  http://admin:" + adminPassword + "@localhost:" + port
        + "/tenant-filter/stats");
    System.out.println("Tenants live in " + tenantsTable + ".");
    if (run.listenNotify()) {
      System.out.println("LISTEN/NOTIFY is on: change a tenant with plain SQL (UPDATE tenants SET"
          + " name = 'Acme Two' WHERE id = 'acme') and /api/whoami shows it at once.");
    } else {
      System.out.println("A tenant changed with plain SQL shows once its cached copies expire"
          + " (by default 60 s in the heap tier, 1 h in Redis) or after the invalidate line"
          + " above; add -Dsample.notify=true to the command to see it at once.");
    }
    System.out.println("Stop with Ctrl+C.");
    System.exit(payara.waitFor());
  }
}
