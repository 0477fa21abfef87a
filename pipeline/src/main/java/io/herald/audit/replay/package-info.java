/**
 * Reading the audit topic back: {@code herald audit replay} and {@code herald audit verify}.
 *
 * <p>{@link io.herald.audit.replay.AuditReader} reads {@code herald.audit} with a plain consumer (no
 * group: assign and seek, so it never moves anyone's offsets), from the beginning or from a time,
 * up to the end offsets it saw when it started, so it always ends. {@link
 * io.herald.audit.replay.AuditFormat} prints the events as JSON lines, CSV or a table; {@link
 * io.herald.audit.replay.AuditChainVerifier} checks the hash chains ({@code herald audit verify}).
 */
package io.herald.audit.replay;
