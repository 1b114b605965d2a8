package org.vsconsole.provisioning;

import java.util.Map;

/**
 * What a person asks for, as typed: numbers stay text so a value like {@code +5}, {@code 0x10}
 * or an Arabic-Indic digit reaches the grammar and is refused by name instead of being coerced by
 * a number parser. Null or blank means "choose for me" where a default exists.
 *
 * @param limits limit name ({@code nproc}, {@code rss}, …) to soft/hard values in the limit's unit
 */
public record CreateGuestRequest(String name, String hostname, String domain, String ip, String prefix,
        String interfaceName, String context, Build build, boolean start, Map<String, Limit> limits) {

    public CreateGuestRequest {
        // not Map.copyOf: a JSON body may carry a null value, which the validator skips
        limits = limits == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(limits));
    }

    /** Build method {@code skeleton}, {@code clone} (of {@code source}) or {@code debootstrap} ({@code dist}, {@code mirror}). */
    public record Build(String method, String source, String dist, String mirror) {
    }

    /** Soft and hard value as text ({@code inf} allowed); one given alone applies to both. */
    public record Limit(String soft, String hard) {
    }
}
