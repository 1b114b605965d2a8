package org.vsconsole.monitoring;

/**
 * Sends a fired alert somewhere outside the console: the log ({@link LoggingAlertNotifier}) and
 * e-mail when configured ({@link MailAlertNotifier}); a chat hook would be another bean of this
 * type. Every notifier bean is called; failures are logged, never stop the alert from being stored.
 */
public interface AlertNotifier {

    void notify(AlertFiring firing);
}
