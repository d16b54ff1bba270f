// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.it.app;

import jakarta.enterprise.context.RequestScoped;

/**
 * A request-scoped bean that remembers whether a request already used it: a fresh instance per
 * request says {@code fresh} the first time; an instance that outlived its request (a CDI request
 * context left active on a pooled thread) says {@code reused}.
 */
@RequestScoped
public class RequestMarker {

  private boolean used;

  /** "fresh" the first time in a request, "reused" after. */
  public String claim() {
    String state = used ? "reused" : "fresh";
    used = true;
    return state;
  }
}
