// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void all_isEverySettingDeclared_once() throws IllegalAccessException {
    List<Setting<?>> fields = new ArrayList<>();
    for (Field field : Settings.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
        fields.add((Setting<?>) field.get(null));
      }
    }
    assertThat(Settings.ALL).containsExactlyInAnyOrderElementsOf(fields);
    Set<String> names = Settings.ALL.stream().map(Setting::name).collect(Collectors.toSet());
    assertThat(names).hasSameSizeAs(Settings.ALL);
  }

  @Test
  void all_isInDeclarationOrder() {
    assertThat(Settings.ALL.get(0)).isSameAs(Settings.ENABLED);
    assertThat(Settings.ALL.get(Settings.ALL.size() - 1)).isSameAs(Settings.TTL_CLASS_LONG);
  }

  @Test
  void secrets_areTheUrlsAndThePassword() {
    assertThat(Settings.ALL.stream().filter(Setting::secret).map(Setting::name))
        .containsExactly("tenant-filter.redis.url", "tenant-filter.jdbc.url",
            "tenant-filter.jdbc.password");
  }
}
