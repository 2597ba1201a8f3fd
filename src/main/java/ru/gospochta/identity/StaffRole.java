package ru.gospochta.identity;

/** What a member of staff may do; granted to Spring Security as {@code ROLE_<name>}. */
public enum StaffRole {
    ADMIN, SECURITY_OFFICER, SUPPORT_OPERATOR
}
