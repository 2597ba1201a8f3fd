/** Letter templates (NTF-4): the text with named variables, versions, and the unified layout. */
@NullMarked
package ru.gospochta.notify.internal.templates;

import org.jspecify.annotations.NullMarked;
