package ru.gospochta.notify;

/** Where a notification reaches the citizen (NTF-3). Every event reaches the cabinet; the rest by choice. */
public enum Channel {
    CABINET, EMAIL, SMS, PUSH
}
