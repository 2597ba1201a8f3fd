/** The audit log's storage, hash chain, verification, actuator endpoint and sign-in listeners. */
@NullMarked
package ru.gospochta.audit.internal;

import org.jspecify.annotations.NullMarked;
