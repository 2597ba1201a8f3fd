package ru.gospochta.audit;

/** How an audited action ended: done, attempted and failed, or refused for lack of rights. */
public enum AuditOutcome {
    SUCCESS, FAILURE, DENIED
}
