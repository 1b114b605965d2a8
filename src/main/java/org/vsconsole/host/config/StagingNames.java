package org.vsconsole.host.config;

/**
 * Names of the console's own in-flight files and directories. They all start with one dot-prefix
 * so the reader can ignore them (a temp file left by a crash must never be mistaken for config,
 * and never changes a digest) and the cleanup can find them.
 */
final class StagingNames {

    static final String PREFIX = ".vsconsole-";
    static final String TEMP_FILE = PREFIX + "tmp-";
    static final String NEW_GUEST = PREFIX + "new-";
    static final String DELETED_GUEST = PREFIX + "del-";

    private StagingNames() {
    }

    static boolean isStaging(String fileName) {
        return fileName.startsWith(PREFIX);
    }
}
