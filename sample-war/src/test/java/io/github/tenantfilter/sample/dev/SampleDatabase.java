package io.github.tenantfilter.sample.dev;

import io.github.tenantfilter.testing.LocalPostgres;
import java.nio.file.Path;

/** The sample's tables and demo tenants in a schema of their own. */
public final class SampleDatabase {

  private SampleDatabase() {}

  /**
   * Creates the schema, the tables and the demo tenants if missing (safe to run again).
   *
   * @param sqlDir the project's {@code src/sql}
   */
  public static LocalPostgres.Schema prepare(LocalPostgres postgres, String schemaName, Path sqlDir) {
    LocalPostgres.Schema schema = postgres.schema(schemaName);
    schema.executeFile(sqlDir.resolve("schema.sql"));
    schema.executeFile(sqlDir.resolve("demo-data.sql"));
    return schema;
  }
}
