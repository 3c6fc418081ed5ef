package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Bulk copies through a real SMTP server that advertises PIPELINING: Postfix's {@code smtp-sink}
 * (Debian package postfix, which .ci/run installs; only this test program is run, never Postfix),
 * dumping each transaction to a file. What arrives is the email as Jakarta Mail renders it on its
 * own, byte for byte once the SMTP transfer is undone (line ends, doubled dots), with the envelope
 * of its recipient; and when the server restarts under the pooled connection, the copy that failed
 * is sent again on a new connection, and no copy arrives twice or goes missing.
 */
class SmtpSinkTest {

    private static final File SMTP_SINK = new File("/usr/sbin/smtp-sink");
    private static final Email.Sender SENDER = new Email.Sender("Newswire", "newsroom@newswire.local",
            "letters@newswire.local", "newsletter.newswire.local");
    // Lines that only go through SMTP intact if dot-stuffed: a lone dot would end the message.
    private static final BulkEmail BULK = new BulkEmail(SENDER, "Budget passes",
            "The vote was close.\n.\n.A line that starts with a dot\n..and one with two\nPreferences: MARK-P\n"
                    + "Unsubscribe: MARK-U\n",
            "<p>The vote was close.</p>\n.<p>dot</p>\n<a href=\"MARK-P\">Preferences</a>\n<a href=\"MARK-U\">Unsubscribe</a>\n",
            List.of("MARK-P", "MARK-U"));

    private final List<Process> sinks = new ArrayList<>();
    private Path dumps;
    private int port;

    @BeforeAll
    static void needsSmtpSink() {
        Assumptions.assumeTrue(SMTP_SINK.canExecute(),
                "Skipped: no " + SMTP_SINK + " (apt-get install postfix; .ci/run does)");
    }

    @BeforeEach
    void setUp() throws IOException {
        // smtp-sink drops to user nobody when started as root: nobody must be able to write the dumps.
        dumps = Files.createTempDirectory("smtp-sink", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        dumps.toFile().setWritable(true, false);
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process sink : sinks) {
            sink.destroy();
            sink.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dumps)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void copiesArriveAsJakartaMailRendersEachEmailOnItsOwnWithTheirOwnEnvelope() throws Exception {
        startSink("dumps");
        try (SmtpMailChannel channel = new SmtpMailChannel(sender(), 4)) {
            MailChannel.Merge merge = channel.merge(BULK);
            ExecutorService senders = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> sends = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    BulkEmail.Copy copy = copy(i);
                    sends.add(senders.submit(() -> merge.send(copy)));
                }
                for (Future<?> send : sends) {
                    send.get();
                }
            }
            finally {
                senders.shutdown();
            }
        }

        List<Dump> received = awaitDumps("dumps", 40);
        for (Dump dump : received) {
            int n = Integer.parseInt(dump.recipient().replaceAll("\\D", ""));
            assertThat(dump.sender()).isEqualTo("<newsroom@newswire.local>");
            assertThat(withoutDateAndBoundary(dump.message())).as("copy %d", n)
                    .isEqualTo(withoutDateAndBoundary(renderedAlone(copy(n))));
            assertThat(dump.message()).contains("\r\n.\r\n.A line that starts with a dot\r\n..and one with two\r\n");
        }
        assertThat(received).extracting(Dump::recipient).doesNotHaveDuplicates().hasSize(40);
    }

    @Test
    void copyThatFailedWhenTheServerRestartedIsSentOnceOnANewConnection() throws Exception {
        Process first = startSink("first");
        int failures = 0;
        try (SmtpMailChannel channel = new SmtpMailChannel(sender(), 1)) {
            MailChannel.Merge merge = channel.merge(BULK);
            for (int i = 0; i < 3; i++) {
                merge.send(copy(i));
            }
            awaitDumps("first", 3);
            first.destroy();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            startSink("second");

            for (int i = 3; i < 6; i++) {
                BulkEmail.Copy copy = copy(i);
                try {
                    merge.send(copy);
                }
                catch (MailSendException ex) {
                    // What the dispatcher does: the record is retried, and with it this copy.
                    failures++;
                    merge.send(copy);
                }
            }
        }

        assertThat(failures).as("only the first send over the connection the server closed").isOne();
        assertThat(awaitDumps("first", 3)).extracting(Dump::recipient)
                .containsExactlyInAnyOrder("<reader-0@example.test>", "<reader-1@example.test>", "<reader-2@example.test>");
        assertThat(awaitDumps("second", 3)).extracting(Dump::recipient)
                .containsExactlyInAnyOrder("<reader-3@example.test>", "<reader-4@example.test>", "<reader-5@example.test>");
    }

    @Test
    void serverThatDoesNotAdvertisePipeliningGetsTheSameBytesFromAngusMail() throws Exception {
        // -p: smtp-sink leaves PIPELINING out of its EHLO reply.
        startSink("dumps", "-p");
        try (SmtpMailChannel channel = new SmtpMailChannel(sender(), 1)) {
            MailChannel.Merge merge = channel.merge(BULK);
            merge.send(copy(0));
            merge.send(copy(1));
        }

        List<Dump> received = awaitDumps("dumps", 2);
        for (Dump dump : received) {
            int n = Integer.parseInt(dump.recipient().replaceAll("\\D", ""));
            assertThat(withoutDateAndBoundary(dump.message())).isEqualTo(withoutDateAndBoundary(renderedAlone(copy(n))));
        }
    }

    private Process startSink(String dumpDirectory, String... options) throws Exception {
        Path directory = Files.createDirectories(dumps.resolve(dumpDirectory));
        directory.toFile().setWritable(true, false);
        List<String> command = new ArrayList<>(List.of(SMTP_SINK.getPath()));
        if ("root".equals(System.getProperty("user.name"))) {
            // smtp-sink refuses to run as root without a user to switch to after opening its socket.
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of(options));
        command.addAll(List.of("-d", directory + "/m.", "127.0.0.1:" + port, "10"));
        Process sink = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dumps.resolve(dumpDirectory + ".log").toFile()).start();
        sinks.add(sink);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            assertThat(sink.isAlive()).as("smtp-sink running").isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            }
            return true;
        });
        return sink;
    }

    private JavaMailSenderImpl sender() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "5000");
        timeouts.put("mail.smtp.timeout", "5000");
        timeouts.put("mail.smtp.writetimeout", "5000");
        sender.setJavaMailProperties(timeouts);
        return sender;
    }

    /** One transaction as smtp-sink dumped it: its envelope, and the message with CRLF line ends again. */
    private record Dump(String sender, String recipient, String message) {

        static Dump read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            String sender = null;
            String recipient = null;
            int first = 0;
            for (; first < lines.size() && lines.get(first).startsWith("X-"); first++) {
                if (lines.get(first).startsWith("X-Mail-Args: ")) {
                    sender = lines.get(first).substring("X-Mail-Args: ".length());
                }
                if (lines.get(first).startsWith("X-Rcpt-Args: ")) {
                    recipient = lines.get(first).substring("X-Rcpt-Args: ".length());
                }
            }
            // The sink's own three-line Received header, then the message, then an empty line.
            assertThat(lines.get(first)).startsWith("Received: ");
            first += 3;
            StringBuilder message = new StringBuilder();
            for (String line : lines.subList(first, lines.size() - 1)) {
                message.append(line).append("\r\n");
            }
            return new Dump(sender, recipient, message.toString());
        }
    }

    /** Waits until the sink has dumped {@code count} transactions, complete (each ends with its empty line). */
    private List<Dump> awaitDumps(String dumpDirectory, int count) {
        return await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            List<Dump> read = new ArrayList<>();
            try (Stream<Path> files = Files.list(dumps.resolve(dumpDirectory))) {
                for (Path file : files.toList()) {
                    read.add(Dump.read(file));
                }
            }
            return read;
        }, read -> read.size() == count);
    }

    /** The copy's email rendered by Jakarta Mail on its own, as Angus Mail would send it, with CRLF line ends. */
    private static String renderedAlone(BulkEmail.Copy copy) throws Exception {
        MimeMessage alone = new SmtpMailChannel(new JavaMailSenderImpl()).render(BULK.email(copy));
        SmtpMailChannel.prepare(alone);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        alone.writeTo(bytes, new String[] {"Bcc", "Content-Length"});
        String message = bytes.toString(StandardCharsets.ISO_8859_1).replaceAll("\r\n|\r|\n", "\r\n");
        return message.endsWith("\r\n") ? message : message + "\r\n";
    }

    private static BulkEmail.Copy copy(int n) {
        String preferences = "https://news.example/preferences?token=" + n + "&x=" + "p".repeat(60);
        String unsubscribe = "https://news.example/unsubscribe?token=" + n + "&x=" + "t".repeat(60);
        return new BulkEmail.Copy("reader-" + n + "@example.test", "<a." + n + "@newswire.local>",
                URI.create(unsubscribe), List.of(preferences, unsubscribe),
                List.of(preferences.replace("&", "&amp;"), unsubscribe.replace("&", "&amp;")));
    }

    private static String withoutDateAndBoundary(String message) {
        String boundary = message.replaceFirst("(?s).*boundary=\"([^\"]+)\".*", "$1");
        return message.replace(boundary, "BOUNDARY").replaceFirst("Date: [^\r\n]*", "Date: (when sent)");
    }
}
