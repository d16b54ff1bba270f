// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

/**
 * A setting has a value the filter cannot use. Thrown while the web application starts, so that
 * the deployment fails and says why:
 *
 * <pre>
 * tenant-filter: invalid value "abc" for tenant-filter.local-cache.size (from context-param):
 * must be a whole number from 1 to 10000000
 * </pre>
 */
public class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String setting;

  /**
   * Creates the exception.
   *
   * @param setting the setting's name
   * @param shownValue the value as it may be shown (secrets masked)
   * @param origin where the value came from, such as {@code context-param}
   * @param reason what is wrong with it
   */
  public InvalidSettingException(String setting, String shownValue, String origin, String reason) {
    super(
        "tenant-filter: invalid value \""
            + shownValue
            + "\" for "
            + setting
            + " (from "
            + origin
            + "): "
            + reason);
    this.setting = setting;
  }

  /** Creates the exception for a problem that is not one value (two settings that clash). */
  public InvalidSettingException(String setting, String message) {
    super("tenant-filter: " + message);
    this.setting = setting;
  }

  /** The name of the setting at fault. */
  public String setting() {
    return setting;
  }
}
