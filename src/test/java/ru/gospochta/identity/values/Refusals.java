package ru.gospochta.identity.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import ru.gospochta.identity.InvalidValue;

final class Refusals {

    private Refusals() {
    }

    /** The {@link InvalidValue} the call throws; fails the test when it throws nothing or something else. */
    static InvalidValue refusal(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(InvalidValue.class);
        return (InvalidValue) thrown;
    }
}
