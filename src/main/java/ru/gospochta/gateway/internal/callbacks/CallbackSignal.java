package ru.gospochta.gateway.internal.callbacks;

import org.springframework.stereotype.Component;

import ru.gospochta.platform.WakeSignal;

/**
 * Wakes this node's callback workers when a callback is queued, so a status change reaches the
 * agency within milliseconds of its commit (NTF-5: «in real time»).
 */
@Component
class CallbackSignal extends WakeSignal {
}
