// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.payara;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.portunif.PUContext;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * A protocol finder that takes every connection, so that a port-unification protocol with this
 * one finder behaves like the protocol it points to: a connection whose first bytes are not
 * HTTP reaches the HTTP codec and gets its 400, as without port unification (Grizzly's {@code
 * HttpProtocolFinder} would close it instead).
 */
public final class PassThroughFinder implements ProtocolFinder {

  /** Made by Payara from the class name in the configuration. */
  public PassThroughFinder() {
    // nothing to configure
  }

  @Override
  public Result find(PUContext puContext, FilterChainContext ctx) {
    return Result.FOUND;
  }
}
