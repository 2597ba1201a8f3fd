/** The token issuer at {@code /oauth2/token} and the resource-server policy of {@code /api/**}. */
@NullMarked
package ru.gospochta.gateway.internal.security;

import org.jspecify.annotations.NullMarked;
