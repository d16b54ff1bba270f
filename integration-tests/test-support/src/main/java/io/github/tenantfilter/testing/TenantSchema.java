// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import io.github.tenantfilter.testing.LocalPostgres.Schema;

/** The project's tables (src/sql/schema.sql, from the class path) in a schema of the test's own. */
public final class TenantSchema {

  private TenantSchema() {}

  public static Schema create(String prefix) {
    Schema schema = LocalPostgres.get().newSchema(prefix);
    schema.executeResource(LocalPostgres.SCHEMA_SQL);
    return schema;
  }

  public static void insert(Schema schema, String id, String subdomain, String... domains) {
    schema.execute(
        "INSERT INTO tenants (id, name, subdomain, plan, settings) VALUES ('"
            + id + "', 'Tenant " + id + "', " + (subdomain == null ? "NULL" : "'" + subdomain + "'")
            + ", 'pro', '{\"seats\": 5}')");
    for (String domain : domains) {
      schema.execute(
          "INSERT INTO tenant_domains (domain, tenant_id) VALUES ('" + domain + "', '" + id + "')");
    }
  }
}
