// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.internal.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS material of a {@code rediss://} connection, from PEM files: the CA certificates to
 * trust instead of the JVM's trust store ({@code tenant-filter.redis.tls.ca-file}) and a client
 * certificate with its key for servers that require one ({@code tenant-filter.redis.tls.cert-file}
 * and {@code key-file}). Hostname verification is not here: the Redis tier turns it on for every
 * {@code rediss://} connection. Messages never contain a key's content. Internal.
 */
public final class RedisTls {

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private RedisTls() {}

  /**
   * The socket factory for {@code config}'s TLS files, or {@code null} when none is set (the
   * JVM's default trust store, no client certificate).
   *
   * @throws InvalidSettingException if a file cannot be read now
   */
  public static SSLSocketFactory socketFactory(TenantFilterConfig config) {
    if (config.redisTlsCaFile() == null && config.redisTlsCertFile() == null) {
      return null;
    }
    try {
      TrustManagerFactory trust = null;
      if (config.redisTlsCaFile() != null) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate ca : read(Settings.REDIS_TLS_CA_FILE, config.redisTlsCaFile(),
            RedisTls::certificates)) {
          store.setCertificateEntry("ca-" + i++, ca);
        }
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
      }
      KeyManagerFactory keys = null;
      if (config.redisTlsCertFile() != null) {
        List<X509Certificate> chain =
            read(Settings.REDIS_TLS_CERT_FILE, config.redisTlsCertFile(), RedisTls::certificates);
        PrivateKey key =
            read(Settings.REDIS_TLS_KEY_FILE, config.redisTlsKeyFile(), RedisTls::privateKey);
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(),
          trust == null ? null : trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidSettingException(Settings.REDIS_TLS_CA_FILE.name(),
          "the Redis TLS files cannot be used: " + e.getMessage());
    }
  }

  private interface Reader<T> {
    T read(Path file);
  }

  private static <T> T read(Setting<?> setting, Path file, Reader<T> reader) {
    try {
      return reader.read(file);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(setting.name(), file.toString(), "the file, at start",
          e.getMessage());
    }
  }

  /** A readable file of PEM certificates, or {@code null} for empty text. */
  static Path certificateFile(String text) {
    Path file = file(text);
    if (file != null) {
      certificates(file);
    }
    return file;
  }

  /** A readable PEM file of an unencrypted PKCS#8 key, or {@code null} for empty text. */
  static Path keyFile(String text) {
    Path file = file(text);
    if (file != null) {
      privateKey(file);
    }
    return file;
  }

  private static Path file(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    try {
      return Path.of(trimmed);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("must be the path of a file");
    }
  }

  private static byte[] content(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("not a file");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("the file cannot be read (" + e.getClass().getSimpleName()
          + ")");
    }
  }

  /** The certificates in a PEM file, in order. */
  static List<X509Certificate> certificates(Path file) {
    byte[] content = content(file);
    String message = "must be a file of PEM certificates (-----BEGIN CERTIFICATE-----)";
    if (!new String(content, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException(message + "; there is none in it");
    }
    try {
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(content))) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(message + "; there is none in it");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new IllegalArgumentException(message + "; a certificate in it does not parse");
    }
  }

  /** The private key in a PEM file: unencrypted PKCS#8 (RSA, EC or EdDSA). */
  static PrivateKey privateKey(Path file) {
    String text = new String(content(file), StandardCharsets.US_ASCII);
    String message = "must be a PEM file of an unencrypted PKCS#8 private key"
        + " (-----BEGIN PRIVATE KEY-----; openssl pkcs8 -topk8 -nocrypt converts others)";
    Matcher matcher = PRIVATE_KEY.matcher(text);
    if (!matcher.find()) {
      throw new IllegalArgumentException(message);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(matcher.group(1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(message);
    }
    for (String algorithm : List.of("RSA", "EC", "EdDSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IllegalArgumentException(message + "; the key in it is not RSA, EC or EdDSA");
  }

  /** Whether {@code key} is the private key of {@code certificate}'s public key. */
  static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm();
    };
    try {
      byte[] data = "tenant-filter".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(data);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
