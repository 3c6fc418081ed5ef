package io.newswire.embedded;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1 that keeps every message it receives, so the
 * local run can show the mail that was sent and tests can assert on it.
 */
public final class LocalSmtpServer implements AutoCloseable {

    private final GreenMail greenMail;

    private LocalSmtpServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts on the given port; 0 picks a free one. */
    public static LocalSmtpServer start(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        if (port <= 0) {
            setup = setup.dynamicPort();
        }
        setup.setServerStartupTimeout(10_000);
        GreenMail greenMail = new GreenMail(setup);
        greenMail.start();
        return new LocalSmtpServer(greenMail);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Every message received so far, oldest first. */
    public List<MimeMessage> receivedMessages() {
        return List.of(greenMail.getReceivedMessages());
    }

    /** Forgets every message received so far. */
    public void clear() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not clear received mail", ex);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
