/** The providers of each channel: SMTP for e-mail, SMS operators over HTTP and the catcher, push services. */
@NullMarked
package ru.gospochta.notify.internal.channels;

import org.jspecify.annotations.NullMarked;
