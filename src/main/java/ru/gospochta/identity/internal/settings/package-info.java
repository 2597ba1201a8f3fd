/**
 * «Настройки безопасности» (ACC-6 with parts of ACC-3, ACC-4, ACC-5, ACC-7): two-step verification
 * on and off, its method, backup codes, sign-in alerts, the sign-in journal, active sessions and
 * the password change. Controllers only translate HTTP; the services hold the rules.
 */
@NullMarked
package ru.gospochta.identity.internal.settings;

import org.jspecify.annotations.NullMarked;
