package ru.gospochta.bench;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link NotifyBenchmark} with letters signed by Ed25519 (RFC 8463) instead of RSA-2048: what the
 * signature's choice costs, in the same run. One RSA-2048 signature takes about a millisecond of
 * CPU, more than a whole letter of the unsigned baseline; an Ed25519 one a twentieth of that.
 * {@code ./bench/run -Dtest='Notify*Benchmark'} runs both.
 */
@TestPropertySource(properties = "gospochta.mail.dkim.algorithms=ed25519-sha256")
class NotifyEd25519Benchmark extends NotifyBenchmark {
}
