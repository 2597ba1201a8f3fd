package ru.gospochta.platform;

/**
 * One demo sign-in printed at start-up and written to {@code <data dir>/demo-credentials.json}.
 *
 * @param role who this is, e.g. "administrator"
 * @param where the page or endpoint to use it on
 * @param login the user name, phone or client id
 * @param secret the password or client secret
 */
public record DemoCredential(String role, String where, String login, String secret) {
}
