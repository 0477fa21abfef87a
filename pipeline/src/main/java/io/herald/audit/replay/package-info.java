/**
 * Reading the audit topic back: {@code herald audit replay}.
 *
 * <p>{@link io.herald.audit.replay.AuditReader} reads {@code herald.audit} with a plain consumer (no
 * group: assign and seek, so it never moves anyone's offsets), from the beginning or from a time,
 * up to the end offsets it saw when it started, so it always ends. {@link
 * io.herald.audit.replay.AuditFormat} prints the events as JSON lines, CSV or a table.
 */
package io.herald.audit.replay;
