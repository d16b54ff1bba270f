// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import io.github.tenantfilter.testing.LocalPostgres;
import io.github.tenantfilter.testing.LocalRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * PostgreSQL and Redis for the servers under test, prepared once per test JVM (one JVM per
 * server) before the first deployment: a schema of this run's own with the project's tables and
 * test tenants, a Redis key prefix of its own, and {@code target/it-services.properties}, which
 * the operator scripts read (Payara Micro's {@code --systemproperties}, jboss-cli's {@code
 * --properties}).
 */
public final class ItServices implements BeforeAllCallback {

  private static Properties properties;

  @Override
  public void beforeAll(ExtensionContext context) {
    get();
  }

  /** The prepared values ({@code tf.db.*}, {@code tf.redis.*}, ...). */
  public static synchronized Properties get() {
    if (properties == null) {
      properties = prepare();
      Runtime.getRuntime().addShutdownHook(
          new Thread(ItServices::stopLeftoverServers, "stop-leftover-payara-micro"));
    }
    return properties;
  }

  /**
   * Stops the Payara Micro processes this test JVM started and that are still running when it
   * ends. Payara Micro's Arquillian connector boots one process per deployment and, for a class
   * with several deployments (JmxIT, HealthIT), leaves all but one running after the build: seen
   * as orphaned JVMs holding ports and 512 MB each.
   */
  static void stopLeftoverServers() {
    ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().map(c -> c.contains("payara-micro")).orElse(false))
        .forEach(p -> {
          p.destroy();
          try {
            p.onExit().get(20, TimeUnit.SECONDS);
          } catch (Exception e) {
            p.destroyForcibly();
          }
        });
  }

  /**
   * The server this JVM tests, as its failsafe execution names it: {@code payara}, {@code
   * payara-guarded}, {@code wildfly}, {@code wildfly-plain}, {@code wildfly-undertow-update} or
   * one of the compatibility lanes ({@code payara7}, {@code wildfly-java25}, {@code
   * payara-server}, {@code liberty}).
   */
  public static String server() {
    return System.getProperty("arquillian.launch", "payara");
  }

  /** Whether the server this JVM tests is a WildFly (of any configuration). */
  public static boolean onWildFly() {
    return server().startsWith("wildfly");
  }

  /** The operator's schema, the one the servers' DataSources read. */
  public static LocalPostgres.Schema schema() {
    return LocalPostgres.get().schema(get().getProperty("tf.db.schema"));
  }

  /**
   * Adds a tenant of a test's own to {@link #schema()}: id and subdomain {@code prefix} and six
   * random characters, plan {@code free}, status {@code status}; returns its id.
   */
  public static String addTenant(String prefix, String status) {
    String id = prefix + UUID.randomUUID().toString().substring(0, 6);
    schema().execute("INSERT INTO tenants (id, name, subdomain, plan, status) VALUES ('" + id
        + "', '" + id + "', '" + id + "', 'free', '" + status + "')");
    return id;
  }

  /** Whether the server this JVM tests is the Open Liberty one. */
  public static boolean onLiberty() {
    return server().equals("liberty");
  }

  /** The home of the WildFly this JVM tests (each WildFly execution sets its own). */
  public static Path wildflyHome() {
    return Path.of(System.getProperty("tf.wildfly.home"));
  }

  private static Properties prepare() {
    LocalPostgres postgres = LocalPostgres.get();
    // per server and per checkout, so that two checkouts can run their ITs at once
    String checkout = Integer.toHexString(System.getProperty("tf.build.dir", "").hashCode() & 0xfffff);
    String schema = "tf_it_" + server().replaceAll("[^a-z0-9]", "_") + "_" + checkout;
    String appSchema = schema + "_app";
    recreate(postgres, schema);
    recreate(postgres, appSchema);
    LocalPostgres.Schema operator = postgres.schema(schema).keep();
    operator.executeResource(LocalPostgres.SCHEMA_SQL);
    operator.execute(
        "INSERT INTO tenants (id, name, subdomain, plan, settings) VALUES"
            + " ('acme', 'Acme', 'acme', 'enterprise', '{\"seats\": 250}'),"
            + " ('globex', 'Globex', 'globex', 'pro', '{}'),"
            + " ('initech', 'Initech', 'initech', 'free', '{}');"
            + " INSERT INTO tenant_domains VALUES ('acme-corp.localhost', 'acme')");
    // the web.xml <data-source> deployment reads another schema, so that a test can tell
    LocalPostgres.Schema app = postgres.schema(appSchema).keep();
    app.executeResource(LocalPostgres.SCHEMA_SQL);
    app.execute(
        "INSERT INTO tenants (id, name, subdomain, plan) VALUES"
            + " ('umbrella', 'Umbrella', 'umbrella', 'pro')");

    URI db = URI.create(postgres.jdbcUrl().substring("jdbc:".length()));
    Properties p = new Properties();
    p.setProperty("tf.db.host", db.getHost());
    p.setProperty("tf.db.port", Integer.toString(db.getPort() < 0 ? 5432 : db.getPort()));
    p.setProperty("tf.db.name", db.getPath().substring(1));
    p.setProperty("tf.db.schema", schema);
    p.setProperty("tf.db.app.schema", appSchema);
    p.setProperty("tf.db.user", postgres.user());
    // Payara's pool insists on a password; trust authentication ignores it
    p.setProperty("tf.db.password", postgres.password().isEmpty() ? "unused" : postgres.password());
    p.setProperty("tf.db.url", "jdbc:postgresql://" + db.getHost() + ":"
        + p.getProperty("tf.db.port") + "/" + p.getProperty("tf.db.name")
        + "?currentSchema=" + schema);
    p.setProperty("tf.redis.url", LocalRedis.url());
    p.setProperty("tf.redis.prefix",
        "tf-it-" + server() + "-" + UUID.randomUUID().toString().substring(0, 8) + ":");
    p.setProperty("tf.jdbc.driver.jar", Path.of(System.getProperty("tf.war.libs"))
        .resolve("postgresql-" + System.getProperty("tf.postgresql.version") + ".jar").toString());
    Path file = Path.of(System.getProperty("tf.build.dir"), "it-services.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      // Payara Micro's java.io.tmpdir (see arquillian.xml) must exist before it boots
      Files.createDirectories(Path.of(System.getProperty("tf.build.dir"), "payara-tmp"));
      p.store(out, "written by ItServices for the operator scripts");
      writePayaraPostBoot();
      if (onLiberty()) {
        writeLibertyServer(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /**
   * Payara Micro's post-boot commands: the operator's src/payara/setup.asadmin as it is, then
   * ConfigOrderIT's admin-console properties (the config source, put at ordinal 350, over the
   * environment) and server-wide defaults (the domain source, which setup.asadmin puts at 90).
   */
  private static void writePayaraPostBoot() throws IOException {
    String setup = Files.readString(Path.of(System.getProperty("tf.src.dir"), "payara",
        "setup.asadmin"));
    String configOrder = "\n# ConfigOrderIT: the config source over the environment (300)\n"
        + "set-config-ordinal --ordinal 350 --source config\n"
        + "set-config-property --source config --sourceName server-config"
        + " --propertyName tenant-filter.ttl-class.short --propertyValue 111\n"
        + "set-config-property --source config --sourceName server-config"
        + " --propertyName tenant-filter.ttl-class.long --propertyValue 777\n"
        + "set-config-property --source domain"
        + " --propertyName tenant-filter.ttl-class.session --propertyValue 1600\n"
        + "set-config-property --source domain"
        + " --propertyName tenant-filter.ttl-class.rate-limit --propertyValue 42\n";
    Files.writeString(Path.of(System.getProperty("tf.build.dir"), "payara-postboot.asadmin"),
        setup + configOrder);
  }

  /**
   * The Open Liberty server's directory, before the connector starts it: the lane's server.xml
   * (which includes the operator's src/liberty/tenant-filter.xml) and bootstrap.properties with
   * the values that file and server.xml take as variables.
   */
  private static void writeLibertyServer(Properties services) throws IOException {
    Path server = Path.of(System.getProperty("tf.liberty.home"), "usr", "servers",
        System.getProperty("tf.liberty.server"));
    Files.createDirectories(server);
    Files.copy(Path.of(System.getProperty("tf.build.dir")).getParent()
            .resolve("src/test/liberty/server.xml"),
        server.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
    Properties bootstrap = new Properties();
    bootstrap.putAll(services);
    bootstrap.setProperty("tf.src.dir", System.getProperty("tf.src.dir"));
    bootstrap.setProperty("tf.liberty.http.port", System.getProperty("tf.liberty.http.port"));
    try (OutputStream out = Files.newOutputStream(server.resolve("bootstrap.properties"))) {
      bootstrap.store(out, "written by ItServices: the server's variables");
    }
  }

  private static void recreate(LocalPostgres postgres, String schema) {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
