package ru.gospochta.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

import ru.gospochta.IntegrationTest;
import ru.gospochta.MutableClock;

/** The whole server with a clock the test moves (codes expire, waits end). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@Import(MutableClock.Config.class)
public @interface IdentityTest {
}
