package io.herald.sandbox.standin;

import io.herald.sandbox.SandboxPost;
import java.util.List;

/**
 * A local stand-in of one network's API, mounted by the sandbox server under {@code /<platform>}.
 * Implementations keep their state in a {@link Journal} so that it survives a restart, and
 * are called from many threads at once.
 *
 * <p>To add a network: implement this interface in a package of its own (see the Mastodon
 * stand-in), and add its constructor to {@link StandIns#builtIn()}.
 */
public interface StandIn {

    /** The platform name, used as the path prefix and in targets ({@code mastodon}). */
    String platform();

    /** Answers one request; {@link SandboxRequest#path()} is relative to the prefix. */
    SandboxResponse handle(SandboxRequest request);

    /** Every post it holds, oldest first. */
    List<SandboxPost> posts();
}
