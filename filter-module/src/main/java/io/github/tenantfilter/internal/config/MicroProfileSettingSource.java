package io.github.tenantfilter.internal.config;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The setting source that reads MicroProfile Config, where the server has it (Payara and WildFly
 * do): system properties, environment variables, {@code microprofile-config.properties} and
 * whatever the admin console sets. It reads the application's {@code Config}; it is not a
 * MicroProfile {@code ConfigSource} (that is {@code CircuitBreakerConfigSource}). Only touched
 * after {@link #find(ClassLoader)} saw the API, so that the filter still runs on a server
 * without it.
 */
final class MicroProfileSettingSource implements SettingSource {

  private static final Logger LOG = Logger.getLogger(MicroProfileSettingSource.class.getName());

  private final Config config;

  private MicroProfileSettingSource(Config config) {
    this.config = config;
  }

  /** The application's MicroProfile Config, or empty when the server has none. */
  static Optional<SettingSource> find(ClassLoader loader) {
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

  /** The property names MicroProfile Config knows, or none without it. */
  static Iterable<String> propertyNames(ClassLoader loader) {
    try {
      return find(loader)
          .map(source -> ((MicroProfileSettingSource) source).config.getPropertyNames())
          .orElse(List.of());
    } catch (RuntimeException | LinkageError e) {
      return List.of();
    }
  }

  @Override
  public String origin(Setting<?> setting) {
    return "MicroProfile Config";
  }

  @Override
  public String value(Setting<?> setting) {
    return config.getOptionalValue(setting.name(), String.class).orElse(null);
  }
}
