package org.vsconsole.e2e;

import org.openqa.selenium.Keys;

/**
 * A user with a keyboard only: keys go to whatever has focus, and focus moves only by keys. What
 * has focus is read through open shadow roots, as a screen reader would announce it.
 */
final class Keyboard {

    /** The focused element, followed into shadow roots; its id, or its tag and text when it has none. */
    private static final String DEEP_ACTIVE = """
            let e = document.activeElement;
            while (e && e.shadowRoot && e.shadowRoot.activeElement) { e = e.shadowRoot.activeElement; }
            return e;
            """;

    private final Browser browser;

    Keyboard(Browser browser) {
        this.browser = browser;
    }

    void press(CharSequence... keys) {
        browser.driver().switchTo().activeElement().sendKeys(keys);
        browser.waitForVaadin();
    }

    void type(String text) {
        press(Keys.chord(Keys.CONTROL, "a"));
        press(text);
    }

    /**
     * Presses Tab (or {@code key}) until the focused element, followed into shadow roots, makes
     * {@code predicate} true; {@code predicate} is a script body that gets the element as {@code e}.
     */
    void moveUntil(CharSequence key, String what, String predicate) {
        for (int i = 0; i < 60; i++) {
            if (Boolean.TRUE.equals(browser.js("const e = (() => {" + DEEP_ACTIVE + "})(); return !!e && (" + predicate + ");"))) {
                return;
            }
            press(key);
        }
        throw new AssertionError("60 key presses never focused " + what + "; focus is on " + describeFocus());
    }

    void tabUntil(String what, String predicate) {
        moveUntil(Keys.TAB, what, predicate);
    }

    /**
     * Tabs to the element with this id (or to the native input a Vaadin field with this id slots
     * in) and fails unless the user can see where focus is: Vaadin's focus ring, or an outline.
     */
    void tabTo(String id) {
        tabUntil("#" + id, "e.id === '" + id + "' || e.closest('#" + id + "') !== null");
        Object visible = browser.js("""
                const target = document.getElementById(arguments[0]);
                let e = document.activeElement;
                while (e && e.shadowRoot && e.shadowRoot.activeElement) { e = e.shadowRoot.activeElement; }
                const outlined = x => { const s = getComputedStyle(x);
                    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none'; };
                return target.hasAttribute('focus-ring') || outlined(e) || outlined(target);
                """, id);
        if (!Boolean.TRUE.equals(visible)) {
            throw new AssertionError("#" + id + " has focus but shows no focus ring or outline");
        }
    }

    String describeFocus() {
        return String.valueOf(browser.js("const e = (() => {" + DEEP_ACTIVE + "})();"
                + " return e ? e.localName + (e.id ? '#' + e.id : '') + ' \"' + (e.textContent || '').trim().slice(0, 40) + '\"' : 'nothing';"));
    }
}
