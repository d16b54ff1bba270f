// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it;

import io.github.tenantfilter.testing.LocalPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How often PostgreSQL has scanned the tenant tables of this run's schema ({@code
 * pg_stat_user_tables}: sequential plus index scans of {@code tenants} and {@code
 * tenant_domains}), which is how a test tells whether requests reached the database.
 *
 * <p>A backend reports its statistics at the end of a transaction at most once a second, and
 * when it then stays idle, about 10 s later ({@code PGSTAT_IDLE_INTERVAL}): read {@link
 * #settled()} to get a value that includes everything done before the call.
 */
final class StoreScans {

  /** Longest time a server's idle pooled connection keeps its statistics to itself, and some. */
  static final long FLUSH_MILLIS = 11_500;

  private StoreScans() {}

  /** Scans counted so far (whatever backends have reported). */
  static long now() {
    String sql = "SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0)"
        + " FROM pg_stat_user_tables WHERE schemaname = ? AND relname IN ('tenants',"
        + " 'tenant_domains')";
    try (Connection connection = LocalPostgres.get().connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, ItServices.get().getProperty("tf.db.schema"));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Scans counted once every backend has reported what it did before this call. */
  static long settled() throws InterruptedException {
    Thread.sleep(FLUSH_MILLIS);
    return now();
  }
}
