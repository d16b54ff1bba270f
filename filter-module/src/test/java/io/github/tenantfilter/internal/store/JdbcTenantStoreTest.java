// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.store;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.Executor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which failed connections the store gives up (aborts) instead of handing back to the server's
 * pool: a pool without validation would hand a dead one out again on every lookup
 * (StoreRestartIT, StoreOutageIT on a real server).
 */
class JdbcTenantStoreTest {

  @ParameterizedTest
  @ValueSource(strings = {"08006", "08003", "08001", "57P01", "57P02", "57P03"})
  void connectionError_connectionAborted(String sqlState) throws SQLException {
    Connection connection = mock(Connection.class);
    JdbcTenantStore.discardIfBroken(connection, new SQLException("gone", sqlState));
    verify(connection).abort(any(Executor.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"42P01", "57014", "22001", "40001"})
  void statementError_onALiveConnection_connectionKept(String sqlState) throws SQLException {
    Connection connection = mock(Connection.class);
    JdbcTenantStore.discardIfBroken(connection, new SQLException("query failed", sqlState));
    verify(connection, never()).abort(any(Executor.class));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void connectionClosedByTheDriver_orConnectionExceptionType_aborted(boolean closed)
      throws SQLException {
    Connection connection = mock(Connection.class);
    when(connection.isClosed()).thenReturn(closed);
    SQLException e = closed ? new SQLTimeoutException("timed out", "57014")
        : new SQLNonTransientConnectionException("reset");
    JdbcTenantStore.discardIfBroken(connection, e);
    verify(connection).abort(any(Executor.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"08006"})
  void abortFails_swallowed_theOriginalErrorIsWhatTheCallerSees(String sqlState)
      throws SQLException {
    Connection connection = mock(Connection.class);
    doThrow(new SQLException("abort not allowed"))
        .when(connection).abort(any(Executor.class));
    JdbcTenantStore.discardIfBroken(connection, new SQLException("gone", sqlState));
    verify(connection).abort(any(Executor.class));
  }
}
