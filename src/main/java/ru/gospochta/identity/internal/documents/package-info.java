/**
 * Identity confirmation by an operator (ACC-2): the citizen uploads a scan of the passport, a
 * support operator compares it with the declared data and approves or rejects it.
 */
@NullMarked
package ru.gospochta.identity.internal.documents;

import org.jspecify.annotations.NullMarked;
