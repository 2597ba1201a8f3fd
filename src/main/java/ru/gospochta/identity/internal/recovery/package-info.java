/**
 * «Забыли пароль?» (ACC-5): a new password after an SMS code to the account's phone, told alike for
 * accounts that exist and that do not; and the reminder to change a password older than 90 days (ACC-4).
 */
@NullMarked
package ru.gospochta.identity.internal.recovery;

import org.jspecify.annotations.NullMarked;
