// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample.dev;

import io.github.tenantfilter.testing.LocalPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The sample's tables and demo tenants in a schema of their own, or in a database of yours. */
public final class SampleDatabase {

  private SampleDatabase() {}

  /**
   * Creates the schema, the tables (the JAR's schema.sql) and the demo tenants (this module's
   * demo-data.sql) if missing (safe to run again).
   */
  public static LocalPostgres.Schema prepare(LocalPostgres postgres, String schemaName) {
    LocalPostgres.Schema schema = postgres.schema(schemaName);
    schema.executeResource(LocalPostgres.SCHEMA_SQL);
    schema.executeResource("demo-data.sql");
    return schema;
  }

  /**
   * The scripts {@link #prepare(LocalPostgres, String)} runs, and the JAR's notify.sql when
   * {@code notify}: each creates only what is missing and changes no existing row.
   */
  private static List<String> scripts(boolean notify) {
    List<String> scripts = new ArrayList<>(List.of(LocalPostgres.SCHEMA_SQL, "demo-data.sql"));
    if (notify) {
      scripts.add(LocalPostgres.NOTIFY_SQL);
    }
    return scripts;
  }

  /** Runs {@link #scripts} in the database at {@code jdbcUrl} (its default schema). */
  public static void prepare(String jdbcUrl, String user, String password, boolean notify) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", "10");
    try (Connection connection = DriverManager.getConnection(jdbcUrl, properties);
        Statement statement = connection.createStatement()) {
      for (String script : scripts(notify)) {
        statement.execute(read(script));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not prepare the sample's tables in the database: "
          + e.getMessage(), e);
    }
  }

  private static String read(String resource) {
    try (InputStream in = SampleDatabase.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
