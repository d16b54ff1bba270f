// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.jwt;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;

/**
 * {@link JwtProbeServlet} behind a constraint (the group {@code user}): the server authenticates
 * every request to it. Payara refuses {@code web.xml} constraints beside {@code @LoginConfig};
 * this annotation is the portable form.
 */
@WebServlet("/secure/whoami")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class SecureProbeServlet extends JwtProbeServlet {
  private static final long serialVersionUID = 1L;
}
