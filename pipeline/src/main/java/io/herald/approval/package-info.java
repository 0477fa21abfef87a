/**
 * Signed approvals (DESIGN.md section 3).
 *
 * <p>An approver signs a post with Ed25519 over the RFC 8785 (JCS) canonical JSON of the whole post
 * with only {@code approval.signature} removed; Herald checks the signature against the approver's
 * public key in {@code config/approvers/NAME.pub} (and, in sandbox mode, also
 * {@code config/sandbox/approvers/}).
 *
 * <ul>
 *   <li>{@link io.herald.approval.ApprovalVerifier}: what the pipeline calls, once per post, on the
 *       raw bytes (or the tree parsed from them) as received.
 *   <li>{@link io.herald.approval.ApprovalSigner}: what {@code herald approve} calls.
 *   <li>{@link io.herald.approval.KeyFiles}: the PEM key file format, what {@code herald keygen}
 *       writes.
 *   <li>{@link io.herald.approval.ApproverKeys}: the trusted public keys, by approver name.
 * </ul>
 */
package io.herald.approval;
