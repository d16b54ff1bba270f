// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.cache;

import io.github.tenantfilter.internal.config.Setting;
import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.SettingsReader;
import io.github.tenantfilter.internal.config.WebXmlParams;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the server's MicroProfile Fault Tolerance the settings of {@link RedisCircuitBreaker},
 * under the keys it reads ({@code io.github.tenantfilter.internal.cache.RedisCircuitBreaker/call/
 * CircuitBreaker/requestVolumeThreshold}, {@code .../delay}, {@code .../delayUnit}), from {@code
 * tenant-filter.redis.circuit.threshold} and {@code .timeout}, looked up in the same order as
 * every other setting ({@link SettingsReader#standard}: system properties, the environment (also
 * {@code REDIS_CIRCUIT_THRESHOLD} and {@code REDIS_CIRCUIT_TIMEOUT}) and the admin console over
 * {@code web.xml}, which is over {@code microprofile-config.properties}).
 *
 * <p>web.xml is read from the file ({@link WebXmlParams}): WildFly's Fault Tolerance asks for
 * these keys while CDI validates the deployment, before the servlet container has read it.
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

  /** The application's web.xml parameters, read once. */
  private volatile Map<String, String> webXml;

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

  private int number(Setting<Integer> setting, int min, int max) {
    String text = text(setting);
    try {
      int value = text == null ? Integer.parseInt(setting.defaultValue()) : Integer.parseInt(text.trim());
      return value < min || value > max ? Integer.parseInt(setting.defaultValue()) : value;
    } catch (NumberFormatException e) {
      return Integer.parseInt(setting.defaultValue());
    }
  }

  /** The setting's text in the standard order ({@link SettingsReader#standard}), or null. */
  private String text(Setting<?> setting) {
    Map<String, String> params = webXml;
    if (params == null) {
      params = WebXmlParams.of(CircuitBreakerConfigSource.class);
      webXml = params;
    }
    if (RESOLVING.get() == null) {
      RESOLVING.set(Boolean.TRUE);
      try {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return SettingsReader.standard(Map.of(), params,
                loader != null ? loader : CircuitBreakerConfigSource.class.getClassLoader())
            .text(setting);
      } catch (RuntimeException e) {
        // the Config is not ready yet: fall back to what the process was started with
      } finally {
        RESOLVING.remove();
      }
    }
    return SettingsReader.withoutMicroProfile(Map.of(), params).text(setting);
  }

  /**
   * The threshold and delay (milliseconds) that the server's Fault Tolerance reads for the
   * breaker in the application of {@code loader}, or {@code null} when MicroProfile Config is not
   * there to ask.
   */
  public static long[] inEffect(ClassLoader loader) {
    try {
      Config config = ConfigProvider.getConfig(loader);
      return new long[] {
        config.getOptionalValue(THRESHOLD, Long.class).orElse(-1L),
        config.getOptionalValue(DELAY, Long.class).orElse(-1L)
      };
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
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
