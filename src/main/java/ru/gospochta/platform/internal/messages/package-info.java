/**
 * The application's message source (UI-1): every module's bundle, Russian by default and English
 * from the {@code _en} files, configured by Spring Boot's {@code spring.messages.*} properties.
 */
@NullMarked
package ru.gospochta.platform.internal.messages;

import org.jspecify.annotations.NullMarked;
