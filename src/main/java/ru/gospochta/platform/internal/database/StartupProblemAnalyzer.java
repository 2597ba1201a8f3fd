package ru.gospochta.platform.internal.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

import ru.gospochta.platform.StartupProblem;

/** Reports a {@link StartupProblem} as its two sentences, without the stack trace. */
class StartupProblemAnalyzer extends AbstractFailureAnalyzer<StartupProblem> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupProblem cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), null);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
