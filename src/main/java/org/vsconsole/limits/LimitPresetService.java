package org.vsconsole.limits;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.vsconsole.audit.AuditActions;
import org.vsconsole.audit.AuditService;
import org.vsconsole.audit.AuditTarget;
import org.vsconsole.audit.AuditedAction;
import org.vsconsole.base.Formats;
import org.vsconsole.base.InvalidInputException;
import org.vsconsole.host.LimitValues;
import org.vsconsole.host.config.KnownLimit;
import org.jspecify.annotations.Nullable;

/**
 * Named limit sets: ADMIN defines, edits and deletes them; ADMIN and OPERATOR apply one to one
 * or several guests (saved and, for running guests, applied live), with a result per guest.
 */
@Service
public class LimitPresetService {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private final LimitPresetRepository repository;
    private final LimitService limits;
    private final AuditService audit;

    LimitPresetService(LimitPresetRepository repository, LimitService limits, AuditService audit) {
        this.repository = repository;
        this.limits = limits;
        this.audit = audit;
    }

    @PreAuthorize("isAuthenticated()")
    public List<LimitPreset> list() {
        return repository.findAll();
    }

    /** A preset's limits as edits, e.g. for the guest creation wizard; refuses an unknown name. */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public Map<String, LimitEdit> preset(String name) {
        return repository.find(presetName(name))
                .orElseThrow(() -> new InvalidInputException("preset", "no preset named '" + Formats.printable(name) + "'"))
                .limits();
    }

    /** Creates or replaces a preset; every value is checked as a limit change would be. */
    @PreAuthorize("hasRole('ADMIN')")
    @AuditedAction(AuditActions.LIMITS_PRESET_SAVE)
    public LimitPreset save(String name, String description, Map<String, LimitEdit> values) {
        String checked = presetName(name);
        String desc = description == null ? "" : description.strip();
        if (desc.length() > 200) {
            throw new InvalidInputException("description", "at most 200 characters");
        }
        Map<KnownLimit, LimitValues> valid = LimitEdits.validate(values);
        Map<String, long[]> rows = new LinkedHashMap<>();
        valid.forEach((k, v) -> rows.put(k.fileName(), new long[]{v.soft(), v.hard()}));
        Object before = repository.find(checked).orElse(null);
        return audit.audited(AuditActions.LIMITS_PRESET_SAVE, AuditTarget.detail(checked), before, () -> {
            repository.save(checked, desc, rows);
            return repository.find(checked).orElseThrow();
        });
    }

    @PreAuthorize("hasRole('ADMIN')")
    @AuditedAction(AuditActions.LIMITS_PRESET_DELETE)
    public void delete(String name) {
        String checked = presetName(name);
        LimitPreset before = repository.find(checked)
                .orElseThrow(() -> new InvalidInputException("preset", "no preset named '" + checked + "'"));
        audit.audited(AuditActions.LIMITS_PRESET_DELETE, AuditTarget.detail(checked), before, () -> repository.delete(checked));
    }

    /**
     * Applies a preset to each guest in turn: written to {@code rlimits/} and, when the guest
     * runs, applied live. One guest failing (not visible, conflict, driver error) does not stop
     * the others; each gets its own result and its own audit row ({@code limits.set}).
     */
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    @AuditedAction(AuditActions.LIMITS_PRESET_APPLY)
    public List<PresetResult> apply(String presetName, @Nullable List<String> guests) {
        Map<String, LimitEdit> edits = preset(presetName);
        List<PresetResult> results = limits.applyToGuests(edits, guests);
        audit.audited(AuditActions.LIMITS_PRESET_APPLY, AuditTarget.detail(presetName), Map.of("guests", guests), () -> results);
        return results;
    }

    static String presetName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("preset name",
                    "1-32 lower-case ASCII letters, digits, '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
