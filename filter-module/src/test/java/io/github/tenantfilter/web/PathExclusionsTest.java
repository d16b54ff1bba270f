// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathExclusionsTest {

  private final PathExclusions exclusions =
      new PathExclusions(List.of("/api/health", "/static/*", "*.css"));

  @Test
  void matches_exactPrefixAndExtension() {
    assertThat(exclusions.matches("/api/health")).isTrue();
    assertThat(exclusions.matches("/static")).isTrue();
    assertThat(exclusions.matches("/static/app.js")).isTrue();
    assertThat(exclusions.matches("/static/a/b")).isTrue();
    assertThat(exclusions.matches("/theme/site.css")).isTrue();
  }

  @Test
  void matches_lookAlikes_doNotMatch() {
    assertThat(exclusions.matches("/api/health/x")).isFalse();
    assertThat(exclusions.matches("/api/healthz")).isFalse();
    assertThat(exclusions.matches("/staticfiles/x")).isFalse();
    assertThat(exclusions.matches("/theme.css/admin")).isFalse();
    assertThat(exclusions.matches("/api/whoami")).isFalse();
  }

  @Test
  void matches_slashStar_matchesEverything() {
    assertThat(new PathExclusions(List.of("/*")).matches("/anything")).isTrue();
  }
}
