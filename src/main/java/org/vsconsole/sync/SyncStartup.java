package org.vsconsole.sync;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** After interrupted intents are resolved: load or rebuild the registry, reconcile, start watching. */
@Component
@Order(2)
class SyncStartup implements ApplicationRunner {

    private final SyncService sync;

    SyncStartup(SyncService sync) {
        this.sync = sync;
    }

    @Override
    public void run(ApplicationArguments args) {
        sync.start();
    }
}
