// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Wraps a real DataSource and counts the queries sent to the database through it. */
public final class CountingDataSource {

  private final AtomicInteger queries = new AtomicInteger();
  private final DataSource dataSource;

  public CountingDataSource(DataSource real) {
    this.dataSource =
        proxy(DataSource.class, real, (target, method, args) -> {
          Object result = invoke(target, method, args);
          return method.getName().equals("getConnection")
              ? proxy(Connection.class, result, this::connection)
              : result;
        });
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public int queries() {
    return queries.get();
  }

  private Object connection(Object target, Method method, Object[] args)
      throws Throwable {
    Object result = invoke(target, method, args);
    return method.getName().equals("prepareStatement")
        ? proxy(PreparedStatement.class, result, (statement, m, a) -> {
            if (m.getName().startsWith("execute")) {
              queries.incrementAndGet();
            }
            return invoke(statement, m, a);
          })
        : result;
  }

  private interface Handler {
    Object handle(Object target, Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, Object target, Handler handler) {
    InvocationHandler h = (proxy, method, args) -> handler.handle(target, method, args);
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }

  private static Object invoke(Object target, Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
