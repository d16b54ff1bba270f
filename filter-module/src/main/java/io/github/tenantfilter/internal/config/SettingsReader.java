// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads settings from sources in order; the first source that has a value wins, else the
 * default.
 *
 * <pre>{@code
 * SettingsReader reader = SettingsReader.standard(initParams, contextParams, loader);
 * int size = reader.get(Settings.LOCAL_CACHE_SIZE);
 * }</pre>
 */
public final class SettingsReader {

  private final List<SettingSource> sources;

  /** A reader over {@code sources}, first wins. */
  public SettingsReader(List<SettingSource> sources) {
    this.sources = List.copyOf(sources);
  }

  /**
   * The standard order, as MicroProfile Config users expect: {@code web.xml}'s values are the
   * application's packaged defaults, which the operator overrides without rebuilding the WAR.
   *
   * <ol>
   *   <li>MicroProfile Config's sources above ordinal 100: system properties (400), environment
   *       variables (300; the short names such as {@code REDIS_URL} at 301), the admin console's
   *       properties (Payara: 110 to 140);
   *   <li>the filter's init-params, then the context-params of {@code web.xml};
   *   <li>MicroProfile Config's sources at or below 100 ({@code microprofile-config.properties});
   *   <li>the default.
   * </ol>
   *
   * <p>Without MicroProfile Config (plain servlet containers, WildFly's {@code standalone.xml}):
   * system properties, environment variables, init-params, context-params, the default.
   */
  public static SettingsReader standard(
      Map<String, String> initParams, Map<String, String> contextParams, ClassLoader loader) {
    return ordered(initParams, contextParams, MicroProfileSettingSource.find(loader));
  }

  /** The standard order without MicroProfile Config, where it is not there or not ready. */
  public static SettingsReader withoutMicroProfile(
      Map<String, String> initParams, Map<String, String> contextParams) {
    return ordered(initParams, contextParams, Optional.empty());
  }

  /** The standard order over {@code microProfile}: for tests with sources of their own. */
  static SettingsReader ordered(Map<String, String> initParams,
      Map<String, String> contextParams, MicroProfileSettingSource microProfile) {
    return ordered(initParams, contextParams, Optional.of(microProfile));
  }

  private static SettingsReader ordered(Map<String, String> initParams,
      Map<String, String> contextParams, Optional<MicroProfileSettingSource> microProfile) {
    List<SettingSource> sources = new ArrayList<>();
    if (microProfile.isPresent()) {
      sources.add(microProfile.get().above());
    } else {
      sources.add(SettingSource.systemProperties());
      sources.add(SettingSource.environment(System::getenv));
    }
    sources.add(SettingSource.ofMap("filter init-param", initParams));
    sources.add(SettingSource.ofMap("context-param", contextParams));
    microProfile.ifPresent(source -> sources.add(source.atOrBelow()));
    return new SettingsReader(sources);
  }

  /**
   * The value of {@code setting}.
   *
   * @throws InvalidSettingException if the text found does not parse
   */
  public <T> T get(Setting<T> setting) {
    for (SettingSource source : sources) {
      String text = source.value(setting);
      if (text != null) {
        return parse(setting, text, source.origin(setting));
      }
    }
    return parse(setting, setting.defaultValue(), "default");
  }

  /** The text of {@code setting} as found, unparsed, or {@code null} when no source has it. */
  public String text(Setting<?> setting) {
    for (SettingSource source : sources) {
      String text = source.value(setting);
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  /** Where the value of {@code setting} comes from, for the startup log. */
  public String origin(Setting<?> setting) {
    for (SettingSource source : sources) {
      if (source.value(setting) != null) {
        return source.origin(setting);
      }
    }
    return "default";
  }

  private static <T> T parse(Setting<T> setting, String text, String origin) {
    try {
      return setting.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(
          setting.name(), show(setting, text), origin, Objects.toString(e.getMessage(), "invalid"));
    }
  }

  /** Every setting's value as text, secrets masked, in documentation order: for JMX. */
  public Map<String, String> shown() {
    Map<String, String> values = new LinkedHashMap<>();
    for (Setting<?> setting : Settings.ALL) {
      String text = text(setting);
      values.put(setting.name(), show(setting, text == null ? setting.defaultValue() : text));
    }
    return values;
  }

  /**
   * How a value may be shown in logs, messages, JMX and the stats page: secrets masked, and any
   * URL's password (in its user info or its parameters), whatever the setting.
   */
  static String show(Setting<?> setting, String text) {
    if (text == null) {
      return null;
    }
    if (setting.secret()) {
      return text.contains("://") ? UrlMasking.maskUrl(text) : "****";
    }
    return text.contains("://") || text.startsWith("jdbc:") ? UrlMasking.maskUrl(text) : text;
  }
}
