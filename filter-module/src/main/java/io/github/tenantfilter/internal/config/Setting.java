// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One setting: its dotted name, the environment variables it is also read from, its default and
 * how its text becomes a value. All settings are declared in {@link Settings}, each once:
 *
 * <pre>{@code
 * Setting<Integer> size = Setting.named("tenant-filter.local-cache.size", "1000",
 *         Parsers.integer(1, 10_000_000))
 *     .environment("LOCAL_CACHE_SIZE")
 *     .describedAs("tenant keys held in the heap tier (L1)");
 * }</pre>
 *
 * @param <T> the type of the parsed value
 */
public final class Setting<T> {

  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]");

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
  private final List<String> shortEnvironmentNames;
  private final String defaultValue;
  private final Parser<T> parser;
  private final boolean secret;
  private final String description;

  private Setting(Builder<T> builder, String description) {
    this.name = builder.name;
    this.environmentNames =
        Stream.concat(builder.legacyEnvironmentNames.stream(), Stream.of(environmentName(name)))
            .distinct()
            .toList();
    this.shortEnvironmentNames = builder.legacyEnvironmentNames;
    this.defaultValue = builder.defaultValue;
    this.parser = builder.parser;
    this.secret = builder.secret;
    this.description = Objects.requireNonNull(description);
  }

  /**
   * Starts a setting; {@link Builder#describedAs(String)} ends it.
   *
   * @param name the dotted name, such as {@code tenant-filter.local-cache.size}
   * @param defaultValue the default as text (empty for none), parsed like any value
   * @param parser turns the text into the value
   */
  static <T> Builder<T> named(String name, String defaultValue, Parser<T> parser) {
    return new Builder<>(name, defaultValue, parser);
  }

  /** The rest of a setting's declaration; every part but the description is optional. */
  static final class Builder<T> {
    private final String name;
    private final String defaultValue;
    private final Parser<T> parser;
    private List<String> legacyEnvironmentNames = List.of();
    private boolean secret;
    private Consumer<? super Setting<T>> declared = setting -> { };

    private Builder(String name, String defaultValue, Parser<T> parser) {
      this.name = Objects.requireNonNull(name);
      this.defaultValue = Objects.requireNonNull(defaultValue);
      this.parser = Objects.requireNonNull(parser);
    }

    /**
     * Environment variables read before the one derived from the name ({@code REDIS_URL} before
     * {@code TENANT_FILTER_REDIS_URL}).
     */
    Builder<T> environment(String... names) {
      this.legacyEnvironmentNames = List.of(names);
      return this;
    }

    /** The value is a secret: masked wherever settings are shown (messages, JMX, stats page). */
    Builder<T> secret() {
      this.secret = true;
      return this;
    }

    /** {@code declared} is told of the setting when it is built ({@link Settings#ALL}). */
    Builder<T> declaredTo(Consumer<? super Setting<T>> declared) {
      this.declared = Objects.requireNonNull(declared);
      return this;
    }

    /** The setting, with one sentence for the documentation. */
    Setting<T> describedAs(String description) {
      Setting<T> setting = new Setting<>(this, description);
      declared.accept(setting);
      return setting;
    }
  }

  /**
   * The environment variable for a dotted name, as MicroProfile Config maps it: {@code
   * tenant-filter.local-cache.size} is {@code TENANT_FILTER_LOCAL_CACHE_SIZE}.
   */
  static String environmentName(String name) {
    return NOT_ALPHANUMERIC.matcher(name).replaceAll("_").toUpperCase(Locale.ROOT);
  }

  /** The dotted name, such as {@code tenant-filter.local-cache.size}. */
  public String name() {
    return name;
  }

  /** Environment variables read for this setting, the short names ({@code REDIS_URL}) first. */
  public List<String> environmentNames() {
    return environmentNames;
  }

  /**
   * The short environment variables only ({@code REDIS_URL}), not the one derived from the name,
   * which MicroProfile Config's own environment source reads.
   */
  public List<String> shortEnvironmentNames() {
    return shortEnvironmentNames;
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
