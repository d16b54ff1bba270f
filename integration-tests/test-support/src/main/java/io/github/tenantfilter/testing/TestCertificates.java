// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at run time for TLS tests, never checked in: a self-signed CA
 * (EC P-256) that issues server and client certificates, all written as PEM files (keys
 * unencrypted PKCS#8, {@code BEGIN PRIVATE KEY}), the form both redis-server and the filter read.
 *
 * <pre>{@code
 * TestCertificates ca = TestCertificates.authority(dir, "test CA");
 * TestCertificates.Issued server = ca.issue("server", "localhost", "127.0.0.1");
 * ca.caFile();               // the CA certificate, PEM
 * ca.socketFactory(null);    // trusts this CA only
 * }</pre>
 */
public final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A certificate and its private key, as PEM files. */
  public record Issued(Path certFile, Path keyFile, X509Certificate certificate, PrivateKey key) {}

  private final Path dir;
  private final String fileStem;
  private final X500Name name;
  private final KeyPair keys;
  private final X509Certificate certificate;
  private final Path caFile;

  private TestCertificates(Path dir, String commonName) throws GeneralSecurityException,
      IOException, OperatorCreationException {
    this.dir = dir;
    this.fileStem = commonName.replaceAll("[^A-Za-z0-9]+", "-");
    this.name = new X500Name("CN=" + commonName);
    this.keys = newKeyPair();
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder = builder(name, keys, name)
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
        .addExtension(Extension.subjectKeyIdentifier, false,
            utils.createSubjectKeyIdentifier(keys.getPublic()));
    this.certificate = sign(builder, keys.getPrivate());
    this.caFile = dir.resolve(fileStem + ".pem");
    Files.writeString(caFile, pem("CERTIFICATE", certificate.getEncoded()));
  }

  /** A new CA named {@code commonName}, its certificate written to {@code dir}. */
  public static TestCertificates authority(Path dir, String commonName) {
    try {
      Files.createDirectories(dir);
      return new TestCertificates(dir, commonName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("could not make a test CA", e);
    }
  }

  /** The CA certificate, PEM. */
  public Path caFile() {
    return caFile;
  }

  /** The CA certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Issues a certificate for {@code commonName}, good for TLS servers and clients, whose subject
   * alternative names are {@code names} (IP literals become IP entries, the rest DNS entries).
   * Both files are written to the CA's directory.
   */
  public Issued issue(String commonName, String... names) {
    try {
      KeyPair pair = newKeyPair();
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      GeneralName[] alternatives = new GeneralName[names.length];
      for (int i = 0; i < names.length; i++) {
        alternatives[i] = names[i].matches("[0-9.]+|.*:.*")
            ? new GeneralName(GeneralName.iPAddress, names[i])
            : new GeneralName(GeneralName.dNSName, names[i]);
      }
      X509v3CertificateBuilder builder = builder(name, pair, new X500Name("CN=" + commonName))
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          .addExtension(Extension.subjectKeyIdentifier, false,
              utils.createSubjectKeyIdentifier(pair.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false,
              utils.createAuthorityKeyIdentifier(certificate));
      if (names.length > 0) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(alternatives));
      }
      X509Certificate issued = sign(builder, keys.getPrivate());
      String stem = fileStem + "-" + commonName.replaceAll("[^A-Za-z0-9]+", "-");
      Path certFile = dir.resolve(stem + ".crt");
      Path keyFile = dir.resolve(stem + ".key");
      Files.writeString(certFile, pem("CERTIFICATE", issued.getEncoded()));
      Files.writeString(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      return new Issued(certFile, keyFile, issued, pair.getPrivate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("could not issue a test certificate", e);
    }
  }

  /**
   * A socket factory that trusts this CA only and, when {@code client} is not null, presents it
   * (mutual TLS).
   */
  public SSLSocketFactory socketFactory(Issued client) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", certificate);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (client != null) {
        char[] password = "test".toCharArray();
        KeyStore own = KeyStore.getInstance("PKCS12");
        own.load(null, null);
        own.setKeyEntry("client", client.key(), password,
            new X509Certificate[] {client.certificate(), certificate});
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(own, password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not build a test SSL context", e);
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, KeyPair subjectKeys,
      X500Name subject) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
        subject, subjectKeys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
