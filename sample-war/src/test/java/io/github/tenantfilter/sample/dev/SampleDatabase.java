package io.github.tenantfilter.sample.dev;

import io.github.tenantfilter.testing.LocalPostgres;

/** The sample's tables and demo tenants in a schema of their own. */
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
}
