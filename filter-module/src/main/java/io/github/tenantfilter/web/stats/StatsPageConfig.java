// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web.stats;

import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.config.SettingsReader;
import java.time.Duration;

/**
 * The stats page's settings ({@code tenant-filter.stats.*}).
 *
 * <pre>{@code
 * StatsPageConfig stats = StatsPageConfig.read(reader);
 * if (stats.enabled()) { ... }
 * }</pre>
 *
 * @param enabled whether the page is registered
 * @param path the page's path in the application
 * @param role the role a user needs
 * @param interval how often the counters are sampled
 * @param history samples kept
 * @param top tenants listed
 */
public record StatsPageConfig(
    boolean enabled, String path, String role, Duration interval, int history, int top) {

  /** Tenants tracked per listed tenant: enough that the listed ones are rarely estimates. */
  static final int TRACKED_PER_LISTED = 10;

  /**
   * Reads the settings.
   *
   * @throws io.github.tenantfilter.internal.config.InvalidSettingException if one does not parse
   */
  public static StatsPageConfig read(SettingsReader reader) {
    return new StatsPageConfig(
        reader.get(Settings.STATS_ENABLED),
        reader.get(Settings.STATS_PATH),
        reader.get(Settings.STATS_ROLE),
        reader.get(Settings.STATS_INTERVAL),
        reader.get(Settings.STATS_HISTORY),
        reader.get(Settings.STATS_TOP));
  }

  /** The JSON's path: the page's with {@code .json}. */
  public String jsonPath() {
    return path + ".json";
  }

  /** Counters per stripe of {@link TopTenants}. */
  int tracked() {
    return top * TRACKED_PER_LISTED;
  }
}
