/**
 * Second factors of sign-in (ACC-3): TOTP apps, backup codes, SMS and e-mail codes, and the
 * signed cookie that remembers a device so the second factor is asked only on new devices.
 */
@NullMarked
package ru.gospochta.identity.internal.factors;

import org.jspecify.annotations.NullMarked;
