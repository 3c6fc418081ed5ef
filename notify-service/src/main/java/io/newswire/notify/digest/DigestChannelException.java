package io.newswire.notify.digest;

import java.util.UUID;

/**
 * The mail channel failed (not a recipient: the SMTP server is unreachable, say) while sending a
 * digest. The walk stops; the next tick resumes it. The message names the run, the subscriber id
 * and what failed; the channel's exception is not kept as the cause, because a mail system's
 * reply may quote the recipient's address, which must not reach a log.
 */
class DigestChannelException extends RuntimeException {

    DigestChannelException(String digestId, UUID subscriberId, RuntimeException failure) {
        super("Mail channel failed sending digest " + digestId + " to subscriber " + subscriberId + ": " + describe(failure));
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getName() + (message == null || message.contains("@") ? "" : ": " + message);
    }
}
