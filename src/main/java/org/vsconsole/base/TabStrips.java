package org.vsconsole.base;

import com.vaadin.flow.component.Component;

/**
 * Vaadin's tab strip wraps its tabs in a scroll box that takes focus ({@code tabindex="-1"}); inside
 * a {@code tablist} that box is a child of no allowed role, so assistive technology finds a tab list
 * whose tabs sit in an unnamed focusable group (axe: {@code aria-required-children}, critical).
 * The box never needs focus: the tabs themselves keep Vaadin's roving focus and arrow keys.
 * A runtime call, not a frontend import, so the production build still needs no Node.
 */
public final class TabStrips {

    private TabStrips() {
    }

    /** For a {@code Tabs} or a {@code TabSheet} (whose strip is its {@code vaadin-tabs} child). */
    public static void withoutFocusableScroller(Component tabsOrSheet) {
        tabsOrSheet.getElement().executeJs("""
                const strip = this.localName === 'vaadin-tabs' ? this : this.querySelector(':scope > vaadin-tabs');
                if (!strip) { return; }
                customElements.whenDefined('vaadin-tabs')
                    .then(() => strip.updateComplete)
                    .then(() => strip.shadowRoot && strip.shadowRoot.getElementById('scroll')?.removeAttribute('tabindex'));
                """);
    }
}
