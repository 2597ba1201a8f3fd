/** The gateway's registry of agencies, systems and credentials, and the issuing and revoking of credentials. */
@NullMarked
package ru.gospochta.gateway.internal;

import org.jspecify.annotations.NullMarked;
