package org.vsconsole.base;

/**
 * An {@code If-Match} named a version of the guest that is no longer the current one: nothing
 * was changed, REST answers 412 and the refusal is audited as denied.
 */
public class PreconditionFailedException extends ActionRefusedException {

    private final String currentEtag;

    public PreconditionFailedException(String currentEtag) {
        super("If-Match", "must name the guest's current ETag; it changed since it was read");
        this.currentEtag = currentEtag;
    }

    public String currentEtag() {
        return currentEtag;
    }
}
