package org.vsconsole.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * An alert goes out as a real SMTP conversation (to a minimal fake SMTP server on loopback that
 * records the message: no mail server runs on these machines), and nothing is sent when mail is
 * not configured.
 */
class MailAlertNotifierTest {

    @Test
    void firedAlertIsMailedToTheConfiguredAddress() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> FakeSmtpServer.receiveOne(server));
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(server.getLocalPort());

            new MailAlertNotifier(sender, "ops@example.org", "console@example.org").notify(
                    new AlertFiring(7, Instant.parse("2026-11-26T01:02:03Z"), "web1", AlertFiring.LIMIT_HITS,
                            "nproc refused 3 processes"));

            String message = received.get(20, TimeUnit.SECONDS);
            assertThat(message).contains("RCPT TO:<ops@example.org>").contains("MAIL FROM:<console@example.org>")
                    .contains("Subject: [VServer Console] limit-hits on web1").contains("nproc refused 3 processes");
        }
    }

    @Test
    void withoutRecipientOrMailServerNothingIsSent() {
        assertThat(new MailAlertNotifier((JavaMailSenderImpl) null, "ops@example.org", "x@y").configured()).isFalse();
        assertThat(new MailAlertNotifier(new JavaMailSenderImpl(), " ", "x@y").configured()).isFalse();
        // notify() on an unconfigured notifier returns without touching any server.
        new MailAlertNotifier((JavaMailSenderImpl) null, "", "x@y").notify(new AlertFiring(1, Instant.now(), "g", "r", "m"));
    }

    /** Just enough SMTP to accept one message and hand back the whole conversation. */
    static final class FakeSmtpServer {

        static String receiveOne(ServerSocket server) {
            StringBuilder seen = new StringBuilder();
            try (Socket client = server.accept();
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                    PrintWriter out = new PrintWriter(new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII), true)) {
                out.print("220 fake ESMTP\r\n");
                out.flush();
                boolean data = false;
                for (String line; (line = in.readLine()) != null;) {
                    seen.append(line).append('\n');
                    if (data) {
                        if (line.equals(".")) {
                            data = false;
                            out.print("250 queued\r\n");
                            out.flush();
                        }
                        continue;
                    }
                    String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
                    switch (command) {
                        case "EHLO", "HELO" -> out.print("250 fake\r\n");
                        case "DATA" -> {
                            data = true;
                            out.print("354 go on\r\n");
                        }
                        case "QUIT" -> {
                            out.print("221 bye\r\n");
                            out.flush();
                            return seen.toString();
                        }
                        default -> out.print("250 ok\r\n");
                    }
                    out.flush();
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return seen.toString();
        }
    }
}
