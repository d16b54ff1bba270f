// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * What the baseline filters share: the subdomain taken from {@code Host}, and the tenant read
 * from PostgreSQL with the same query as tenant-filter's default by-subdomain query, through the
 * same server connection pool ({@code java:app/jdbc/tenants}).
 */
final class TenantRows {

  static final String QUERY =
      "SELECT t.id, t.name, t.subdomain, t.plan, t.status, t.settings::text AS settings,"
          + " t.updated_at, ARRAY(SELECT d.domain FROM tenant_domains d WHERE d.tenant_id = t.id"
          + " ORDER BY d.domain) AS custom_domains FROM tenants t WHERE t.subdomain = ?";

  /** The request attribute that carries the baseline's tenant id to {@code /hello}. */
  static final String ATTRIBUTE = "bench.tenant";

  /** Queries sent to PostgreSQL by the baseline filters. */
  static final AtomicLong QUERIES = new AtomicLong();

  private TenantRows() {}

  /** A tenant row, as the original fix kept it (a plain object serialised to JSON). */
  record Row(String id, String name, String subdomain, String plan, String status,
      String settings, String updatedAt) {}

  static DataSource dataSource() {
    try {
      return InitialContext.doLookup("java:app/jdbc/tenants");
    } catch (NamingException e) {
      throw new IllegalStateException("no java:app/jdbc/tenants", e);
    }
  }

  /**
   * The subdomain of {@code host} under {@code baseDomain}, or {@code null} (port and case
   * ignored), as the original fix's {@code getTenantFromRequest} took it.
   */
  static String subdomain(String host, String baseDomain) {
    if (host == null) {
      return null;
    }
    String name = host.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon > 0) {
      name = name.substring(0, colon);
    }
    String suffix = "." + baseDomain;
    if (!name.endsWith(suffix)) {
      return null;
    }
    String label = name.substring(0, name.length() - suffix.length());
    return label.isEmpty() || label.indexOf('.') >= 0 ? null : label;
  }

  /** Reads the tenant of {@code subdomain}, or {@code null} when there is none. */
  static Row query(DataSource dataSource, String subdomain) throws SQLException {
    QUERIES.incrementAndGet();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(QUERY)) {
      statement.setString(1, subdomain);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        rows.getArray("custom_domains");
        return new Row(rows.getString("id"), rows.getString("name"), rows.getString("subdomain"),
            rows.getString("plan"), rows.getString("status"), rows.getString("settings"),
            String.valueOf(rows.getTimestamp("updated_at")));
      }
    }
  }
}
