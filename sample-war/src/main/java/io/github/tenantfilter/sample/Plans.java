// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import io.github.tenantfilter.api.CacheRegion;
import io.github.tenantfilter.api.CacheRegions;
import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.TtlClass;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plans' limits, read from PostgreSQL through the named cache region {@code plans}: the heap
 * tier of this node, then Redis (shared with the other nodes), then one query. After changing a
 * plan, call {@link #invalidate}: every node reads it again.
 *
 * <p>The sample reads the database the filter is pointed at ({@code tenant-filter.jdbc.url}); a
 * real application would use its own DataSource.
 */
@ApplicationScoped
public class Plans {

  @Inject CacheRegions regions;

  private final AtomicLong queries = new AtomicLong();
  private volatile CacheRegion<PlanLimits> region;

  /** The region, created on first use (the filter starts with the application). */
  private CacheRegion<PlanLimits> region() {
    CacheRegion<PlanLimits> current = region;
    if (current == null) {
      current = regions.region("plans", PlanLimits.JSON, RegionSpec.of(TtlClass.LONG));
      region = current;
    }
    return current;
  }

  /**
   * The limits of {@code plan}, or {@code null} if the table has no such plan.
   *
   * @throws IllegalStateException if the database cannot answer
   */
  public PlanLimits of(String plan) {
    return region().get(plan, this::load);
  }

  /** Forgets {@code plan} on every node. */
  public void invalidate(String plan) {
    region().invalidate(plan);
  }

  /** Queries sent to the database so far. */
  public long queries() {
    return queries.get();
  }

  private PlanLimits load(String plan) {
    queries.incrementAndGet();
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT name, seats, api_per_minute FROM plans WHERE name = ?")) {
      statement.setString(1, plan);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next()
            ? new PlanLimits(rows.getString(1), rows.getInt(2), rows.getInt(3))
            : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the plans cannot be read now", e);
    }
  }

  private static Connection connect() throws SQLException {
    String url = setting("tenant-filter.jdbc.url");
    if (url == null) {
      throw new SQLException("tenant-filter.jdbc.url is not set");
    }
    String password = setting("tenant-filter.jdbc.password");
    return DriverManager.getConnection(url, setting("tenant-filter.jdbc.user"),
        password == null ? "" : password);
  }

  private static String setting(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      value = System.getenv(name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
    }
    return value;
  }
}
