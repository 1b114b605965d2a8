package org.vsconsole.monitoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The default notifier: one WARN line per alert, so alerts reach the log when no mail is set up. */
@Component
class LoggingAlertNotifier implements AlertNotifier {

    private static final Logger log = LoggerFactory.getLogger(LoggingAlertNotifier.class);

    @Override
    public void notify(AlertFiring firing) {
        log.warn("Alert {} for guest {}: {}", firing.rule(), firing.guest(), firing.message());
    }
}
