// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import io.github.tenantfilter.api.RegionSpec;
import io.github.tenantfilter.api.TtlClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's settings of a named cache region, {@code tenant-filter.region.<name>.ttl},
 * {@code .size} and {@code .local-ttl}, read from the same sources and in the same order as
 * every other setting (environment: {@code TENANT_FILTER_REGION_<NAME>_TTL}, ...). They override
 * what the application's code asks for.
 *
 * <pre>{@code
 * RegionSpec spec = RegionSettings.apply(reader, "plans", RegionSpec.of(TtlClass.LONG));
 * }</pre>
 */
public final class RegionSettings {

  private static final String PREFIX = "tenant-filter.region.";
  /** A region's name: what keys, settings and environment variables can all carry. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern SETTING =
      Pattern.compile(Pattern.quote(PREFIX) + "([^.]+)\\.(ttl|size|local-ttl)");

  /** The settings' names as docs/settings.md lists them, with their defaults. */
  public static final Map<String, String> TEMPLATES =
      Map.of(
          PREFIX + "<name>.ttl", "",
          PREFIX + "<name>.size", "",
          PREFIX + "<name>.local-ttl", "");

  private RegionSettings() {}

  /**
   * Checks a region's name.
   *
   * @throws NullPointerException if {@code name} is {@code null}
   * @throws IllegalArgumentException if it is not lower-case letters, digits and {@code -},
   *     starting with a letter, at most 32
   */
  public static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a cache region's name is lower-case letters, digits and"
          + " -, starting with a letter, at most 32 characters");
    }
    return name;
  }

  /** Whether {@code name} is a region setting's name (of a well-formed region). */
  public static boolean isRegionSetting(String name) {
    Matcher matcher = SETTING.matcher(name);
    return matcher.matches() && NAME.matcher(matcher.group(1)).matches();
  }

  static Setting<Object> ttl(String region) {
    return Setting.named(PREFIX + region + ".ttl", "", RegionSettings::parseTtl)
        .describedAs("Redis TTL of region " + region);
  }

  static Setting<Integer> size(String region) {
    return Setting.<Integer>named(PREFIX + region + ".size", "",
            text -> text.isBlank() ? null
                : Parsers.integer(1, RegionSpec.MAX_LOCAL_SIZE).parse(text))
        .describedAs("heap entries of region " + region);
  }

  static Setting<Duration> localTtl(String region) {
    return Setting.<Duration>named(PREFIX + region + ".local-ttl", "",
            text -> text.isBlank() ? null
                : Parsers.duration(Duration.ofMillis(1), RegionSpec.MAX_TTL).parse(text))
        .describedAs("heap TTL of region " + region);
  }

  /** A TTL class's name ({@code LONG}, {@code rate_limit}) or a duration; blank: none. */
  private static Object parseTtl(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    try {
      return TtlClass.valueOf(trimmed.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException notAClass) {
      try {
        return Parsers.duration(Duration.ofSeconds(1), RegionSpec.MAX_TTL).parse(trimmed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("must be a TTL class (SESSION, RATE_LIMIT, SHORT,"
            + " MEDIUM, LONG) or a duration from 1s to 30 days: seconds, or a number with ms, s,"
            + " m or h");
      }
    }
  }

  /**
   * {@code spec} with the operator's settings for region {@code name} applied.
   *
   * @throws InvalidSettingException if a setting does not parse, or the heap TTL it gives is
   *     longer than the region's TTL
   */
  public static RegionSpec apply(SettingsReader reader, String name, RegionSpec spec) {
    RegionSpec result = spec.ttlClass().map(c -> classTtl(reader, spec, c)).orElse(spec);
    Object ttl = reader.get(ttl(name));
    if (ttl instanceof TtlClass ttlClass) {
      result = classTtl(reader, result.withTtl(ttlClass), ttlClass);
    } else if (ttl instanceof Duration duration) {
      result = result.withTtl(duration);
    }
    Integer size = reader.get(size(name));
    if (size != null) {
      result = result.withLocalSize(size);
    }
    Setting<Duration> localTtlSetting = localTtl(name);
    Duration localTtl = reader.get(localTtlSetting);
    if (localTtl != null) {
      try {
        result = result.withLocalTtl(localTtl);
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingException(localTtlSetting.name(), localTtl.toString(),
            reader.origin(localTtlSetting), e.getMessage());
      }
    }
    return result;
  }

  /**
   * {@code spec}, whose TTL is {@code ttlClass}'s, with the TTL the operator gives that class
   * ({@code tenant-filter.ttl-class.<class>}, {@code CACHE_TTL_<CLASS>}); the class's name stays
   * when the TTL is its built-in one.
   */
  private static RegionSpec classTtl(SettingsReader reader, RegionSpec spec, TtlClass ttlClass) {
    Duration configured = reader.get(Settings.ttlClass(ttlClass));
    return configured.equals(ttlClass.ttl()) ? spec : spec.withTtl(configured);
  }

  /**
   * Checks every region setting the sources name, so that a bad value fails the deployment even
   * before the application creates its region.
   *
   * @param names candidate setting names (init-params, context-params, system properties,
   *     environment, MicroProfile Config)
   * @throws InvalidSettingException for the first bad value
   */
  public static void check(SettingsReader reader, Iterable<String> names) {
    Set<String> regions = new TreeSet<>();
    for (String name : names) {
      Matcher matcher = SETTING.matcher(name);
      if (matcher.matches()) {
        if (!NAME.matcher(matcher.group(1)).matches()) {
          throw new InvalidSettingException(name, "the setting " + name + " names no possible"
              + " cache region: a region's name is lower-case letters, digits and -, starting"
              + " with a letter, at most 32 characters");
        }
        regions.add(matcher.group(1));
      }
    }
    for (String region : regions) {
      apply(reader, region, RegionSpec.ofTtl(RegionSpec.MAX_TTL));
    }
  }

  /**
   * The setting names that the process-wide sources hold: system properties and MicroProfile
   * Config. (Environment variables cannot be turned back into names without guessing; they are
   * checked when the application creates the region.)
   */
  public static List<String> namesInProcess(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    for (String property : System.getProperties().stringPropertyNames()) {
      names.add(property);
    }
    MicroProfileSettingSource.propertyNames(loader).forEach(names::add);
    return names;
  }
}
