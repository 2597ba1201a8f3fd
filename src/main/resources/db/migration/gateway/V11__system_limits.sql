-- A system's own limits (GW-1, GW-5), set by an administrator in the registry. NULL means the
-- default of the configuration (gospochta.gateway.limits.*), so changing the default still
-- reaches every system that has no limit of its own. The upper bounds catch a slip of the
-- keyboard (an extra zero or three), not a policy: raise them here if a system ever needs more.
ALTER TABLE systems
    ADD COLUMN requests_per_second INT
        CONSTRAINT systems_requests_per_second_range CHECK (requests_per_second BETWEEN 1 AND 10000),
    ADD COLUMN messages_per_day    BIGINT
        CONSTRAINT systems_messages_per_day_range CHECK (messages_per_day BETWEEN 1 AND 100000000);
