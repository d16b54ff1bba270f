// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the run command takes from the environment and what it passes itself. */
class RunSettingsTest {

  private static RunSettings decide(Map<String, String> env, String notify, boolean redisAnswers) {
    return RunSettings.decide(env, notify, () -> redisAnswers);
  }

  @Test
  void decide_nothingInTheEnvironment_usesLocalRedisAndLocalDatabase() {
    RunSettings run = decide(Map.of(), null, true);
    assertThat(run.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(run.database()).isNull();
    assertThat(run.listenNotify()).isFalse();
  }

  @Test
  void decide_noLocalRedis_passesNoRedis() {
    RunSettings run = decide(Map.of(), null, false);
    assertThat(run.redisUrl()).isNull();
    assertThat(run.redisShown()).startsWith("none");
  }

  @Test
  void decide_redisUrlInTheEnvironment_passesNoRedisOfItsOwn() {
    for (String variable : new String[] {"REDIS_URL", "TENANT_FILTER_REDIS_URL"}) {
      RunSettings run = decide(Map.of(variable, "redis://cache.example:6380"), null, true);
      assertThat(run.redisUrl()).as(variable).isNull();
      assertThat(run.redisShown()).isEqualTo("from " + variable);
    }
  }

  @Test
  void decide_emptyRedisUrl_isNotSet() {
    assertThat(decide(Map.of("REDIS_URL", " "), null, true).redisUrl())
        .isEqualTo(RunSettings.LOCAL_REDIS);
  }

  @Test
  void decide_filtersOwnJdbcUrlVariable_isLeftToTheFilter() {
    RunSettings run = decide(Map.of(
        "TENANT_FILTER_JDBC_URL", "jdbc:postgresql://db.example/app",
        "TENANT_FILTER_JDBC_USER", "app",
        "DATABASE_URL", "postgres://other@elsewhere/db"), null, false);
    assertThat(run.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example/app");
    assertThat(run.database().user()).isEqualTo("app");
    assertThat(run.database().variable()).isEqualTo("TENANT_FILTER_JDBC_URL");
    assertThat(run.database().passed()).as("the filter reads the variable itself").isFalse();
  }

  @Test
  void decide_databaseUrlInPostgresForm_becomesJdbcSettings() {
    RunSettings run = decide(
        Map.of("DATABASE_URL", "postgres://app:p%40ss+word@db.example:5433/tenants?sslmode=require"),
        null, false);
    assertThat(run.database().jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example:5433/tenants?sslmode=require");
    assertThat(run.database().user()).isEqualTo("app");
    assertThat(run.database().password()).isEqualTo("p@ss+word");
    assertThat(run.database().passed()).isTrue();
  }

  @Test
  void decide_databaseUrlInJdbcForm_isPassedAsIs() {
    RunSettings run = decide(Map.of("DATABASE_URL", "jdbc:postgresql://db.example/app"), null, true);
    assertThat(run.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example/app");
    assertThat(run.database().user()).isNull();
    assertThat(run.database().passed()).isTrue();
  }

  @Test
  void decide_databaseUrlOfAnotherKind_failsWithoutShowingIt() {
    assertThatThrownBy(() -> decide(
            Map.of("DATABASE_URL", "mysql://root:hunter2@db/app"), null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DATABASE_URL must be")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void decide_notifyOption_fromPropertyOrEnvironment_propertyFirst() {
    assertThat(decide(Map.of(), "true", false).listenNotify()).isTrue();
    assertThat(decide(Map.of("SAMPLE_NOTIFY", "true"), null, false).listenNotify()).isTrue();
    assertThat(decide(Map.of("SAMPLE_NOTIFY", "true"), "false", false).listenNotify()).isFalse();
  }

  @Test
  void decide_notifyOptionNotABoolean_failsNamingIt() {
    assertThatThrownBy(() -> decide(Map.of(), "yes", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sample.notify must be true or false, not \"yes\"");
  }
}
