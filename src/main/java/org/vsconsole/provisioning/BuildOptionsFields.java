package org.vsconsole.provisioning;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wizard's fields for how a guest is set up beyond its method: the Debian suite and mirror,
 * and what newvserver sets in the new guest (root password, SSH keys, packages, a post-install
 * command). Only shown for the methods they apply to; checked by the server, whose refusal lands
 * on the field it names.
 */
final class BuildOptionsFields {

    final Select<String> dist = new Select<>();
    final TextField mirror = new TextField("Mirror");
    final PasswordField rootPassword = new PasswordField("Root password (optional)");
    final TextArea sshKeys = new TextArea("Root's SSH public keys (optional, one per line)");
    final TextField packages = new TextField("Extra packages (optional, separated by spaces)");
    final TextArea postInstall = new TextArea("Command to run inside the guest once built (optional)");
    private final GuestCreationService creation;

    BuildOptionsFields(GuestCreationService creation) {
        this.creation = creation;
        dist.setLabel("Distribution");
        dist.setId("wizard-dist");
        List<String> suites = creation.debianSuites();
        dist.setItems(suites);
        dist.setHelperText(suites.isEmpty() ? "debootstrap is not installed on this host" : null);
        if (!suites.isEmpty()) {
            dist.setValue(suites.getFirst());
        }
        mirror.setId("wizard-mirror");
        mirror.setPlaceholder(creation.defaultMirror(dist.getValue()));
        mirror.setHelperText("Empty: the host's own Debian mirror. Guests fetch packages through the host's package cache.");
        dist.addValueChangeListener(e -> mirror.setPlaceholder(creation.defaultMirror(e.getValue())));
        rootPassword.setId("wizard-root-password");
        rootPassword.setHelperText("8 to 128 characters; stored only as a hash in the guest's /etc/shadow");
        sshKeys.setId("wizard-ssh-keys");
        sshKeys.setPlaceholder("ssh-ed25519 AAAA… user@example");
        packages.setId("wizard-packages");
        packages.setPlaceholder("openssh-server less");
        packages.setHelperText("Installed inside the guest after the build (Debian builds only)");
        postInstall.setId("wizard-post-install");
        postInstall.setHelperText("Runs once with /bin/sh as the guest's root; the guest is started for it");
        for (var f : List.of(mirror, packages)) {
            f.setWidth("24em");
        }
        for (var f : List.of(sshKeys, postInstall)) {
            f.setWidth("32em");
        }
    }

    com.vaadin.flow.component.Component[] components() {
        return new com.vaadin.flow.component.Component[]{dist, mirror, rootPassword, sshKeys, packages, postInstall};
    }

    void showFor(String method) {
        boolean debian = "debootstrap".equals(method);
        dist.setVisible(debian);
        mirror.setVisible(debian);
        packages.setVisible(debian);
    }

    CreateGuestRequest.Build request(String method, String source) {
        List<String> names = packages.getValue().isBlank()
                ? List.of()
                : Arrays.asList(packages.getValue().trim().split("\\s+"));
        return new CreateGuestRequest.Build(method, source, dist.getValue(), mirror.getValue(), rootPassword.getValue(),
                sshKeys.getValue(), names, postInstall.getValue());
    }

    /** The field the server named in a refusal, if it is one of these. */
    Optional<HasValidation> field(String name) {
        return Optional.ofNullable(Map.<String, HasValidation>of("build.dist", dist, "build.mirror", mirror,
                "build.rootPassword", rootPassword, "build.sshKeys", sshKeys, "build.packages", packages,
                "build.postInstall", postInstall).get(name));
    }

    List<HasValidation> all() {
        return List.of(dist, mirror, rootPassword, sshKeys, packages, postInstall);
    }

    String describeDebian() {
        String from = mirror.getValue().isBlank() ? creation.defaultMirror(dist.getValue()) : mirror.getValue();
        return "debootstrap " + dist.getValue() + " from " + from
                + (packages.getValue().isBlank() ? "" : ", then install " + packages.getValue().trim());
    }

    /** "root password set; 2 SSH keys for root; post-install command", or empty. */
    String describeSetup() {
        List<String> parts = new java.util.ArrayList<>();
        if (!rootPassword.getValue().isEmpty()) {
            parts.add("root password set");
        }
        long keys = sshKeys.getValue().lines().filter(l -> !l.isBlank()).count();
        if (keys > 0) {
            parts.add(keys + (keys == 1 ? " SSH key" : " SSH keys") + " for root");
        }
        if (!postInstall.getValue().isBlank()) {
            parts.add("post-install command");
        }
        return String.join("; ", parts);
    }
}
