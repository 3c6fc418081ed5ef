package io.newswire.ingest.system;

import java.io.IOException;

/** A request body went past the configured cap while it was being read. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long maxBytes) {
        super("The request body is larger than " + maxBytes + " bytes.");
    }
}
