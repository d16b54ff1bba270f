// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.web;

import io.github.tenantfilter.internal.config.InvalidSettingException;
import io.github.tenantfilter.internal.config.Settings;
import io.github.tenantfilter.internal.resolve.TenantIds;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant a request's verified token names ({@code tenant-filter.jwt.claim}). Only a {@link
 * JsonWebToken} that the server's MicroProfile JWT authentication made the request's principal
 * counts: the server verified its signature, issuer and expiry; a token the client merely sent
 * is never read here. Loaded only when the setting is on, so servers without MicroProfile JWT
 * never need its classes.
 */
final class JwtClaims {

  /** What {@link #tenantOf} returns for a token that names no well-formed tenant id. */
  static final String NONE = "";

  private JwtClaims() {}

  /**
   * The tenant id the request's verified token names in {@code claim}: {@code null} when the
   * request has no such token (anonymous, or authenticated otherwise), {@link #NONE} when the
   * token has no such claim or it is not a well-formed tenant id.
   */
  static String tenantOf(HttpServletRequest request, String claim) {
    Principal principal = request.getUserPrincipal();
    if (!(principal instanceof JsonWebToken token)) {
      return null;
    }
    Object value = token.getClaim(claim);
    String id = value instanceof String s ? s
        : value instanceof JsonString json ? json.getString() : null;
    return id != null && TenantIds.isValid(id) ? id : NONE;
  }

  /** Fails the deployment, naming the setting, where the server has no MicroProfile JWT. */
  static void requireApi(ClassLoader loader, String claim) {
    try {
      Class.forName("org.eclipse.microprofile.jwt.JsonWebToken", false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new InvalidSettingException(Settings.JWT_CLAIM.name(), Settings.JWT_CLAIM.name()
          + " is \"" + claim + "\", but this server has no MicroProfile JWT"
          + " (org.eclipse.microprofile.jwt.JsonWebToken): enable it, or leave the setting empty");
    }
  }
}
