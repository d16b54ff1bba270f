// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.jwt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Turns on the server's MicroProfile JWT authentication for this web module. A CDI bean
 * ({@code @ApplicationScoped}): Payara finds {@code @LoginConfig} through CDI, which in a WAR
 * without {@code beans.xml} sees bean classes only; unannotated, Payara never authenticated.
 */
@ApplicationScoped
@ApplicationPath("/jwtapi")
@LoginConfig(authMethod = "MP-JWT")
public class JwtApplication extends Application {}
