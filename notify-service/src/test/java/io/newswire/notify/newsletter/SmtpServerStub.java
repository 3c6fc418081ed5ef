package io.newswire.notify.newsletter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on 127.0.0.1, small enough to answer as a test tells it: RCPT TO refused with
 * a given code for an address (the first N times, or always), or a connection dropped in the
 * middle of DATA. GreenMail accepts every recipient, so it cannot show 4xx and 5xx replies. Speaks
 * the commands JavaMail uses: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT. Started with
 * {@link #startPipelining()} it advertises PIPELINING (RFC 2920), as Postfix does, and counts the
 * transactions whose RCPT TO had arrived with their MAIL FROM, before the reply to it.
 */
final class SmtpServerStub implements AutoCloseable {

    /** A message the stub accepted: to whom, and its Message-ID. */
    record Delivery(String recipient, String messageId) {
    }

    private final ServerSocket server;
    private final ExecutorService sessions = Executors.newCachedThreadPool();
    private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger dataDrops = new AtomicInteger();
    private final AtomicInteger silentDrops = new AtomicInteger();
    private final AtomicInteger stalls = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger transactions = new AtomicInteger();
    private final AtomicInteger pipelinedTransactions = new AtomicInteger();
    private final boolean pipelining;

    private record Refusal(int code, AtomicInteger timesLeft) {
    }

    private SmtpServerStub(ServerSocket server, boolean pipelining) {
        this.server = server;
        this.pipelining = pipelining;
        sessions.submit(this::accept);
    }

    /** A server that does not advertise PIPELINING, as GreenMail. */
    static SmtpServerStub start() {
        return start(false);
    }

    /** A server that advertises PIPELINING in its EHLO reply. */
    static SmtpServerStub startPipelining() {
        return start(true);
    }

    private static SmtpServerStub start(boolean pipelining) {
        try {
            ServerSocket server = new ServerSocket();
            // Little in flight, so that a client writing to a server that stopped reading is soon stuck.
            server.setReceiveBufferSize(8192);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            return new SmtpServerStub(server, pipelining);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not start the SMTP stub", ex);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** RCPT TO for {@code address} is answered with {@code code} the next {@code times} times, then accepted. */
    SmtpServerStub refuse(String address, int code, int times) {
        refusals.put(address.toLowerCase(Locale.ROOT), new Refusal(code, new AtomicInteger(times)));
        return this;
    }

    /** RCPT TO for {@code address} is always answered with {@code code}. */
    SmtpServerStub refuseAlways(String address, int code) {
        return refuse(address, code, Integer.MAX_VALUE);
    }

    /** The next {@code times} messages: the connection is dropped after DATA, before the message ends. */
    SmtpServerStub dropConnectionInData(int times) {
        dataDrops.set(times);
        return this;
    }

    /**
     * The next {@code times} messages: the whole message is read, then the connection is dropped
     * without an answer, so the client cannot know whether it was accepted.
     */
    SmtpServerStub dropConnectionBeforeAnsweringData(int times) {
        silentDrops.set(times);
        return this;
    }

    /**
     * The next {@code times} messages: after the reply to DATA, nothing more is read from the
     * connection until the stub closes, as a server that hangs; a large message fills the buffers.
     */
    SmtpServerStub stopReadingInData(int times) {
        stalls.set(times);
        return this;
    }

    /** Transactions begun (MAIL FROM) so far. */
    int transactions() {
        return transactions.get();
    }

    /** Transactions whose client sent RCPT TO before it had the reply to MAIL FROM: pipelined. */
    int pipelinedTransactions() {
        return pipelinedTransactions.get();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Connections open now. */
    int openConnections() {
        return (int) open.stream().filter(socket -> !socket.isClosed()).count();
    }

    /** Times RCPT TO named {@code address}, refused or not. */
    int attempts(String address) {
        AtomicInteger count = attempts.get(address.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    List<String> recipients() {
        return deliveries.stream().map(Delivery::recipient).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        try {
            server.close();
        }
        catch (IOException ignored) {
            // Closing anyway.
        }
        open.forEach(socket -> {
            try {
                socket.close();
            }
            catch (IOException ignored) {
                // Closing anyway.
            }
        });
        sessions.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                sessions.submit(() -> converse(socket));
            }
            catch (IOException ex) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1)) {
            reply(out, "220 stub.test ESMTP");
            List<String> recipients = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") && pipelining) {
                    reply(out, "250-stub.test\r\n250 PIPELINING");
                }
                else if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 stub.test");
                }
                else if (command.startsWith("MAIL FROM:")) {
                    transactions.incrementAndGet();
                    // A client that waits for each reply has sent nothing more yet.
                    if (in.ready()) {
                        pipelinedTransactions.incrementAndGet();
                    }
                    recipients.clear();
                    reply(out, "250 OK");
                }
                else if (command.startsWith("RCPT TO:")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase(Locale.ROOT);
                    attempts.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
                    Refusal refusal = refusals.get(address);
                    if (refusal != null && refusal.timesLeft().getAndDecrement() > 0) {
                        reply(out, refusal.code() + (refusal.code() >= 500 ? " 5.1.1 mailbox unavailable" : " 4.2.0 try again later"));
                    }
                    else {
                        recipients.add(address);
                        reply(out, "250 OK");
                    }
                }
                else if (command.equals("DATA")) {
                    if (recipients.isEmpty()) {
                        reply(out, "503 no valid recipients");
                        continue;
                    }
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    if (dataDrops.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                        return;
                    }
                    if (stalls.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                        closing.await();
                        return;
                    }
                    String messageId = readMessage(in);
                    if (silentDrops.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                        return;
                    }
                    recipients.forEach(recipient -> deliveries.add(new Delivery(recipient, messageId)));
                    recipients.clear();
                    reply(out, "250 OK queued");
                }
                else if (command.equals("RSET")) {
                    recipients.clear();
                    reply(out, "250 OK");
                }
                else if (command.equals("NOOP")) {
                    reply(out, "250 OK");
                }
                else if (command.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                }
                else {
                    reply(out, "502 not implemented");
                }
            }
        }
        catch (SocketException ex) {
            // The client or close() dropped the connection.
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Reads the message up to the lone dot and returns its Message-ID (folded lines unfolded). */
    private static String readMessage(BufferedReader in) throws IOException {
        String messageId = null;
        boolean inHeaders = true;
        String previous = null;
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            if (inHeaders && line.isEmpty()) {
                inHeaders = false;
            }
            if (inHeaders) {
                if (previous != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                    previous = previous + line.strip();
                }
                else {
                    previous = line;
                }
                if (previous.regionMatches(true, 0, "Message-ID:", 0, "Message-ID:".length())) {
                    messageId = previous.substring("Message-ID:".length()).strip();
                }
            }
        }
        return messageId;
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }
}
