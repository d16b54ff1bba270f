// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
package io.github.tenantfilter.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link HotPathBench} on two threads sharing the filter and its tiers. */
@Threads(2)
public class HotPath2T extends HotPathBench {}
