package org.vsconsole.monitoring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * Sends each fired alert by e-mail when mail is configured: Spring's {@code spring.mail.host}
 * (which makes a mail sender exist) and {@code vsconsole.alerts.mail-to}. Without both it does
 * nothing, and the alert is still stored, audited and logged.
 */
@Component
class MailAlertNotifier implements AlertNotifier {

    private final @Nullable JavaMailSender mail;
    private final String to;
    private final String from;

    @Autowired
    MailAlertNotifier(ObjectProvider<JavaMailSender> mail, AlertProperties settings) {
        this(mail.getIfAvailable(), settings.mailTo(), settings.mailFrom());
    }

    MailAlertNotifier(@Nullable JavaMailSender mail, @Nullable String to, String from) {
        this.mail = mail;
        this.to = to == null ? "" : to.trim();
        this.from = from;
    }

    boolean configured() {
        return mail != null && !to.isEmpty();
    }

    @Override
    public void notify(AlertFiring firing) {
        JavaMailSender sender = mail;
        if (sender == null || !configured()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.split("\\s*,\\s*"));
        message.setSubject("[VServer Console] " + firing.rule() + " on " + firing.guest());
        message.setText(firing.message() + "\n\nFired at " + firing.firedAt() + " (UTC). Alert #" + firing.id() + ".\n");
        sender.send(message);
    }
}
