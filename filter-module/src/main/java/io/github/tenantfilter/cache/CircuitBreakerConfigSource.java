package io.github.tenantfilter.cache;

import io.github.tenantfilter.config.Setting;
import io.github.tenantfilter.config.Settings;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the server's MicroProfile Fault Tolerance the settings of {@link RedisCircuitBreaker},
 * under the keys it reads ({@code io.github.tenantfilter.cache.RedisCircuitBreaker/call/
 * CircuitBreaker/requestVolumeThreshold}, {@code .../delay}, {@code .../delayUnit}), from {@code
 * tenant-filter.redis.circuit.threshold} and {@code .timeout} (MicroProfile Config, system
 * properties, environment) or the original fix's {@code REDIS_CIRCUIT_THRESHOLD} and {@code
 * REDIS_CIRCUIT_TIMEOUT}.
 *
 * <p>The delay is given in milliseconds: Payara's implementation schedules the half-open state
 * with the configured number taken as milliseconds whatever the unit (found by FaultToleranceIT:
 * 60 seconds became 60 ms), so milliseconds is the unit both servers read alike. A value that
 * does not parse gives the default here; the filter's startup then fails the deployment naming
 * it.
 *
 * <p>Ordinal 50: an application can still set the Fault Tolerance keys itself. Registered with
 * {@code ServiceLoader}; never loaded on a server without MicroProfile Config.
 */
public final class CircuitBreakerConfigSource implements ConfigSource {

  static final String KEY = RedisCircuitBreaker.class.getName() + "/call/CircuitBreaker/";
  static final String THRESHOLD = KEY + "requestVolumeThreshold";
  static final String DELAY = KEY + "delay";
  static final String DELAY_UNIT = KEY + "delayUnit";

  /** Set while this source asks the Config for a setting, so that it does not ask itself. */
  private static final ThreadLocal<Boolean> RESOLVING = new ThreadLocal<>();

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(THRESHOLD, DELAY, DELAY_UNIT);
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(THRESHOLD, getValue(THRESHOLD), DELAY, getValue(DELAY), DELAY_UNIT, "MILLIS");
  }

  @Override
  public String getValue(String name) {
    if (THRESHOLD.equals(name)) {
      return Integer.toString(number(Settings.REDIS_CIRCUIT_THRESHOLD, 1, 1000));
    }
    if (DELAY.equals(name)) {
      return Long.toString(number(Settings.REDIS_CIRCUIT_TIMEOUT, 1, 86_400) * 1000L);
    }
    if (DELAY_UNIT.equals(name)) {
      return "MILLIS";
    }
    return null;
  }

  private static int number(Setting<Integer> setting, int min, int max) {
    String text = text(setting);
    try {
      int value = text == null ? Integer.parseInt(setting.defaultValue()) : Integer.parseInt(text.trim());
      return value < min || value > max ? Integer.parseInt(setting.defaultValue()) : value;
    } catch (NumberFormatException e) {
      return Integer.parseInt(setting.defaultValue());
    }
  }

  private static String text(Setting<?> setting) {
    if (RESOLVING.get() == null) {
      RESOLVING.set(Boolean.TRUE);
      try {
        String value =
            ConfigProvider.getConfig().getOptionalValue(setting.name(), String.class).orElse(null);
        if (value != null) {
          return value;
        }
      } catch (RuntimeException e) {
        // the Config is not ready yet: fall back to what the process was started with
      } finally {
        RESOLVING.remove();
      }
    }
    String property = System.getProperty(setting.name());
    if (property != null) {
      return property;
    }
    for (String env : setting.environmentNames()) {
      String value = System.getenv(env);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  @Override
  public int getOrdinal() {
    return 50;
  }

  @Override
  public String getName() {
    return "tenant-filter circuit breaker settings";
  }
}
