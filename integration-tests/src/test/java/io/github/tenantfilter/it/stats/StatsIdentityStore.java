// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;

/**
 * The StatsIT application's own authentication, as an application would bring it (Jakarta
 * Security, HTTP Basic): {@code ops} in the stats page's default role {@code
 * tenant-filter-admin}, {@code viewer} in another role; the password of both is this run's own,
 * in {@code stats-it.properties} inside the WAR.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "tenant-filter stats IT")
public class StatsIdentityStore implements IdentityStore {

  /** Validates {@code credential}. */
  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    Properties users = new Properties();
    try (InputStream in = StatsIdentityStore.class.getResourceAsStream("/stats-it.properties")) {
      users.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!users.getProperty("password").equals(credential.getPasswordAsString())) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    return switch (credential.getCaller()) {
      case "ops" -> new CredentialValidationResult("ops", Set.of("tenant-filter-admin"));
      case "viewer" -> new CredentialValidationResult("viewer", Set.of("viewer"));
      default -> CredentialValidationResult.INVALID_RESULT;
    };
  }
}
