// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import io.github.tenantfilter.internal.resolve.AddressRanges;
import io.github.tenantfilter.internal.resolve.HostNormalizer;
import io.github.tenantfilter.internal.resolve.TenantIds;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

// About 300 lines: one parser per kind of setting value, each with the message that says what a
// valid value looks like; they share their checks of ranges and spellings.
/** Parsers for setting values; each message says what a valid value looks like. */
final class Parsers {

  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
  private static final Pattern PATH_PREFIX =
      Pattern.compile("(/(?!\\.{1,2}(?:/|$))[A-Za-z0-9._~-]+)+");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern REDIS_DATABASE = Pattern.compile("\\d{1,5}");
  private static final Pattern SENTINEL_MASTER = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern STATS_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
  private static final Pattern DOT_SEGMENT = Pattern.compile(".*/\\.{1,2}(/.*)?");
  private static final Pattern ROLE = Pattern.compile("[\\x21-\\x7e&&[^,\"'<>]]+");

  private Parsers() {}

  static Boolean bool(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  static Setting.Parser<Integer> integer(int min, int max) {
    return text -> {
      String message = "must be a whole number from " + min + " to " + max;
      try {
        int value = Integer.parseInt(text.trim());
        if (value < min || value > max) {
          throw new IllegalArgumentException(message);
        }
        return value;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(message);
      }
    };
  }

  /**
   * A duration: a whole number of seconds, or a number with a unit ({@code 500ms}, {@code 30s},
   * {@code 5m}, {@code 1h}), from {@code min} to {@code max}.
   */
  static Setting.Parser<Duration> duration(Duration min, Duration max) {
    return text -> {
      String message =
          "must be a duration from "
              + show(min)
              + " to "
              + show(max)
              + ": seconds, or a number with ms, s, m or h";
      var matcher = DURATION.matcher(text.trim());
      if (!matcher.matches()) {
        throw new IllegalArgumentException(message);
      }
      long amount = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2) == null ? "s" : matcher.group(2);
      Duration value =
          switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
          };
      if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
        throw new IllegalArgumentException(message);
      }
      return value;
    };
  }

  private static String show(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  static List<String> list(String text) {
    String trimmed = text.trim();
    return trimmed.isEmpty() ? List.of() : List.of(LIST_SEPARATOR.split(trimmed));
  }

  static List<String> domains(String text) {
    List<String> domains = new ArrayList<>();
    for (String item : list(text)) {
      String host = HostNormalizer.normalize(item);
      if (host == null || HostNormalizer.isIpLiteral(host)) {
        throw new IllegalArgumentException(
            "must be host names separated by commas, such as app.example.com");
      }
      domains.add(host);
    }
    return List.copyOf(domains);
  }

  static String headerName(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (!TOKEN.matcher(trimmed).matches() || trimmed.equalsIgnoreCase("Host")) {
      throw new IllegalArgumentException(
          "must be an HTTP header name such as X-Tenant-Id (not Host), or empty for none");
    }
    return trimmed;
  }

  /** {@code /t} or {@code /api/tenants}: segments of unreserved characters, no trailing slash. */
  static String pathPrefix(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (!PATH_PREFIX.matcher(trimmed).matches()) {
      throw new IllegalArgumentException("must be a path such as /t (segments of letters, digits,"
          + " '-', '.', '_', '~', no '.' or '..' segment, no trailing '/'), or empty for none");
    }
    return trimmed;
  }

  /** A JWT claim name: visible ASCII, no spaces, or empty for none. */
  static String claimName(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (trimmed.length() > 256 || !trimmed.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new IllegalArgumentException("must be a claim name such as tenant_id (visible ASCII,"
          + " no spaces), or empty for none");
    }
    return trimmed;
  }

  /** A tenant id, or empty for none. */
  static String tenantId(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (!TenantIds.isValid(trimmed)) {
      throw new IllegalArgumentException("must be a tenant id (letters, digits, then also '.', '_',"
          + " '-'), or empty for none");
    }
    return trimmed;
  }

  static List<String> pathPatterns(String text) {
    List<String> patterns = list(text);
    for (String pattern : patterns) {
      boolean extension = pattern.startsWith("*.") && pattern.length() > 2
          && pattern.indexOf('/') < 0 && pattern.indexOf('*', 1) < 0;
      boolean path = pattern.startsWith("/")
          && (pattern.indexOf('*') < 0
              || (pattern.endsWith("/*") && pattern.indexOf('*') == pattern.length() - 1));
      if (!extension && !path) {
        throw new IllegalArgumentException(
            "must be servlet URL patterns separated by commas: /exact/path, /prefix/* or *.ext");
      }
    }
    return patterns;
  }

  /**
   * The constants of {@code type}, each written as its name in lower case with {@code -} for
   * {@code _} ({@code X_FORWARDED_HOST} is {@code x-forwarded-host}); case does not matter.
   */
  static <E extends Enum<E>> Setting.Parser<E> enumOf(Class<E> type) {
    return enumOf(type, constant -> constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  /**
   * The constants of {@code type}, each written as {@code spelling} says; case does not matter.
   * The message of a bad value lists them all.
   *
   * @throws IllegalStateException if two constants are spelt alike
   */
  static <E extends Enum<E>> Setting.Parser<E> enumOf(Class<E> type, Function<E, String> spelling) {
    Map<String, E> constants = new LinkedHashMap<>();
    for (E constant : type.getEnumConstants()) {
      String text = spelling.apply(constant).toLowerCase(Locale.ROOT);
      if (constants.putIfAbsent(text, constant) != null) {
        throw new IllegalStateException(type.getSimpleName() + ": two constants are " + text);
      }
    }
    List<String> texts = List.copyOf(constants.keySet());
    int last = texts.size() - 1;
    String message = "must be " + (last == 0 ? texts.get(0)
        : String.join(", ", texts.subList(0, last)) + " or " + texts.get(last));
    Map<String, E> byText = Map.copyOf(constants);
    return text -> {
      E constant = byText.get(text.trim().toLowerCase(Locale.ROOT));
      if (constant == null) {
        throw new IllegalArgumentException(message);
      }
      return constant;
    };
  }

  static AddressRanges addressRanges(String text) {
    return AddressRanges.parse(text);
  }

  static URI redisUrl(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    String message =
        "must be redis://[user:password@]host[:port][/database] or rediss://... for TLS (for"
            + " sentinel and cluster modes, several host[:port] separated by commas), or empty"
            + " for no Redis";
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals("redis") || scheme.equals("rediss"))
          || uri.getRawAuthority() == null
          || uri.getQuery() != null
          || uri.getFragment() != null) {
        throw new IllegalArgumentException(message);
      }
      String path = uri.getPath();
      if (path != null && !path.isEmpty() && !path.equals("/")
          && !REDIS_DATABASE.matcher(path.substring(1)).matches()) {
        throw new IllegalArgumentException(message);
      }
      RedisEndpoint.of(uri); // every host is host[:port], the user info user:password
      return uri;
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException(message);
    }
  }

  static String sentinelMaster(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (!SENTINEL_MASTER.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "must be the master's name as the sentinels know it (letters, digits, . _ -), such as"
              + " mymaster");
    }
    return trimmed;
  }

  static String keyPrefix(String text) {
    if (text.length() > 64) {
      throw new IllegalArgumentException("must be at most 64 characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '{' || c == '}') {
        throw new IllegalArgumentException(
            "must be printable ASCII without spaces or braces (the filter adds the hash tag"
                + " {tenant} itself), such as myapp: (or empty)");
      }
    }
    return text;
  }

  static String optionalText(String text) {
    String trimmed = text.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  static String channel(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (!CHANNEL.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "must be a PostgreSQL channel name (lower-case letters, digits, _), or empty for none");
    }
    return trimmed;
  }

  /**
   * A path for the stats page: {@code /segment/segment}, segments of letters, digits and {@code
   * - . _ ~}, no wildcard, no {@code .} or {@code ..} segment, not {@code /} alone.
   */
  static String statsPath(String text) {
    String trimmed = text.trim();
    if (trimmed.length() > 200 || !STATS_PATH.matcher(trimmed).matches()
        || DOT_SEGMENT.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "must be a path such as /tenant-filter/stats: segments of letters, digits, - . _ ~,"
              + " no wildcard, no trailing /");
    }
    return trimmed;
  }

  /** A role name: printable, no spaces or commas; not {@code *} or {@code **} (any user). */
  static String roleName(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.length() > 100 || trimmed.equals("*")
        || trimmed.equals("**") || !ROLE.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "must be one role name such as tenant-filter-admin (no spaces, commas or quotes; not"
              + " * or **, which would let any user in)");
    }
    return trimmed;
  }

  static String jdbcUrl(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (!trimmed.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "must be a JDBC URL such as jdbc:postgresql://db:5432/app, or empty");
    }
    return trimmed;
  }

  static String query(String text) {
    String trimmed = text.trim();
    if (trimmed.indexOf('?') < 0) {
      throw new IllegalArgumentException(
          "must be an SQL SELECT with one ? parameter for the value looked up");
    }
    return trimmed;
  }
}
