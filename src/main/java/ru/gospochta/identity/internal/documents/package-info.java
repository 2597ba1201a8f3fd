/**
 * Passport scans checked by a support operator: identity confirmation (ACC-2), where a signed-in
 * citizen uploads a scan that the operator compares with the declared data; and access restored
 * through support (ACC-5, CNT-7), where someone who lost every channel of an account asks, with a
 * scan and a new phone, to be let back in. Both go through one queue and one review.
 */
@NullMarked
package ru.gospochta.identity.internal.documents;

import org.jspecify.annotations.NullMarked;
