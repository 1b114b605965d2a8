package org.vsconsole.host.config;

import java.util.List;
import java.util.Map;

/**
 * The process that owns the config tree when it is not this one: the host agent, which runs as
 * root while the web tier reads the tree but may not write it. {@link GuestConfigWriter} hands it
 * each change as the change itself, never as files, and the owner checks it again against the
 * grammar and its own tree before it writes, so a web tier that lies can write nothing the
 * console's own rules refuse.
 */
public interface ConfigTreeOwner {

    /** Applies {@code change} when the guest's tree still has {@code expectedDigest}. */
    void apply(String guest, String expectedDigest, ConfigChange change);

    /** Creates the guest's config directory. */
    void create(NewGuest spec);

    /** Removes the guest's config directory when it still has {@code expectedDigest}. */
    void delete(String guest, String expectedDigest);

    /** Puts the guest's tree back to {@code accepted} when it still has {@code expectedDigest}. */
    void restore(String guest, String expectedDigest, Map<String, AcceptedEntry> accepted);

    /** Writes {@code .defaults/context.next}, the context the next build is given. */
    void setContextNext(int next);

    /** Undoes an interrupted change; false when some file is neither as before nor as planned. */
    boolean putBack(String guest, List<PlannedFile> planned);
}
