package ru.gospochta.notify;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import ru.gospochta.IntegrationTest;
import ru.gospochta.MutableClock;

/**
 * The whole server with a clock the test moves and no dispatcher threads of its own: the test
 * dispatches when it means to, so retries and digests happen at the instants it chooses.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = {"gospochta.notify.workers=0", "gospochta.notify.digest-check=1h"})
public @interface NotifyTest {
}
