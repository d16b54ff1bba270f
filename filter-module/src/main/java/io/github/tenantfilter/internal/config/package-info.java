// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 the tenant-filter authors
/**
 * Settings: one dotted name per setting, read in order from the filter's init-params, the
 * context-params of {@code web.xml}, MicroProfile Config (where the server has it), system
 * properties and environment variables, then a default. A value that does not parse fails the
 * deployment with an {@link io.github.tenantfilter.internal.config.InvalidSettingException} that names the
 * setting, the value and where it came from.
 */
package io.github.tenantfilter.internal.config;
