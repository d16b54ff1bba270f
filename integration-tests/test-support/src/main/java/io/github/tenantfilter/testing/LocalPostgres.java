// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The PostgreSQL that tests use: the one on 127.0.0.1:5432 when it answers, otherwise an
 * embedded one started once per JVM.
 *
 * <pre>{@code
 * LocalPostgres pg = LocalPostgres.get();
 * try (LocalPostgres.Schema schema = pg.newSchema("lookup_it")) {
 *   schema.execute("CREATE TABLE ...");
 *   String url = schema.jdbcUrl(); // currentSchema set to the new schema
 * }
 * }</pre>
 *
 * <p>Override with the system properties {@code tf.test.pg.url}, {@code tf.test.pg.user} and
 * {@code tf.test.pg.password}; {@code -Dtf.test.pg=embedded} ignores the one on loopback (to try
 * what a machine without PostgreSQL does).
 */
public final class LocalPostgres {

  /** The default tables, as the tenant-filter JAR ships them (src/sql/schema.sql). */
  public static final String SCHEMA_SQL = "io/github/tenantfilter/sql/schema.sql";

  /** The optional LISTEN/NOTIFY triggers, as the JAR ships them (src/sql/notify.sql). */
  public static final String NOTIFY_SQL = "io/github/tenantfilter/sql/notify.sql";

  private static final Logger LOG = Logger.getLogger(LocalPostgres.class.getName());
  private static LocalPostgres instance;

  private final String url;
  private final String user;
  private final String password;
  private final String origin;

  private LocalPostgres(String url, String user, String password, String origin) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.origin = origin;
  }

  /** Returns the PostgreSQL for this JVM, starting an embedded one if none answers. */
  public static synchronized LocalPostgres get() {
    if (instance == null) {
      instance = locate();
      LOG.info(() -> "PostgreSQL for tests: " + instance.origin + " at " + instance.url);
    }
    return instance;
  }

  private static LocalPostgres locate() {
    String url = System.getProperty("tf.test.pg.url");
    if (url != null) {
      return new LocalPostgres(
          url,
          System.getProperty("tf.test.pg.user", "postgres"),
          System.getProperty("tf.test.pg.password", ""),
          "configured");
    }
    String loopback = "jdbc:postgresql://127.0.0.1:5432/test";
    boolean forceEmbedded = "embedded".equals(System.getProperty("tf.test.pg"));
    if (!forceEmbedded && Ports.answers(5432) && canConnect(loopback, "postgres", "")) {
      return new LocalPostgres(loopback, "postgres", "", "loopback");
    }
    return startEmbedded();
  }

  private static LocalPostgres startEmbedded() {
    try {
      Path dir = Files.createTempDirectory("tf-embedded-pg");
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(true)
              .setPort(Ports.free())
              .start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pg.close();
                    } catch (IOException ignored) {
                      // the JVM is going away; nothing else to do
                    }
                  }));
      return new LocalPostgres(
          pg.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded (zonky)");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "PostgreSQL on 127.0.0.1:5432 does not answer and the embedded one did not start", e);
    }
  }

  private static boolean canConnect(String url, String user, String password) {
    try (Connection ignored = DriverManager.getConnection(url, props(user, password))) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static Properties props(String user, String password) {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", "3");
    return props;
  }

  /** JDBC URL of the database (no schema chosen). */
  public String jdbcUrl() {
    return url;
  }

  /** User name to connect with. */
  public String user() {
    return user;
  }

  /** Password to connect with (empty for trust authentication). */
  public String password() {
    return password;
  }

  /** Where this server came from: {@code loopback}, {@code embedded (zonky)} or {@code configured}. */
  public String origin() {
    return origin;
  }

  /** Opens a new connection to the database. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, props(user, password));
  }

  /**
   * Creates a schema of its own for one test class, so that tests never see each other's rows.
   *
   * @param prefix a readable prefix; a random suffix is added
   */
  public Schema newSchema(String prefix) {
    String name =
        (prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]", "_");
    Schema schema = new Schema(name);
    schema.execute("CREATE SCHEMA " + name);
    return schema;
  }

  /** Creates (if missing) a schema with a fixed name, for the sample that keeps its data. */
  public Schema schema(String name) {
    Schema schema = new Schema(name);
    schema.execute("CREATE SCHEMA IF NOT EXISTS " + name);
    return schema;
  }

  /** A schema in the test database, dropped on {@link #close()}. */
  public final class Schema implements AutoCloseable {
    private final String name;
    private boolean keep;

    private Schema(String name) {
      this.name = name;
    }

    /** The schema's name. */
    public String name() {
      return name;
    }

    /** JDBC URL whose connections use this schema first. */
    public String jdbcUrl() {
      return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** User name to connect with. */
    public String user() {
      return user;
    }

    /** Password to connect with. */
    public String password() {
      return password;
    }

    /** Opens a connection whose search path is this schema. */
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl(), props(user, password));
    }

    /** Runs SQL (several statements allowed) in this schema. */
    public void execute(String sql) {
      try (Connection connection = connect();
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("SQL failed in schema " + name + ": " + sql, e);
      }
    }

    /**
     * Runs the SQL script {@code name} from the class path in this schema, such as the ones the
     * tenant-filter JAR ships ({@link #SCHEMA_SQL}, {@link #NOTIFY_SQL}).
     */
    public void executeResource(String name) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) {
        loader = LocalPostgres.class.getClassLoader();
      }
      try (InputStream in = loader.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException(name + " is not on the class path");
        }
        execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Keeps the schema after {@link #close()}. */
    public Schema keep() {
      this.keep = true;
      return this;
    }

    @Override
    public void close() {
      if (!keep) {
        try (Connection connection = LocalPostgres.this.connect();
            Statement statement = connection.createStatement()) {
          statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
          LOG.warning("could not drop schema " + name + ": " + e.getMessage());
        }
      }
    }
  }
}
