// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link HotPathBench} on one thread. */
@Threads(1)
public class HotPath extends HotPathBench {}
