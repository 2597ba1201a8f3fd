package ru.gospochta.notify;

import java.util.Arrays;
import java.util.Optional;

/**
 * The categories of NTF-1, as the API names them and «Настройки уведомлений» lists them.
 * Security notices cannot be switched off (NTF-3); news of services is promotional and goes by
 * e-mail, SMS or push only with the citizen's explicit consent.
 */
public enum Category {

    APPLICATION_STATUS("application-status"),
    DEADLINES("deadlines"),
    PERSONAL_DATA("personal-data"),
    DOCUMENTS_READY("documents-ready"),
    PAYMENTS("payments"),
    NEW_SERVICES("new-services"),
    SECURITY("security"),
    SUPPORT("support");

    private final String code;

    Category(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean mandatory() {
        return this == SECURITY;
    }

    public boolean promotional() {
        return this == NEW_SERVICES;
    }

    public static Optional<Category> byCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
