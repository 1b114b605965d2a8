package org.vsconsole.base;

import java.util.Optional;

/**
 * Something every signed-in user must see at the top of every page while it lasts (the audit log
 * no longer matching its anchor, say). Features offer these as beans; {@link MainLayout} shows them.
 */
public interface ShellWarning {

    /** The text of the warning while it applies. */
    Optional<String> current();
}
