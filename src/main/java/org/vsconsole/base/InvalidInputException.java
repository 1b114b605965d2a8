package org.vsconsole.base;

/**
 * A value a user or a file supplied broke a rule. Carries the field and the rule separately so
 * views can put the message next to the field and REST can return them as JSON.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;
    private final String rule;

    public InvalidInputException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
