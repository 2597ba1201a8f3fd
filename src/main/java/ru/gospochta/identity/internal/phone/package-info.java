/**
 * The phone of a citizen's account and its backup phone (CNT-5): moving the account to a new
 * number and adding, replacing or removing a backup number, each after the person is re-checked
 * and the number proven by an SMS code to it.
 */
@NullMarked
package ru.gospochta.identity.internal.phone;

import org.jspecify.annotations.NullMarked;
