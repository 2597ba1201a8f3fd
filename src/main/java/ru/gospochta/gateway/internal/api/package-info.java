/** The API agency systems call with their access tokens, under {@code /api/v1}. */
@NullMarked
package ru.gospochta.gateway.internal.api;

import org.jspecify.annotations.NullMarked;
