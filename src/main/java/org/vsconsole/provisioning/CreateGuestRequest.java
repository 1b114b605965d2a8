package org.vsconsole.provisioning;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a person asks for, as typed: numbers stay text so a value like {@code +5}, {@code 0x10}
 * or an Arabic-Indic digit reaches the grammar and is refused by name instead of being coerced by
 * a number parser. Null or blank means "choose for me" where a default exists.
 *
 * @param limits limit name ({@code nproc}, {@code rss}, …) to soft/hard values in the limit's unit
 */
public record CreateGuestRequest(@Nullable String name, @Nullable String hostname, @Nullable String domain, @Nullable String ip,
        @Nullable String prefix, @Nullable String interfaceName, @Nullable String context, @Nullable Build build, boolean start,
        Map<String, Limit> limits) {

    public CreateGuestRequest {
        // not Map.copyOf: a JSON body may carry a null value, which the validator skips
        limits = limits == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(limits));
    }

    /**
     * Build method {@code skeleton}, {@code clone} (of {@code source}) or {@code debootstrap}
     * ({@code dist}, {@code mirror}), and what newvserver sets up in the new guest: root's
     * password (in clear only here: it is hashed at validation and never serialised, so the audit
     * log records only that one was set), root's SSH keys (one per line), packages to install
     * and a command to run inside the guest once it first runs.
     */
    public record Build(@Nullable String method, @Nullable String source, @Nullable String dist, @Nullable String mirror,
            @JsonIgnore @Nullable String rootPassword, @Nullable String sshKeys, List<String> packages,
            @Nullable String postInstall) {

        public Build(@Nullable String method, @Nullable String source, @Nullable String dist, @Nullable String mirror) {
            this(method, source, dist, mirror, null, null, List.of(), null);
        }

        public Build {
            packages = packages == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(packages));
        }

        @JsonProperty("rootPasswordSet")
        public boolean rootPasswordSet() {
            return rootPassword != null && !rootPassword.isEmpty();
        }

        @Override
        public String toString() {
            return "Build[method=" + method + ", source=" + source + ", dist=" + dist + ", mirror=" + mirror
                    + ", rootPassword=" + (rootPasswordSet() ? "set" : "unset") + ", sshKeys=" + (sshKeys == null
                            ? 0
                            : sshKeys.lines().filter(l -> !l.isBlank()).count())
                    + ", packages=" + packages + ", postInstall="
                    + (postInstall == null || postInstall.isBlank() ? "none" : "set") + "]";
        }
    }

    /** Soft and hard value as text ({@code inf} allowed); one given alone applies to both. */
    public record Limit(@Nullable String soft, @Nullable String hard) {
    }
}
