// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request's tenant id in the logging context ({@code tenant-filter.log.mdc}): put under the
 * key into every MDC the application can reach (SLF4J's {@code MDC}, JBoss Logging's {@code MDC},
 * which WildFly's own log records read as {@code %X{key}}, Log4j 2's {@code ThreadContext}) for
 * the rest of the request, and taken out after, the value there before put back. Found once, by
 * class name, through the application's class loader; none found: nothing to do. java.util.logging
 * has no MDC, so Payara's own log records cannot carry it.
 */
final class LogContext {

  private static final Logger LOG = Logger.getLogger(LogContext.class.getName());
  private static final MethodType PUT = MethodType.methodType(void.class, String.class,
      String.class);
  private static final MethodType REMOVE = MethodType.methodType(void.class, String.class);
  private static final MethodType GET = MethodType.methodType(Object.class, String.class);

  /** One MDC: its static get, put and remove. */
  record Mdc(String name, MethodHandle get, MethodHandle put, MethodHandle remove) {}

  private final String key;
  private final List<Mdc> mdcs;

  LogContext(String key, List<Mdc> mdcs) {
    this.key = key;
    this.mdcs = List.copyOf(mdcs);
  }

  /** The MDCs {@code loader} can see, under {@code key}. */
  static LogContext find(String key, ClassLoader loader) {
    List<Mdc> found = new ArrayList<>();
    for (String type : new String[] {"org.slf4j.MDC", "org.jboss.logging.MDC",
        "org.apache.logging.log4j.ThreadContext"}) {
      Mdc mdc = mdc(type, loader);
      if (mdc != null) {
        found.add(mdc);
      }
    }
    LOG.info("tenant-filter: the tenant id goes into the logging context as \"" + key + "\" of "
        + (found.isEmpty() ? "no MDC (none found)"
            : String.join(", ", found.stream().map(Mdc::name).toList())));
    return new LogContext(key, found);
  }

  /** The static get, put and remove of {@code type}, or null if it is not there or not one. */
  static Mdc mdc(String type, ClassLoader loader) {
    try {
      Class<?> mdc = Class.forName(type, true, loader);
      Method put;
      try {
        put = mdc.getMethod("put", String.class, String.class);
      } catch (NoSuchMethodException e) {
        put = mdc.getMethod("put", String.class, Object.class); // JBoss Logging
      }
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      return new Mdc(type,
          lookup.unreflect(mdc.getMethod("get", String.class)).asType(GET),
          lookup.unreflect(put).asType(PUT),
          lookup.unreflect(mdc.getMethod("remove", String.class)).asType(REMOVE));
    } catch (ClassNotFoundException | LinkageError e) {
      return null; // not on this application's class path: nothing to fill
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.FINE, "tenant-filter: " + type + " is not usable as an MDC", e);
      return null;
    }
  }

  /** Whether any MDC was found. */
  boolean isEmpty() {
    return mdcs.isEmpty();
  }

  /** Puts {@code tenantId} in; returns what each MDC held before, for {@link #restore}. */
  Object[] enter(String tenantId) {
    Object[] previous = new Object[mdcs.size()];
    for (int i = 0; i < previous.length; i++) {
      Mdc mdc = mdcs.get(i);
      try {
        previous[i] = mdc.get().invokeExact(key);
        mdc.put().invokeExact(key, tenantId);
      } catch (Throwable e) {
        LOG.log(Level.FINE, "tenant-filter: " + mdc.name() + ".put failed", e);
      }
    }
    return previous;
  }

  /**
   * Puts back what {@link #enter} returned, in the reverse order: two facades over one MDC (on
   * WildFly, SLF4J's and JBoss Logging's are the same map) saw each other's value on the way in,
   * and only undoing them last-in first-out leaves the map as it was.
   */
  void restore(Object[] previous) {
    for (int i = previous.length - 1; i >= 0; i--) {
      Mdc mdc = mdcs.get(i);
      try {
        if (previous[i] == null) {
          mdc.remove().invokeExact(key);
        } else {
          mdc.put().invokeExact(key, String.valueOf(previous[i]));
        }
      } catch (Throwable e) {
        LOG.log(Level.FINE, "tenant-filter: " + mdc.name() + " restore failed", e);
      }
    }
  }
}
