// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tenant-filter.redis.mode, .sentinel.master and multi-host URLs: parsed, checked, masked. */
class RedisTopologySettingsTest {

  @Test
  void defaults_standaloneWithoutMaster() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of("tenant-filter.redis.url",
        "redis://cache:6380"));
    assertThat(config.redisMode()).isEqualTo(RedisMode.STANDALONE);
    assertThat(config.redisSentinelMaster()).isNull();
    assertThat(config.redisEndpoint().nodes())
        .containsExactly(new RedisEndpoint.Node("cache", 6380));
  }

  @Test
  void cluster_severalHostsWithCredentials_areReadAndDecoded() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of(
        "tenant-filter.redis.url", "rediss://app:p%40ss%3Aw+rd@10.0.0.1:7000,node-b,node-c:7002",
        "tenant-filter.redis.mode", "CLUSTER"));
    RedisEndpoint endpoint = config.redisEndpoint();
    assertThat(config.redisMode()).isEqualTo(RedisMode.CLUSTER);
    assertThat(endpoint.tls()).isTrue();
    assertThat(endpoint.user()).isEqualTo("app");
    assertThat(endpoint.password()).isEqualTo("p@ss:w+rd");
    assertThat(endpoint.nodes()).containsExactly(new RedisEndpoint.Node("10.0.0.1", 7000),
        new RedisEndpoint.Node("node-b", -1), new RedisEndpoint.Node("node-c", 7002));
    assertThat(endpoint.nodes().get(1).port(6379)).isEqualTo(6379);
    assertThat(endpoint.database()).isEqualTo(-1);
    assertThat(endpoint.toString()).doesNotContain("p@ss").contains("****");
    assertThat(config.toString()).doesNotContain("p%40ss").contains("app:****@10.0.0.1:7000")
        .contains("(cluster)");
  }

  @Test
  void sentinel_sentinelsAndMaster() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of(
        "tenant-filter.redis.url", "redis://:secret@s1:26379,s2:26379,s3:26379/2",
        "tenant-filter.redis.mode", "sentinel",
        "tenant-filter.redis.sentinel.master", "mymaster"));
    assertThat(config.redisSentinelMaster()).isEqualTo("mymaster");
    assertThat(config.redisEndpoint().user()).isNull();
    assertThat(config.redisEndpoint().password()).isEqualTo("secret");
    assertThat(config.redisEndpoint().database()).isEqualTo(2);
    assertThat(config.redisEndpoint().nodes()).hasSize(3);
    assertThat(config.toString()).doesNotContain("secret").contains("(sentinel mymaster)");
  }

  @Test
  void userInfoWithoutColon_failsAtDeploymentNotAtFirstUse_masked() {
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(
            "tenant-filter.redis.url", "redis://hunter2@cache")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.redis.url")
        .hasMessageContaining("redis://****@cache")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void standaloneWithSeveralHosts_failsNamingUrlAndMode() {
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(
            "tenant-filter.redis.url", "redis://:hunter2@a:1,b:2")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.redis.url")
        .hasMessageContaining("redis://:****@a:1,b:2")
        .hasMessageContaining("names 2 hosts")
        .hasMessageContaining("tenant-filter.redis.mode")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void sentinelWithoutMaster_failsNamingTheMasterSetting() {
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(
            "tenant-filter.redis.url", "redis://s1,s2",
            "tenant-filter.redis.mode", "sentinel")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.redis.sentinel.master is empty");
  }

  @Test
  void masterOutsideSentinelMode_fails() {
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(
            "tenant-filter.redis.url", "redis://a:1,b:2",
            "tenant-filter.redis.mode", "cluster",
            "tenant-filter.redis.sentinel.master", "mymaster")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("invalid value \"mymaster\" for tenant-filter.redis.sentinel.master")
        .hasMessageContaining("only used when tenant-filter.redis.mode is sentinel");
  }

  @Test
  void clusterWithDatabase_fails() {
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(
            "tenant-filter.redis.url", "redis://a:1,b:2/3",
            "tenant-filter.redis.mode", "cluster")))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("tenant-filter.redis.url")
        .hasMessageContaining("only database 0");
  }

  @Test
  void modeWithoutUrl_failsNamingTheMode() {
    for (String mode : List.of("sentinel", "cluster")) {
      assertThatThrownBy(() -> TenantFilterConfig.of(Map.of("tenant-filter.redis.mode", mode)))
          .isInstanceOf(InvalidSettingException.class)
          .hasMessageContaining("invalid value \"" + mode + "\" for tenant-filter.redis.mode")
          .hasMessageContaining("tenant-filter.redis.url is empty");
    }
  }
}
