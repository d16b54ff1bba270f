// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tenantfilter.testing.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Redis TLS settings (CA file, client certificate and key) and the masking of URLs. */
class RedisTlsSettingsTest {

  private static final String CA = "tenant-filter.redis.tls.ca-file";
  private static final String CERT = "tenant-filter.redis.tls.cert-file";
  private static final String KEY = "tenant-filter.redis.tls.key-file";
  private static final String URL = "tenant-filter.redis.url";

  @TempDir static Path dir;
  private static TestCertificates ca;
  private static TestCertificates.Issued client;
  private static TestCertificates.Issued other;

  @BeforeAll
  static void certificates() {
    ca = TestCertificates.authority(dir, "settings CA");
    client = ca.issue("client");
    other = ca.issue("other");
  }

  private static Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void read_caFile_isKeptAndBuildsASocketFactory() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of(
        URL, "rediss://cache:6380", CA, ca.caFile().toString()));
    assertThat(config.redisTlsCaFile()).isEqualTo(ca.caFile());
    assertThat(config.redisTlsCertFile()).isNull();
    assertThat(RedisTls.socketFactory(config)).isNotNull();
    assertThat(config.toString()).contains("redisTlsCaFile=" + ca.caFile());
  }

  @Test
  void read_noTlsFiles_noSocketFactory_theJvmDefaultsApply() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of(URL, "rediss://cache:6380"));
    assertThat(config.redisTlsCaFile()).isNull();
    assertThat(RedisTls.socketFactory(config)).isNull();
  }

  @Test
  void read_clientCertificateAndKey_areKept() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of(URL, "rediss://cache:6380",
        CERT, client.certFile().toString(), KEY, client.keyFile().toString()));
    assertThat(config.redisTlsCertFile()).isEqualTo(client.certFile());
    assertThat(config.redisTlsKeyFile()).isEqualTo(client.keyFile());
    assertThat(RedisTls.socketFactory(config)).isNotNull();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        CA + " | missing.pem | no such file",
        CA + " | . | not a file",
        CA + " | text.pem | must be a file of PEM certificates",
        CA + " | garbled.pem | a certificate in it does not parse",
        CA + " | key.pem | must be a file of PEM certificates",
        CERT + " | text.pem | must be a file of PEM certificates",
        KEY + " | missing.pem | no such file",
        KEY + " | text.pem | unencrypted PKCS#8",
        KEY + " | cert.pem | unencrypted PKCS#8",
        KEY + " | traditional.pem | unencrypted PKCS#8",
        KEY + " | garbled-key.pem | not RSA, EC or EdDSA",
      })
  void read_badFile_failsNamingSettingValueAndOrigin(String setting, String file, String reason)
      throws IOException {
    write("text.pem", "hello, not PEM\n");
    write("garbled.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    Files.copy(client.keyFile(), dir.resolve("key.pem"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(client.certFile(), dir.resolve("cert.pem"),
        StandardCopyOption.REPLACE_EXISTING);
    write("traditional.pem", "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    write("garbled-key.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    String value = dir.resolve(file).toString();
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(URL, "rediss://cache", setting, value)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(setting)
        .hasMessageContaining("\"" + value + "\"")
        .hasMessageContaining("(from test)")
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((InvalidSettingException) e).setting()).isEqualTo(setting));
  }

  @Test
  void read_badKeyFile_neverShowsTheKey() throws IOException {
    String key = Files.readString(client.keyFile());
    String body = key.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
    // a key file whose key does not parse, and a key that is not the certificate's
    Path broken = write("broken-key.pem", key.replace(body, body.substring(0, 20)));
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(URL, "rediss://cache",
            KEY, broken.toString())))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageNotContaining(body.substring(0, 20));
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(URL, "rediss://cache",
            CERT, other.certFile().toString(), KEY, client.keyFile().toString())))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(KEY)
        .hasMessageContaining("is not the key of the first certificate in " + CERT)
        .hasMessageNotContaining(body);
  }

  @Test
  void read_certWithoutKey_orKeyWithoutCert_fails() {
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(URL, "rediss://cache",
            CERT, client.certFile().toString())))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(CERT + " is set (from test) without the other")
        .hasMessageContaining("needs both");
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(URL, "rediss://cache",
            KEY, client.keyFile().toString())))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(KEY + " is set (from test) without the other");
  }

  @Test
  void read_tlsFilesWithPlainRedisUrl_failsAskingForRediss() {
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(URL, "redis://:hunter2@cache",
            CA, ca.caFile().toString())))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(CA + " is set (from test)")
        .hasMessageContaining("write rediss://")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void read_tlsFilesWithoutRedis_areAccepted() {
    TenantFilterConfig config = TenantFilterConfig.of(Map.of(CA, ca.caFile().toString()));
    assertThat(config.redisUrl()).isNull();
    assertThat(config.redisTlsCaFile()).isEqualTo(ca.caFile());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "redis://user:hunter2@cache:6379 | redis://user:****@cache:6379",
        "rediss://:hunter2@cache | rediss://:****@cache",
        "redis://hunter2@cache | redis://****@cache",
        "redis://user:hunter2/x@cache | redis://user:****@cache",
        "redis://user:hun@ter2@cache/1 | redis://user:****@cache/1",
        "redis://user:hunter2?#@cache | redis://user:****@cache",
        "redis://cache:6379 | redis://cache:6379",
        // regression (issue 14, defect 8): passwords in the query were shown
        "jdbc:postgresql://db/app?user=app&password=S3cret | jdbc:postgresql://db/app?user=app&password=****",
        "jdbc:postgresql://db/app?PASSWORD=S3cret&ssl=true | jdbc:postgresql://db/app?PASSWORD=****&ssl=true",
        "jdbc:postgresql://db/app?sslpassword=S3cret&sslkey=/k | jdbc:postgresql://db/app?sslpassword=****&sslkey=/k",
        "jdbc:mariadb://db/app?user=a&pwd=S3cret#frag | jdbc:mariadb://db/app?user=a&pwd=****#frag",
        "jdbc:sqlserver://db;user=a;password=S3cret;encrypt=true | jdbc:sqlserver://db;user=a;password=****;encrypt=true",
        "jdbc:x://db/app?api_key=S3cret&accessToken=S3cret&client-secret=S3cret | jdbc:x://db/app?api_key=****&accessToken=****&client-secret=****",
        "jdbc:x://u:S3cret@db/app?authToken=S3cret | jdbc:x://u:****@db/app?authToken=****",
        "rediss://cache:6380/0?password=S3cret | rediss://cache:6380/0?password=****",
        "jdbc:postgresql://db/app?user=passwordless | jdbc:postgresql://db/app?user=passwordless",
      })
  void maskUrl_hidesEveryPassword(String url, String shown) {
    assertThat(UrlMasking.maskUrl(url)).isEqualTo(shown);
  }

  /** Regression (issue 14, defect 8): the JMX Settings attribute and the stats page. */
  @Test
  void shown_jdbcUrlWithPasswordInItsQuery_isMasked() {
    SettingsReader reader = new SettingsReader(List.of(SettingSource.ofMap("test", Map.of(
        "tenant-filter.jdbc.url", "jdbc:postgresql://db/app?user=app&password=S3cret"))));
    assertThat(reader.shown().get("tenant-filter.jdbc.url"))
        .isEqualTo("jdbc:postgresql://db/app?user=app&password=****");
    assertThat(reader.shown().values()).noneMatch(value -> value != null && value.contains("S3cret"));
    assertThat(TenantFilterConfig.read(reader).toString()).doesNotContain("S3cret");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "redis://user:hunter2/x@cache",
    "redis://user:hunter2?x@cache",
    "redis://user:hunter2#x@cache",
    "http://:hunter2@cache",
  })
  void read_unparsableRedisUrlWithPassword_neverShowsIt(String url) {
    assertThatThrownBy(() -> TenantFilterConfig.of(Map.of(URL, url)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining(URL)
        .hasMessageNotContaining("hunter2");
  }
}
