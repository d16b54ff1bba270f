// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.sample;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Who may use {@code /api/admin} (the cache statistics and invalidation): the user {@code admin}
 * with the password in the system property {@code sample.admin.password} or the environment
 * variable {@code SAMPLE_ADMIN_PASSWORD}, in the role {@value #ROLE}, by HTTP Basic (use TLS
 * outside a laptop). Without a password nobody is: the operations are off by default. web.xml
 * protects the path.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "tenant-filter sample admin")
@DeclareRoles(AdminIdentityStore.ROLE)
public class AdminIdentityStore implements IdentityStore {

  /** The role of the admin operations. */
  public static final String ROLE = "tenant-admin";

  private static final String USER = "admin";

  /** Checks {@code credential}; any other user, or any user while no password is set: invalid. */
  public CredentialValidationResult validate(UsernamePasswordCredential credential) {
    String expected = System.getProperty("sample.admin.password", System.getenv("SAMPLE_ADMIN_PASSWORD"));
    if (expected == null || expected.isEmpty() || !USER.equals(credential.getCaller())) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    boolean same = MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8),
        credential.getPasswordAsString().getBytes(StandardCharsets.UTF_8));
    return same
        ? new CredentialValidationResult(USER, Set.of(ROLE))
        : CredentialValidationResult.INVALID_RESULT;
  }
}
