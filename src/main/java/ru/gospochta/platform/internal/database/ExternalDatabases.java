package ru.gospochta.platform.internal.database;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import ru.gospochta.platform.StartupProblem;

/** Turns a failed connection to an external PostgreSQL into a sentence an operator can act on. */
final class ExternalDatabases {

    private ExternalDatabases() {
    }

    static StartupProblem unreachable(String url, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = redact(url);
        if (state.startsWith("28")) {
            return new StartupProblem("The database at " + where + " refused the user name or password.",
                    "Check GOSPOCHTA_DB_USER and GOSPOCHTA_DB_PASSWORD.", e);
        }
        if (state.equals("3D000")) {
            return new StartupProblem("The database named in " + where + " does not exist.",
                    "Create it (CREATE DATABASE …) or correct the name in GOSPOCHTA_DB_URL.", e);
        }
        return new StartupProblem("Cannot connect to the database at " + where + " (" + firstLine(e.getMessage()) + ").",
                "Check that PostgreSQL is running there and that GOSPOCHTA_DB_URL is right, "
                        + "or unset GOSPOCHTA_DB_URL to use the embedded database.",
                e);
    }

    /** The URL without its query, where a password may have been put. */
    static String redact(@Nullable String url) {
        if (url == null) {
            return "";
        }
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "no answer";
        }
        int end = message.indexOf('\n');
        String line = (end < 0 ? message : message.substring(0, end)).strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
