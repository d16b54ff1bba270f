// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import java.util.Map;
import java.util.function.UnaryOperator;

/** One place settings are read from. */
public interface SettingSource {

  /**
   * Where the value of {@code setting} comes from, as shown in messages: {@code context-param},
   * {@code environment variable REDIS_URL}, ...
   */
  String origin(Setting<?> setting);

  /** The text of {@code setting} in this source, or {@code null} when it has none. */
  String value(Setting<?> setting);

  /** A source backed by a map keyed by dotted names (init-params, context-params). */
  static SettingSource ofMap(String origin, Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return new SettingSource() {
      @Override
      public String origin(Setting<?> setting) {
        return origin;
      }

      @Override
      public String value(Setting<?> setting) {
        return copy.get(setting.name());
      }
    };
  }

  /** System properties, by dotted name. */
  static SettingSource systemProperties() {
    return new SettingSource() {
      @Override
      public String origin(Setting<?> setting) {
        return "system property";
      }

      @Override
      public String value(Setting<?> setting) {
        return System.getProperty(setting.name());
      }
    };
  }

  /**
   * Environment variables: the short names ({@code REDIS_URL}, {@code
   * LOCAL_CACHE_SIZE}, ...) first, then the name derived from the dotted one.
   *
   * @param environment looks a variable up ({@code System::getenv} outside tests)
   */
  static SettingSource environment(UnaryOperator<String> environment) {
    return new SettingSource() {
      @Override
      public String origin(Setting<?> setting) {
        for (String name : setting.environmentNames()) {
          if (environment.apply(name) != null) {
            return "environment variable " + name;
          }
        }
        return "environment";
      }

      @Override
      public String value(Setting<?> setting) {
        for (String name : setting.environmentNames()) {
          String value = environment.apply(name);
          if (value != null) {
            return value;
          }
        }
        return null;
      }
    };
  }
}
