/** Intake of events (NTF-1): checked against the catalogue, put into the cabinet, planned per channel. */
@NullMarked
package ru.gospochta.notify.internal.intake;

import org.jspecify.annotations.NullMarked;
