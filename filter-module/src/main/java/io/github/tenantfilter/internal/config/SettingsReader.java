package io.github.tenantfilter.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
   * The standard order: filter init-params, context-params, MicroProfile Config (if present),
   * system properties, environment variables.
   */
  public static SettingsReader standard(
      Map<String, String> initParams, Map<String, String> contextParams, ClassLoader loader) {
    List<SettingSource> sources = new ArrayList<>();
    sources.add(SettingSource.ofMap("filter init-param", initParams));
    sources.add(SettingSource.ofMap("context-param", contextParams));
    MicroProfileSettingSource.find(loader).ifPresent(sources::add);
    sources.add(SettingSource.systemProperties());
    sources.add(SettingSource.environment(System::getenv));
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
      String text = null;
      for (SettingSource source : sources) {
        text = source.value(setting);
        if (text != null) {
          break;
        }
      }
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
