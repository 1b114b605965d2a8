package org.vsconsole.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vsconsole.base.Formats;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.HostGrammar;
import org.vsconsole.host.config.KnownLimit;
import org.vsconsole.host.config.LimitValueParser;
import org.jspecify.annotations.Nullable;

/**
 * What a user typed for limits, checked as one request before anything is written or applied:
 * each name and value by the host grammar, soft not above hard, and a refusal naming the limit
 * and part ({@code nproc soft}) so a form can put it next to its field. Shared by the limits
 * editor and the presets.
 */
final class LimitEdits {

    private LimitEdits() {
    }

    /** Checks every edit; throws on the first bad one, naming the limit and the rule. */
    static Map<KnownLimit, LimitValues> validate(Map<String, LimitEdit> edits) {
        if (edits == null || edits.isEmpty()) {
            throw new InvalidInputException("limits", "name at least one limit to change");
        }
        Map<KnownLimit, LimitValues> out = new LinkedHashMap<>();
        for (Map.Entry<String, LimitEdit> e : edits.entrySet()) {
            KnownLimit limit;
            try {
                limit = HostGrammar.limitName(e.getKey());
            } catch (InvalidInputException ex) {
                throw new InvalidInputException("limit '" + Formats.printable(e.getKey()) + "'", ex.rule());
            }
            LimitEdit edit = e.getValue();
            if (edit == null) {
                throw new InvalidInputException(limit.fileName(), "soft and hard values are required");
            }
            long soft = value(limit, "soft", edit.soft());
            long hard = value(limit, "hard", edit.hard());
            HostGrammar.softNotAboveHard(limit, soft, hard);
            out.put(limit, new LimitValues(soft, hard));
        }
        return out;
    }

    private static long value(KnownLimit limit, String part, @Nullable String text) {
        String field = limit.fileName() + " " + part;
        try {
            return HostGrammar.limitValue(limit, LimitValueParser.parseUserValue(field, text == null ? null : text.trim()));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, e.rule());
        }
    }
}
