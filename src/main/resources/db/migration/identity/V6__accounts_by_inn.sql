-- Agencies address messages by INN as well as by SNILS (GW-2); INN is optional and not unique, so
-- a plain index serves the batch lookup.
CREATE INDEX accounts_by_inn ON accounts (inn) WHERE inn IS NOT NULL;
