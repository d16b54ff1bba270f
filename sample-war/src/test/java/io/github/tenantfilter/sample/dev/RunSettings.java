// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample.dev;

import io.github.tenantfilter.internal.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the sample's run command takes from the environment and what it sets itself, decided
 * without touching the network or the database (so that a unit test can check it).
 *
 * <ul>
 *   <li>Redis: {@code REDIS_URL} or {@code TENANT_FILTER_REDIS_URL} if set (the filter reads it
 *       itself: Payara Micro inherits the environment), else the Redis on 127.0.0.1:6379 when it
 *       answers, else none.
 *   <li>The database: {@code TENANT_FILTER_JDBC_URL} if set (the filter reads it, and {@code
 *       TENANT_FILTER_JDBC_USER}/{@code _PASSWORD}, itself), else {@code DATABASE_URL} ({@code
 *       jdbc:postgresql://…} or {@code postgres://user:password@host:port/db}, passed on as
 *       {@code tenant-filter.jdbc.*}), else the local or embedded PostgreSQL.
 *   <li>LISTEN/NOTIFY: {@code -Dsample.notify=true} or {@code SAMPLE_NOTIFY=true}.
 * </ul>
 *
 * <p>A value the launcher passes itself goes to Payara Micro as a system property, which the
 * filter reads before the environment: so it passes none where the environment names one.
 *
 * @param redisUrl the Redis URL to pass, or {@code null} (the environment's, or none)
 * @param redisShown where Redis comes from, for the console
 * @param database the database the environment names, or {@code null} for the local one
 * @param listenNotify whether to install notify.sql and set the notify channel
 */
public record RunSettings(String redisUrl, String redisShown, Database database, boolean listenNotify) {

  /** The local Redis the sample uses when the environment names none. */
  public static final String LOCAL_REDIS = "redis://127.0.0.1:6379";

  /** The channel notify.sql's triggers notify. */
  public static final String NOTIFY_CHANNEL = "tenant_filter";

  /**
   * A database named by the environment.
   *
   * @param variable the environment variable that named it
   * @param passed whether the launcher passes it as {@code tenant-filter.jdbc.*} (the filter
   *     does not read that variable itself)
   */
  public record Database(
      String jdbcUrl, String user, String password, String variable, boolean passed) {}

  /**
   * Decides.
   *
   * @param env the environment
   * @param notifyProperty the system property {@code sample.notify}, or {@code null}
   * @param localRedisAnswers whether 127.0.0.1:6379 answers; asked only when needed
   * @throws IllegalArgumentException naming the variable, for a value it cannot use
   */
  public static RunSettings decide(
      Map<String, String> env, String notifyProperty, BooleanSupplier localRedisAnswers) {
    String redisUrl = null;
    String redisShown;
    String redisVariable = firstSet(env, Settings.REDIS_URL.environmentNames());
    if (redisVariable != null) {
      redisShown = "from " + redisVariable;
    } else if (localRedisAnswers.getAsBoolean()) {
      redisUrl = LOCAL_REDIS;
      redisShown = "127.0.0.1:6379";
    } else {
      redisShown = "none (heap tier and PostgreSQL only)";
    }
    return new RunSettings(redisUrl, redisShown, database(env), listenNotify(env, notifyProperty));
  }

  private static Database database(Map<String, String> env) {
    String jdbcVariable = firstSet(env, Settings.JDBC_URL.environmentNames());
    String user = env.get(Settings.JDBC_USER.environmentNames().get(0));
    String password = env.get(Settings.JDBC_PASSWORD.environmentNames().get(0));
    if (jdbcVariable != null) {
      return new Database(env.get(jdbcVariable), user, password, jdbcVariable, false);
    }
    String value = env.get("DATABASE_URL");
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.trim();
    if (value.startsWith("jdbc:")) {
      return new Database(value, user, password, "DATABASE_URL", true);
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String scheme = uri == null || uri.getScheme() == null
        ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("postgres") || scheme.equals("postgresql")) || uri.getHost() == null) {
      // the value is not shown: it may hold a password
      throw new IllegalArgumentException("DATABASE_URL must be jdbc:postgresql://host:port/db or"
          + " postgres://user:password@host:port/db");
    }
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? password : decode(info.substring(colon + 1));
    }
    String jdbcUrl = "jdbc:postgresql://" + uri.getHost()
        + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new Database(jdbcUrl, user, password, "DATABASE_URL", true);
  }

  private static boolean listenNotify(Map<String, String> env, String property) {
    String name = property != null ? "sample.notify" : "SAMPLE_NOTIFY";
    String value = property != null ? property : env.get("SAMPLE_NOTIFY");
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(
          name + " must be true or false, not \"" + value + "\"");
    };
  }

  private static String firstSet(Map<String, String> env, List<String> names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return name;
      }
    }
    return null;
  }

  private static String decode(String text) {
    // percent-decoding only: a '+' in a URL's user part is a plus, not a space
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
