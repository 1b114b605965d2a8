package org.vsconsole.monitoring;

/**
 * Sends a fired alert somewhere outside the console (e-mail, chat). The console ships only
 * {@link LoggingAlertNotifier}; an e-mail notifier needs {@code spring-boot-starter-mail} and is
 * added as another bean of this type. Every notifier bean is called; failures are logged, never
 * stop the alert from being stored.
 */
public interface AlertNotifier {

    void notify(AlertFiring firing);
}
