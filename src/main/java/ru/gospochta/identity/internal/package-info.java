/** The identity module's implementation: accounts storage, password hashing and the rules behind the password policy. */
@NullMarked
package ru.gospochta.identity.internal;

import org.jspecify.annotations.NullMarked;
