-- SPDX-License-Identifier: Apache-2.0
-- Copyright 2026 the tenant-filter authors
-- tenant-filter: the default schema. The default queries (tenant-filter.store.query.*) read it.
-- Idempotent: safe to run again. Your own tables work too: point the queries at them.

CREATE TABLE IF NOT EXISTS tenants (
    id          text        PRIMARY KEY
                            CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    name        text        NOT NULL,
    -- the label under the base domain: acme for acme.app.example
    subdomain   text        UNIQUE
                            CHECK (subdomain ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    plan        text        NOT NULL DEFAULT 'free',
    status      text        NOT NULL DEFAULT 'active',
    settings    jsonb       NOT NULL DEFAULT '{}'::jsonb
                            CHECK (jsonb_typeof(settings) = 'object'),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- custom domains: one row each, so that a domain belongs to one tenant at most
CREATE TABLE IF NOT EXISTS tenant_domains (
    domain      text        PRIMARY KEY
                            CHECK (domain = lower(domain) AND length(domain) <= 253),
    tenant_id   text        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS tenant_domains_tenant_id ON tenant_domains (tenant_id);
