package ru.gospochta.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

import ru.gospochta.IntegrationTest;

/**
 * The whole server plus the test-only failing endpoints. Every shell test uses this one
 * annotation, so they all share a single Spring context and server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@Import(FailingPages.class)
@interface ShellTest {
}
