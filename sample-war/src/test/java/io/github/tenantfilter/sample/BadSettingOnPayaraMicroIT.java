// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tenantfilter.testing.PayaraMicro;
import io.github.tenantfilter.testing.Ports;
import io.github.tenantfilter.testing.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad setting fails the deployment on a real server, and the log names setting and value. */
class BadSettingOnPayaraMicroIT {

  @Test
  void deploy_invalidSetting_failsNamingSettingAndValue() throws Exception {
    assertDeploymentFails("tenant-filter.local-cache.size", "lots",
        "invalid value \"lots\" for tenant-filter.local-cache.size"
            + " (from MicroProfile Config (SystemProperty, ordinal 400))");
  }

  @Test
  void deploy_invalidCacheRegionSetting_failsNamingSettingAndValue() throws Exception {
    assertDeploymentFails("tenant-filter.region.plans.ttl", "forever",
        "invalid value \"forever\" for tenant-filter.region.plans.ttl"
            + " (from MicroProfile Config (SystemProperty, ordinal 400))");
  }

  private static void assertDeploymentFails(String setting, String value, String message)
      throws Exception {
    int port = Ports.free();
    Path target = Path.of(System.getProperty("sample.war")).getParent();
    Path log = Files.createDirectories(target.resolve("it-logs"))
        .resolve("payara-bad-setting-" + setting + ".log");
    try (PayaraMicro payara =
        PayaraMicro.start(
            Path.of(System.getProperty("payara.micro.jar")),
            Path.of(System.getProperty("sample.war")),
            port,
            Map.of(
                "tenant-filter.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test",
                setting, value),
            target,
            log)) {
      String output = payara.awaitBooted(Duration.ofMinutes(5));
      assertThat(output).contains(message);
      // the application did not start: Payara answers for it (500 here), the application never
      if (Ports.answers(port)) {
        RawHttp.Response health = RawHttp.get(port, "localhost", "/api/health");
        assertThat(health.body()).doesNotContain("UP");
        assertThat(health.status()).isNotEqualTo(200);
      }
    }
  }
}
