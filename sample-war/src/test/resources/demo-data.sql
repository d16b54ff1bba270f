-- SPDX-License-Identifier: Apache-2.0
-- Copyright 2026 the tenant-filter authors
-- Demo tenants for the sample application (base domain app.localhost). Idempotent.
INSERT INTO tenants (id, name, subdomain, plan, status, settings) VALUES
    ('acme',    'Acme Corporation', 'acme',    'enterprise', 'active', '{"theme": "dark", "seats": 250}'),
    ('globex',  'Globex',           'globex',  'pro',        'active', '{"theme": "light"}'),
    ('initech', 'Initech',          'initech', 'free',       'active', '{}')
ON CONFLICT (id) DO NOTHING;

-- a custom domain: any *.localhost name reaches 127.0.0.1
INSERT INTO tenant_domains (domain, tenant_id) VALUES
    ('globex-corp.localhost', 'globex')
ON CONFLICT (domain) DO NOTHING;

-- The sample's own data, cached through a named cache region (PlanLimits, /api/plan): what each
-- plan allows. Not needed by the filter.
CREATE TABLE IF NOT EXISTS plans (
    name            text    PRIMARY KEY,
    seats           integer NOT NULL,
    api_per_minute  integer NOT NULL
);
INSERT INTO plans (name, seats, api_per_minute) VALUES
    ('free',        3,     60),
    ('pro',         25,    600),
    ('enterprise',  1000,  6000)
ON CONFLICT (name) DO NOTHING;
