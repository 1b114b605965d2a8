package org.vsconsole.host;

/**
 * How to build a guest root. {@code source} is the guest to clone (for {@code CLONE});
 * {@code dist} and {@code mirror} are for {@code DEBOOTSTRAP}.
 */
public record BuildRequest(Method method, String source, String dist, String mirror) {

    public enum Method { SKELETON, CLONE, DEBOOTSTRAP }

    public static BuildRequest skeleton() {
        return new BuildRequest(Method.SKELETON, null, null, null);
    }
}
