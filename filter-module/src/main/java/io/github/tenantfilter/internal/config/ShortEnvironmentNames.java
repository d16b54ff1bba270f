// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The short environment variables that name settings ({@code REDIS_URL}, {@code
 * LOCAL_CACHE_SIZE}, {@code LOCAL_CACHE_TTL}, {@code CACHE_TTL_TENANT}, {@code
 * REDIS_CIRCUIT_THRESHOLD}, {@code REDIS_CIRCUIT_TIMEOUT}, the {@code CACHE_TTL_*} of the TTL
 * classes), as a MicroProfile {@code ConfigSource} at the environment's level: {@code
 * REDIS_URL=…} is {@code tenant-filter.redis.url}, over {@code web.xml} and the admin console,
 * under a system property. MicroProfile Config's own environment source (300) reads the derived
 * names ({@code TENANT_FILTER_REDIS_URL}); this one is one above it (301), so that where both
 * are set the short name wins, as it does without MicroProfile Config.
 *
 * <p>Registered with {@code ServiceLoader}; never loaded on a server without MicroProfile
 * Config (there {@link SettingSource#environment} reads both kinds of names).
 */
public final class ShortEnvironmentNames implements ConfigSource {

  /** One above MicroProfile Config's environment source (300), under system properties (400). */
  static final int ORDINAL = 301;

  private final UnaryOperator<String> environment;

  /** The process's environment. */
  public ShortEnvironmentNames() {
    this(System::getenv);
  }

  ShortEnvironmentNames(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> values = new LinkedHashMap<>();
    for (Setting<?> setting : Settings.ALL) {
      String value = getValue(setting.name());
      if (value != null) {
        values.put(setting.name(), value);
      }
    }
    return values;
  }

  @Override
  public Set<String> getPropertyNames() {
    return getProperties().keySet();
  }

  @Override
  public String getValue(String propertyName) {
    Setting<?> setting = Settings.byName(propertyName);
    if (setting == null) {
      return null;
    }
    for (String name : setting.shortEnvironmentNames()) {
      String value = environment.apply(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }

  @Override
  public String getName() {
    return "tenant-filter short environment variables";
  }
}
