package io.newswire.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newswire.embedded.LocalSmtpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small web page over the local SMTP sink, so whoever runs Newswire locally can see every email
 * it sent: a list at {@code /}, each message's HTML at {@code /messages/N} (sandboxed: no script
 * runs) and its raw source at {@code /messages/N.eml}.
 */
final class MailViewer implements AutoCloseable {

    private final HttpServer server;
    private final LocalSmtpServer smtp;

    private MailViewer(HttpServer server, LocalSmtpServer smtp) {
        this.server = server;
        this.smtp = smtp;
    }

    static MailViewer start(LocalSmtpServer smtp, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        MailViewer viewer = new MailViewer(server, smtp);
        server.createContext("/", viewer::handle);
        server.start();
        return viewer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            List<MimeMessage> messages = smtp.receivedMessages();
            if (path.equals("/")) {
                send(exchange, 200, "text/html; charset=utf-8", index(messages));
                return;
            }
            if (path.startsWith("/messages/")) {
                String name = path.substring("/messages/".length());
                boolean raw = name.endsWith(".eml");
                int index = Integer.parseInt(raw ? name.substring(0, name.length() - 4) : name);
                if (index >= 0 && index < messages.size()) {
                    MimeMessage message = messages.get(index);
                    if (raw) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        message.writeTo(out);
                        send(exchange, 200, "text/plain; charset=utf-8", out.toString(StandardCharsets.UTF_8));
                    }
                    else {
                        // The email's own HTML, shown as a mail client would: sandboxed, no scripts.
                        exchange.getResponseHeaders().add("Content-Security-Policy", "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'");
                        send(exchange, 200, "text/html; charset=utf-8", htmlPart(message));
                    }
                    return;
                }
            }
            send(exchange, 404, "text/plain; charset=utf-8", "Not found");
        }
        catch (NumberFormatException ex) {
            send(exchange, 404, "text/plain; charset=utf-8", "Not found");
        }
        catch (Exception ex) {
            send(exchange, 500, "text/plain; charset=utf-8", "Could not read the message: " + ex.getMessage());
        }
    }

    private static String index(List<MimeMessage> messages) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = messages.size() - 1; i >= 0; i--) {
            MimeMessage message = messages.get(i);
            rows.append("<tr><td>").append(escape(addresses(message.getAllRecipients())))
                    .append("</td><td><a href=\"/messages/").append(i).append("\">")
                    .append(escape(String.valueOf(message.getSubject()))).append("</a></td><td>")
                    .append(escape(String.valueOf(message.getSentDate())))
                    .append("</td><td><a href=\"/messages/").append(i).append(".eml\">source</a></td></tr>\n");
        }
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Newswire local mail</title>
                <style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}
                td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}</style></head>
                <body><h1>Mail received by the local SMTP sink (%d)</h1>
                <table><thead><tr><th>To</th><th>Subject</th><th>Date</th><th></th></tr></thead><tbody>
                %s</tbody></table></body></html>
                """.formatted(messages.size(), rows);
    }

    private static String htmlPart(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/html")) {
                    return String.valueOf(part.getContent());
                }
            }
            return "<pre>" + escape(String.valueOf(multipart.getBodyPart(0).getContent())) + "</pre>";
        }
        return message.isMimeType("text/html") ? String.valueOf(content) : "<pre>" + escape(String.valueOf(content)) + "</pre>";
    }

    private static String addresses(Address[] addresses) {
        return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
