package org.vsconsole.audit;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.vsconsole.base.ShellWarning;

/** The banner on every page while the data directory's file system is full and the console is read-only. */
@Component
class StorageWarning implements ShellWarning {

    private final StorageGuard storage;

    StorageWarning(StorageGuard storage) {
        this.storage = storage;
    }

    @Override
    public Optional<String> current() {
        return storage.problem().map(p -> "Read-only: " + p + ". Nothing can be changed; audit events are held and"
                + " written to the log once space is freed, without a restart.");
    }
}
