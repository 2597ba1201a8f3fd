package ru.gospochta.notify;

/** How often a category's notices are sent (NTF-3): one by one, or gathered into a digest letter. */
public enum Frequency {
    EACH_EVENT, DAILY, WEEKLY, MONTHLY;

    public boolean digest() {
        return this != EACH_EVENT;
    }
}
