package org.vsconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The TOTP algorithm against RFC 6238 Appendix B (the SHA1 rows) and the base32 key form. */
class TotpTest {

    /** The RFC's SHA1 seed: the ASCII string "12345678901234567890". */
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 0000000000000001, 94287082",
            "1111111109, 00000000023523EC, 07081804",
            "1111111111, 00000000023523ED, 14050471",
            "1234567890, 000000000273EF07, 89005924",
            "2000000000, 0000000003F940AA, 69279037",
            "20000000000, 0000000027BC86AA, 65353130"})
    void rfc6238AppendixBSha1Vectors(long unixTime, String stepHex, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(unixTime));
        assertThat(step).isEqualTo(Long.parseUnsignedLong(stepHex, 16));
        assertThat(Totp.code(RFC_KEY, step, 8)).isEqualTo(expected);
        // six digits, as apps show them: the last six of the eight
        assertThat(Totp.code(RFC_KEY, step)).isEqualTo(expected.substring(2));
    }

    @Test
    void acceptsOneStepEitherSideAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_234_567_890);
        long step = Totp.step(now);
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step), now)).hasValue(step);
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step - 2), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, Totp.code(RFC_KEY, step + 2), now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, "12345", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, "abcdef", now)).isEmpty();
        assertThat(Totp.matchingStep(RFC_KEY, null, now)).isEmpty();
    }

    @Test
    void base32RoundTripsAndMatchesTheRfc4648Example() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        byte[] secret = Totp.newSecret();
        assertThat(secret).hasSize(20);
        String text = Totp.base32(secret);
        assertThat(text).hasSize(32).matches("[A-Z2-7]+");
        assertThat(Totp.fromBase32(text.toLowerCase())).isEqualTo(secret);
        assertThat(Totp.fromBase32(text.substring(0, 4) + " " + text.substring(4))).isEqualTo(secret);
        assertThatThrownBy(() -> Totp.fromBase32("ABC1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uriIsWhatAuthenticatorAppsRead() {
        assertThat(Totp.uri("alice", "JBSWY3DPEHPK3PXP")).isEqualTo(
                "otpauth://totp/VServer%20Console:alice?secret=JBSWY3DPEHPK3PXP&issuer=VServer%20Console");
    }
}
