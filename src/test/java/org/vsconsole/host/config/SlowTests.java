package org.vsconsole.host.config;

/**
 * Gate for the slow crash test. {@code -Dtest=org.vsconsole.host.config.**}
 * overrides surefire's includes, so without this a package-wide run would pull in minutes of
 * SIGKILL rounds. They run when named in {@code -Dtest} (surefire forwards it to the fork), and
 * the IT also when no {@code -Dtest} filter is given at all (failsafe during {@code mvn verify}).
 */
final class SlowTests {

    private SlowTests() {
    }

    static boolean namedOrUnfiltered(String simpleName) {
        String filter = System.getProperty("test");
        return filter == null || filter.isBlank() || filter.contains(simpleName);
    }

    static boolean crashTestRequested() {
        return namedOrUnfiltered("ConfigWriterCrashIT");
    }
}
