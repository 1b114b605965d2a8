package org.vsconsole.base;

/**
 * Where the API's refusals of bad input end up besides the answer: the audit log (implemented
 * there, as base cannot know the audit feature). Refusals a service already audited are skipped.
 */
public interface RefusalRecorder {

    /** Request attribute set once a service has audited the request's outcome itself. */
    String AUDITED = "org.vsconsole.audited";

    /** One refused API request: the HTTP status it got, the field and the rule it broke. */
    void refused(int status, String field, String rule);
}
