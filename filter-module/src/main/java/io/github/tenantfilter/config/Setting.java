package io.github.tenantfilter.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One setting: its dotted name, the environment variables it is also read from, its default and
 * how its text becomes a value. All settings are listed in {@link Settings}.
 *
 * @param <T> the type of the parsed value
 */
public final class Setting<T> {

  /** Turns a setting's text into a value. */
  @FunctionalInterface
  public interface Parser<T> {
    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a message that says what a valid value looks like
     */
    T parse(String text);
  }

  private final String name;
  private final List<String> environmentNames;
  private final String defaultValue;
  private final Parser<T> parser;
  private final boolean secret;
  private final String description;

  Setting(
      String name,
      List<String> legacyEnvironmentNames,
      String defaultValue,
      Parser<T> parser,
      boolean secret,
      String description) {
    this.name = Objects.requireNonNull(name);
    this.environmentNames =
        Stream.concat(
                legacyEnvironmentNames.stream(), Stream.of(environmentName(name)))
            .distinct()
            .toList();
    this.defaultValue = Objects.requireNonNull(defaultValue);
    this.parser = Objects.requireNonNull(parser);
    this.secret = secret;
    this.description = Objects.requireNonNull(description);
  }

  /**
   * The environment variable for a dotted name, as MicroProfile Config maps it: {@code
   * tenant-filter.local-cache.size} is {@code TENANT_FILTER_LOCAL_CACHE_SIZE}.
   */
  static String environmentName(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** The dotted name, such as {@code tenant-filter.local-cache.size}. */
  public String name() {
    return name;
  }

  /** Environment variables read for this setting, the short names ({@code REDIS_URL}) first. */
  public List<String> environmentNames() {
    return environmentNames;
  }

  /** The default, as text (empty for none). */
  public String defaultValue() {
    return defaultValue;
  }

  /** Whether the value is a secret that must never be logged or shown. */
  public boolean secret() {
    return secret;
  }

  /** One sentence for the documentation. */
  public String description() {
    return description;
  }

  T parse(String text) {
    return parser.parse(text);
  }

  @Override
  public String toString() {
    return name;
  }
}
