// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** docs/settings.md must list every setting with its default and variables. */
class SettingsDocTest {

  /** In the checkout's root: tf.root.dir, which the parent POM sets for every test run. */
  private static final Path SETTINGS = Path.of(
      Objects.requireNonNull(System.getProperty("tf.root.dir"), "tf.root.dir is not set"),
      "docs", "settings.md");

  @Test
  void settingsDoc_listsEverySetting() throws IOException {
    String readme = Files.readString(SETTINGS);
    for (Setting<?> setting : Settings.ALL) {
      String row =
          readme.lines()
              .filter(line -> line.startsWith("| `" + setting.name() + "`"))
              .findFirst()
              .orElse(null);
      assertThat(row).as("docs/settings.md row for " + setting.name()).isNotNull();
      for (String env : setting.environmentNames()) {
        assertThat(row).as("environment variable of " + setting.name()).contains(env);
      }
      if (!setting.defaultValue().isEmpty() && setting.defaultValue().length() < 20) {
        assertThat(row).as("default of " + setting.name()).contains(setting.defaultValue());
      }
    }
  }

  @Test
  void settingsDoc_listsTheCacheRegionSettings() throws IOException {
    String readme = Files.readString(SETTINGS);
    for (String name : RegionSettings.TEMPLATES.keySet()) {
      assertThat(readme.lines().filter(line -> line.startsWith("| `" + name + "`")))
          .as("docs/settings.md row for " + name).hasSize(1);
    }
  }
}
