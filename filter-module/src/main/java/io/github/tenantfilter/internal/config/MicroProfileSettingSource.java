// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * The setting source that reads MicroProfile Config, where the server has it (Payara and WildFly
 * do): system properties (ordinal 400), environment variables (300, also the short names such as
 * {@code REDIS_URL}: {@link ShortEnvironmentNames}), whatever the admin console sets (Payara's
 * domain, config, server and application sources: 110 to 140) and {@code
 * microprofile-config.properties} (100).
 *
 * <p>It comes in two halves around {@code web.xml}, whose values are the application's packaged
 * defaults, at the ordinal of a packaged properties file ({@value #PACKAGED}): a value from a
 * source above that overrides {@code web.xml} ({@link #above}); one at or below it only fills in
 * what {@code web.xml} leaves unset ({@link #atOrBelow}). It reads the application's {@code
 * Config}; it is not a MicroProfile {@code ConfigSource}. Only touched after {@link
 * #find(ClassLoader)} saw the API, so that the filter still runs on a server without it.
 */
final class MicroProfileSettingSource {

  /** The ordinal of a packaged properties file, and of {@code web.xml}'s values. */
  static final int PACKAGED = 100;

  private static final Logger LOG = Logger.getLogger(MicroProfileSettingSource.class.getName());

  private final Config config;

  private MicroProfileSettingSource(Config config) {
    this.config = config;
  }

  /** The application's MicroProfile Config, or empty when the server has none. */
  static Optional<MicroProfileSettingSource> find(ClassLoader loader) {
    try {
      Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, loader);
      return Optional.of(new MicroProfileSettingSource(ConfigProvider.getConfig(loader)));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      // API present, no implementation behind it
      LOG.log(Level.FINE, "MicroProfile Config API present but unusable", e);
      return Optional.empty();
    }
  }

  /** A source over {@code config} (tests build one with sources of their own). */
  static MicroProfileSettingSource of(Config config) {
    return new MicroProfileSettingSource(config);
  }

  /** The property names MicroProfile Config knows, or none without it. */
  static Iterable<String> propertyNames(ClassLoader loader) {
    try {
      return find(loader).map(source -> source.config.getPropertyNames()).orElse(List.of());
    } catch (RuntimeException | LinkageError e) {
      return List.of();
    }
  }

  /** Values from sources above {@value #PACKAGED}: they override {@code web.xml}. */
  SettingSource above() {
    return new Half(true);
  }

  /** Values from sources at or below {@value #PACKAGED}: {@code web.xml} overrides them. */
  SettingSource atOrBelow() {
    return new Half(false);
  }

  private final class Half implements SettingSource {
    private final boolean above;

    Half(boolean above) {
      this.above = above;
    }

    @Override
    public String origin(Setting<?> setting) {
      return describe(config.getConfigValue(setting.name()));
    }

    @Override
    public String value(Setting<?> setting) {
      ConfigValue value = config.getConfigValue(setting.name());
      if (value.getValue() == null) {
        return null;
      }
      return (value.getSourceOrdinal() > PACKAGED) == above ? value.getValue() : null;
    }
  }

  private static String describe(ConfigValue value) {
    return "MicroProfile Config (" + value.getSourceName() + ", ordinal "
        + value.getSourceOrdinal() + ")";
  }
}
