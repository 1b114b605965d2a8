package org.vsconsole.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void aValueQuotedInAMessageCannotForgeALineOrPassForAnotherAndStaysShort() {
        assertThat(Formats.printable("nproc")).isEqualTo("nproc");
        assertThat(Formats.printable("a\nb\u001b[31m")).isEqualTo("a\\u000ab\\u001b[31m");
        assertThat(Formats.printable("nрroc")).as("a Cyrillic r").isEqualTo("n\\u0440roc");
        assertThat(Formats.printable("x".repeat(100))).isEqualTo("x".repeat(40) + "…");
        assertThat(Formats.printable(null)).isEmpty();
    }
}
