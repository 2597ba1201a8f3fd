/** The delivery pipeline (NTF-5): claiming due notifications, providers per channel with failover, retries, the journal. */
@NullMarked
package ru.gospochta.notify.internal.delivery;

import org.jspecify.annotations.NullMarked;
