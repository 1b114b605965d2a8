package org.vsconsole.security;

/** The four roles of the console. An {@link #OWNER} is further limited to a list of guests. */
public enum Role {

    ADMIN("Administrator: everything"), OPERATOR("Operator: runs and configures guests, no user administration"), AUDITOR(
            "Auditor: reads everything, changes nothing"), OWNER("Guest owner: only the guests assigned");

    private final String description;

    Role(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
