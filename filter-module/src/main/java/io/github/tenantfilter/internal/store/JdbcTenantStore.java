// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.store;

import io.github.tenantfilter.api.Tenant;
import io.github.tenantfilter.api.TenantStore;
import io.github.tenantfilter.api.TenantStoreException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Tenants from a relational database by three configurable queries, each with one {@code ?}
 * parameter. Columns are found by name (any order, any case); only {@code id} is required:
 *
 * <table>
 *   <caption>Columns read</caption>
 *   <tr><th>column</th><th>type</th></tr>
 *   <tr><td>id</td><td>any (read as text)</td></tr>
 *   <tr><td>name, subdomain, plan, status</td><td>text</td></tr>
 *   <tr><td>custom_domains</td><td>text[] or comma-separated text</td></tr>
 *   <tr><td>settings</td><td>json, jsonb or text holding a JSON object</td></tr>
 *   <tr><td>updated_at</td><td>timestamp / timestamptz</td></tr>
 * </table>
 *
 * <p>A query that returns more than one row is an error (503), never a guess.
 */
public final class JdbcTenantStore implements TenantStore {

  private static final Pattern LIST = Pattern.compile("[,\\s]+");

  private final DataSource dataSource;
  private final String byId;
  private final String bySubdomain;
  private final String byDomain;
  private final int timeoutSeconds;

  /**
   * Creates a store.
   *
   * @param timeout the query timeout (rounded up to whole seconds, as JDBC wants)
   */
  public JdbcTenantStore(
      DataSource dataSource, String byId, String bySubdomain, String byDomain, Duration timeout) {
    this.dataSource = dataSource;
    this.byId = byId;
    this.bySubdomain = bySubdomain;
    this.byDomain = byDomain;
    this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
  }

  @Override
  public Optional<Tenant> findById(String id) {
    return query(byId, id);
  }

  @Override
  public Optional<Tenant> findBySubdomain(String subdomain) {
    return query(bySubdomain, subdomain);
  }

  @Override
  public Optional<Tenant> findByDomain(String domain) {
    return query(byDomain, domain);
  }

  /**
   * Runs the by-id query once with an id no tenant has, to find out early whether the database
   * answers and the queries fit its tables.
   *
   * @return empty when it worked, else what went wrong
   */
  public Optional<String> check() {
    try {
      query(byId, "tenant-filter-startup-check");
      return Optional.empty();
    } catch (TenantStoreException e) {
      return Optional.of(e.getMessage());
    }
  }

  private Optional<Tenant> query(String sql, String value) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setQueryTimeout(timeoutSeconds);
        statement.setString(1, value);
        try (ResultSet rows = statement.executeQuery()) {
          if (!rows.next()) {
            return Optional.empty();
          }
          Tenant tenant = read(rows);
          if (rows.next()) {
            throw new TenantStoreException(
                "the tenant query returned more than one row for one key: " + sql);
          }
          return Optional.of(tenant);
        }
      } catch (SQLException e) {
        discardIfBroken(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new TenantStoreException(describe(e), e);
    }
  }

  /**
   * A connection that failed with a connection error (SQLState class 08, or 57P0x: PostgreSQL
   * restarted or ended the session, the network cut it) is aborted, not handed back as it is: a
   * server's pool without connection validation would hand the same dead connection out again
   * on every lookup (StoreRestartIT). Payara's pools and the filter's own ({@link
   * DriverDataSource}) drop an aborted connection; WildFly's closes it but keeps it, so there
   * the datasource's validation is what helps (docs/deploy.md).
   */
  static void discardIfBroken(Connection connection, SQLException e) {
    String state = e.getSQLState();
    // 08: connection exception; 57P01-57P04: the server shut the session down (restart,
    // pg_terminate_backend), after which PostgreSQL's driver closes the connection
    boolean broken = e instanceof SQLNonTransientConnectionException
        || e instanceof SQLRecoverableException
        || state != null && (state.startsWith("08") || state.startsWith("57P"));
    try {
      broken = broken || connection.isClosed();
      if (broken) {
        connection.abort(Runnable::run);
      }
    } catch (SQLException | RuntimeException ignored) {
      // the connection is being given up anyway; the close that follows may fail as well
    }
  }

  private static Tenant read(ResultSet rows) throws SQLException {
    Map<String, Integer> columns = columns(rows.getMetaData());
    Integer idColumn = columns.get("id");
    if (idColumn == null) {
      throw new TenantStoreException("the tenant query returns no column named id");
    }
    String id = rows.getString(idColumn);
    if (id == null || id.isEmpty()) {
      throw new TenantStoreException("the tenant query returned a row without an id");
    }
    Timestamp updatedAt = timestamp(rows, columns.get("updated_at"));
    try {
      return new Tenant(
          id,
          text(rows, columns.get("name")),
          text(rows, columns.get("subdomain")),
          domains(rows, columns.get("custom_domains")),
          text(rows, columns.get("plan")),
          text(rows, columns.get("status")),
          text(rows, columns.get("settings")),
          updatedAt == null ? null : updatedAt.toInstant());
    } catch (IllegalArgumentException e) {
      throw new TenantStoreException("unusable tenant row " + id + ": " + e.getMessage());
    }
  }

  private static Map<String, Integer> columns(ResultSetMetaData meta) throws SQLException {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.putIfAbsent(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
    }
    return columns;
  }

  private static String text(ResultSet rows, Integer column) throws SQLException {
    return column == null ? null : rows.getString(column);
  }

  private static Timestamp timestamp(ResultSet rows, Integer column) throws SQLException {
    return column == null ? null : rows.getTimestamp(column);
  }

  private static List<String> domains(ResultSet rows, Integer column) throws SQLException {
    if (column == null) {
      return List.of();
    }
    Object value = rows.getObject(column);
    List<String> domains = new ArrayList<>();
    if (value instanceof Array array) {
      try {
        for (Object item : (Object[]) array.getArray()) {
          if (item != null) {
            domains.add(item.toString());
          }
        }
      } finally {
        array.free();
      }
    } else if (value != null) {
      String text = value.toString().trim();
      if (!text.isEmpty()) {
        domains.addAll(List.of(LIST.split(text)));
      }
    }
    return domains;
  }

  /** A message that says what failed without leaking connection secrets. */
  private static String describe(SQLException e) {
    if (e instanceof DriverDataSource.NoFreeConnection) {
      return "the tenant database's connections are all busy: " + e.getMessage();
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String kind =
        state.startsWith("08")
            ? "the tenant database cannot be reached"
            : state.startsWith("57014")
                ? "the tenant query timed out"
                : state.startsWith("42")
                    ? "the tenant query does not fit the database (check the table and the"
                        + " tenant-filter.store.query.* settings)"
                    : "the tenant query failed";
    return kind + " [SQLState " + state + "]: " + e.getMessage();
  }
}
