package ru.gospochta.notify.internal.delivery;

import org.springframework.stereotype.Component;

import ru.gospochta.platform.WakeSignal;

/** Wakes the dispatcher's workers when notifications due now are committed (NTF-5). */
@Component
public class DispatchSignal extends WakeSignal {
}
