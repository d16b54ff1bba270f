// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogContextTest {

  /** One map behind two facades, as SLF4J's and JBoss Logging's MDC on WildFly. */
  public static final class SharedMdc {
    static final Map<String, String> MAP = new HashMap<>();

    public static String get(String key) {
      return MAP.get(key);
    }

    public static void put(String key, String value) {
      MAP.put(key, value);
    }

    public static void remove(String key) {
      MAP.remove(key);
    }
  }

  @Test
  void twoFacadesOverOneMdc_leaveNothingBehind() {
    LogContext.Mdc facade = LogContext.mdc(SharedMdc.class.getName(), getClass().getClassLoader());
    LogContext log = new LogContext("tenant", List.of(facade, facade));
    Object[] previous = log.enter("acme");
    assertThat(SharedMdc.MAP).containsEntry("tenant", "acme");
    log.restore(previous);
    assertThat(SharedMdc.MAP).doesNotContainKey("tenant");

    SharedMdc.put("tenant", "outer");
    previous = log.enter("globex");
    assertThat(SharedMdc.MAP).containsEntry("tenant", "globex");
    log.restore(previous);
    assertThat(SharedMdc.MAP).containsEntry("tenant", "outer");
    SharedMdc.remove("tenant");
  }

  @Test
  void find_seesSlf4jHere_andSkipsWhatIsAbsent() {
    LogContext log = LogContext.find("tenant", getClass().getClassLoader());
    assertThat(log.isEmpty()).isFalse(); // slf4j-api is on the test class path
    assertThat(LogContext.mdc("no.such.Mdc", getClass().getClassLoader())).isNull();
  }
}
