package ru.gospochta.notify.push;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import ru.gospochta.IntegrationTest;

/**
 * The whole server, taking push endpoints on 127.0.0.1 (where the test's push service runs) and
 * waiting 2 seconds for a push service, so a hanging one fails a test quickly. Every push test uses
 * this one annotation, so they share a single Spring context and server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@TestPropertySource(properties = {"gospochta.notify.push.allow-local-endpoints=true", "gospochta.notify.push.timeout=2s"})
@interface PushTest {
}
